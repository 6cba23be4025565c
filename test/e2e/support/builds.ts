import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The newest modification time under `dir` (files only), 0 when it does not exist. */
export async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const { mtimeMs } = await stat(join(entry.parentPath, entry.name));
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

async function mtime(path: string): Promise<number> {
  return stat(path).then((s) => s.mtimeMs, () => 0);
}

/** Runs a command to completion; its output is shown only when it fails. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

/**
 * The demo and the Next.js app use the packages' dist, as a consumer app would. CI builds them
 * before `npm test`; locally they are rebuilt here when a source is newer than the build.
 */
export async function ensurePackagesBuilt(): Promise<'fresh' | 'built'> {
  const packages = ['core', 'react', 'local-runware'].map((name) => join(REPO_ROOT, 'packages', name));
  let stale = false;
  for (const dir of packages) {
    const built = await mtime(join(dir, 'dist/index.js'));
    const sources = Math.max(await newestMtime(join(dir, 'src')), await mtime(join(dir, 'tsdown.config.ts')), await mtime(join(dir, 'package.json')));
    if (built === 0 || sources > built) stale = true;
  }
  if (!stale) return 'fresh';
  await run('npm', ['run', 'build'], { cwd: REPO_ROOT });
  return 'built';
}

/**
 * Whether `output` (a file a build writes last) is newer than every input file or directory,
 * and was made with the same `stamp` (written beside it by `writeStamp`).
 */
export async function isFresh(output: string, inputs: readonly string[], stamp: string): Promise<boolean> {
  const built = await mtime(output);
  if (built === 0) return false;
  const saved = await readFile(`${output}.e2e-stamp`, 'utf8').catch(() => '');
  if (saved !== stamp) return false;
  for (const input of inputs) {
    const changed = Math.max(await mtime(input), await newestMtime(input));
    if (changed > built) return false;
  }
  return true;
}

export async function writeStamp(output: string, stamp: string): Promise<void> {
  await writeFile(`${output}.e2e-stamp`, stamp);
}
