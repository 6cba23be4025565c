import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePackagesBuilt } from '../e2e/support/builds.js';
import { saveTable } from './support/report.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
let work: string;

beforeAll(async () => {
  await ensurePackagesBuilt();
  work = await mkdtemp(join(tmpdir(), 'seedance-install-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Bytes on disk under `dir` (files only), and whether any path matches `pattern`. */
async function measure(dir: string, pattern: RegExp): Promise<{ bytes: number; matches: string[] }> {
  let bytes = 0;
  const matches: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (pattern.test(path.slice(dir.length))) matches.push(path.slice(dir.length));
    if (entry.isFile()) bytes += (await stat(path)).size;
  }
  return { bytes, matches };
}

async function pack(name: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(REPO, 'packages', name) });
  return join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
}

/** A fresh app that installs the tarballs (and their required peers) with production dependencies only. */
async function installApp(name: string, dependencies: Record<string, string>): Promise<string> {
  const app = join(work, name);
  await run('mkdir', ['-p', app]);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2));
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], { cwd: app, maxBuffer: 64 << 20 });
  return join(app, 'node_modules');
}

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('installed size of an app that uses the kit', () => {
  it('core + react with production dependencies carries no ffmpeg', async () => {
    const [core, react, local] = await Promise.all([pack('core'), pack('react'), pack('local-runware')]);
    const peers = { react: '^19.3.1', 'react-dom': '^19.3.1', '@tanstack/react-query': '^5.108.0' };
    const prod = await measure(await installApp('prod-app', { '@seedance-kit/core': `file:${core}`, '@seedance-kit/react': `file:${react}`, ...peers }), /ffmpeg|ffprobe|local-runware/);
    const kit = await measure(join(work, 'prod-app/node_modules/@seedance-kit'), /$^/);
    const withLocal = await measure(
      await installApp('dev-app', { '@seedance-kit/core': `file:${core}`, '@seedance-kit/react': `file:${react}`, '@seedance-kit/local-runware': `file:${local}`, ...peers }),
      /ffmpeg/,
    );
    await saveTable('install-size', {
      order: 9,
      title: 'Installed size of a fresh app (npm install, production dependencies)',
      columns: ['app', 'node_modules', 'the kit itself', 'ffmpeg files'],
      rows: [
        ['@seedance-kit/core + react (+ react, react-dom, react-query)', MB(prod.bytes), MB(kit.bytes), String(prod.matches.length)],
        ['… + @seedance-kit/local-runware (a dev dependency)', MB(withLocal.bytes), '', String(withLocal.matches.length)],
      ],
      notes: ['Before the simulator left core: 140 MB, 66 MB of it ffmpeg.'],
    });
    expect(prod.matches).toEqual([]);
    expect(withLocal.matches.length).toBeGreaterThan(0);
  });
});
