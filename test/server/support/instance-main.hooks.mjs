// Node module hooks (module.register) that let a plain `node` child process run the kit's
// TypeScript sources the way vitest does through vite.config.ts: the `@seedance-kit/core`
// names map to packages/core/src, `./x.js` imports find `./x.ts`, and `.ts` files are stripped
// of types with esbuild (typescript's transpileModule as a fallback, ten times slower).
// Why not the built dist: it would need a build before every run and could lag the sources.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

let coreSrc = fileURLToPath(new URL('../../../packages/core/src/', import.meta.url));
let transform;

/** `data.coreSrc`: another copy of packages/core/src to run (e.g. to try a patch). */
export function initialize(data) {
  if (data?.coreSrc) coreSrc = data.coreSrc.endsWith('/') ? data.coreSrc : `${data.coreSrc}/`;
}

async function loadTransform() {
  try {
    const esbuild = await import('esbuild');
    return (source, path) =>
      esbuild.transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path, sourcemap: 'inline' }).code;
  } catch {
    const ts = (await import('typescript')).default;
    return (source, path) =>
      ts.transpileModule(source, {
        fileName: path,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
      }).outputText;
  }
}

const REPO_ROOT = new URL('../../../package.json', import.meta.url).href;
const ALIAS = /^@seedance-kit\/core(?:\/(.+))?$/;
const LOCAL_RUNWARE_SRC = fileURLToPath(new URL('../../../packages/local-runware/src/index.ts', import.meta.url));

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@seedance-kit/local-runware') return { url: pathToFileURL(LOCAL_RUNWARE_SRC).href, format: 'module', shortCircuit: true };
  const alias = ALIAS.exec(specifier);
  if (alias) {
    const file = alias[1] === undefined ? `${coreSrc}index.ts` : `${coreSrc}entries/${alias[1]}.ts`;
    if (existsSync(file)) return { url: pathToFileURL(file).href, format: 'module', shortCircuit: true };
  }
  const parent = context.parentURL;
  if (parent?.startsWith('file:') && parent.endsWith('.ts') && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, format: 'module', shortCircuit: true };
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    // A copy of the sources outside the repo still finds the repo's node_modules.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || /^[./]/.test(specifier) || specifier.startsWith('file:')) throw error;
    return nextResolve(specifier, { ...context, parentURL: REPO_ROOT });
  }
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
    transform ??= await loadTransform();
    const path = fileURLToPath(url);
    return { format: 'module', source: transform(readFileSync(path, 'utf8'), path), shortCircuit: true };
  }
  return nextLoad(url, context);
}
