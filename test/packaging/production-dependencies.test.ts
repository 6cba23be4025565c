import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm install @seedance-kit/core @seedance-kit/react` brings into an app, read from the
// lockfile's resolved tree: each package's dependencies and required peers, transitively.
interface LockEntry {
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly optionalDependencies?: Record<string, string>;
}

async function productionClosure(roots: readonly string[]): Promise<Set<string>> {
  const lock = JSON.parse(await readFile(fileURLToPath(new URL('../../package-lock.json', import.meta.url)), 'utf8')) as { packages: Record<string, LockEntry> };
  const entryOf = (name: string): LockEntry | undefined => {
    const workspace = Object.entries(lock.packages).find(([path, entry]) => path.startsWith('packages/') && (entry as { name?: string }).name === name);
    return workspace?.[1] ?? lock.packages[`node_modules/${name}`];
  };
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = entryOf(name);
    const peers = Object.keys(entry?.peerDependencies ?? {}).filter((peer) => !entry?.peerDependenciesMeta?.[peer]?.optional);
    for (const dep of [...Object.keys(entry?.dependencies ?? {}), ...Object.keys(entry?.optionalDependencies ?? {}), ...peers]) visit(dep);
  };
  for (const root of roots) visit(root);
  return seen;
}

describe('a production install of the kit', () => {
  it('brings no ffmpeg, no ffprobe and no simulator with core and react', async () => {
    const installed = [...(await productionClosure(['@seedance-kit/core', '@seedance-kit/react']))];
    expect(installed.filter((name) => /ffmpeg|ffprobe|local-runware/.test(name))).toEqual([]);
    expect(installed).toContain('zod');
  });

  it('gets ffmpeg from the local Runware package, a development dependency', async () => {
    expect([...(await productionClosure(['@seedance-kit/local-runware']))]).toContain('@ffmpeg-installer/ffmpeg');
  });
});

// The built server entries, with every chunk they import: what a bundler or a serverless tracer
// would take along. The simulator is only named for an on-demand import, never imported.
const DIST = fileURLToPath(new URL('../../packages/core/dist/', import.meta.url));
const SERVER_ENTRIES = ['server.js', 'next.js', 'express.js', 'hono.js', 'node.js', 'redis.js'];

async function chunksOf(entry: string): Promise<Map<string, string>> {
  const chunks = new Map<string, string>();
  const visit = async (file: string) => {
    if (chunks.has(file)) return;
    const code = await readFile(file, 'utf8');
    chunks.set(file, code);
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) await visit(join(dirname(file), spec!));
  };
  await visit(join(DIST, entry));
  return chunks;
}

describe('the built server entries', () => {
  it.each(SERVER_ENTRIES)('%s and its chunks import no simulator, ffmpeg or child process', async (entry) => {
    if (!existsSync(join(DIST, entry))) throw new Error('packages/core/dist is missing: run `npm run build` before this test.');
    const chunks = await chunksOf(entry);
    for (const [file, code] of chunks) {
      expect(code, file).not.toMatch(/ffmpeg|ffprobe|child_process/);
      expect(code, file).not.toMatch(/(?:from|import)\s*["']@seedance-kit\/local-runware["']/);
    }
    expect(chunks.size).toBeGreaterThan(0);
  });
});
