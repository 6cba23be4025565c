import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { packageAliases } from '../../vite.config.js';

/** Peer libraries a consumer app already has; left out of the figures, as the budget says. */
export const PEER_EXTERNALS = [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\/react-query/, /^radix-ui/, /^@radix-ui\//, /^zod($|\/)/];

export interface BundleFigure {
  readonly name: string;
  /** What loads with the page: the entry and what it imports statically. */
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** Chunks loaded on demand (`import()`), e.g. photo scaling when a file is picked; 0 when none. */
  readonly lazyGzipBytes: number;
}

/**
 * Bundles `source` (an entry module's text) for the browser, minified and tree-shaken, with
 * `external` left out, and reports its size. Built in memory: nothing is written.
 */
export async function measureBundle(name: string, source: string, options: { external?: readonly (string | RegExp)[]; root?: string } = {}): Promise<BundleFigure> {
  const dir = await mkdtemp(join(tmpdir(), 'seedance-budget-'));
  const entry = join(dir, 'entry.js');
  await writeFile(entry, source);
  try {
    return { name, ...(await bundleSize(entry, options)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function bundleSize(entry: string, options: { external?: readonly (string | RegExp)[]; root?: string }): Promise<Omit<BundleFigure, 'name'>> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: options.root ?? process.cwd(),
    resolve: { alias: packageAliases },
    // What a consumer ships: production JSX (vitest's NODE_ENV=test would emit jsxDEV with file
    // names and lines) and whitespace minified too (library mode keeps it otherwise).
    define: { 'process.env.NODE_ENV': '"production"' },
    oxc: { jsx: { development: false } },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'budget' },
      rollupOptions: { external: [...(options.external ?? PEER_EXTERNALS)], output: { minify: true } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const output of outputs) for (const chunk of output.output) if (chunk.type === 'chunk') chunks.set(chunk.fileName, chunk);
  // The page loads the entry and, transitively, its static imports; the rest waits for an import().
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name) || !chunks.has(name)) return;
    initial.add(name);
    for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const code = (lazy: boolean) => Buffer.from([...chunks.values()].filter((c) => initial.has(c.fileName) !== lazy).map((c) => c.code).join(''));
  const page = code(false);
  const later = code(true);
  return { minifiedBytes: page.length, gzipBytes: gzipSync(page, { level: 9 }).length, lazyGzipBytes: later.length ? gzipSync(later, { level: 9 }).length : 0 };
}

export function formatFigure(figure: BundleFigure): string {
  const lazy = figure.lazyGzipBytes ? `  + ${(figure.lazyGzipBytes / 1024).toFixed(2)} kB gzip on demand` : '';
  return `${figure.name.padEnd(40)} ${(figure.minifiedBytes / 1024).toFixed(1).padStart(7)} kB min  ${(figure.gzipBytes / 1024).toFixed(2).padStart(6)} kB gzip${lazy}`;
}
