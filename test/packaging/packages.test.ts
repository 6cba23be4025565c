import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What `npm publish` would ship, checked on the built packages: this test builds nothing, so it
 * runs after `npm run build` (as `.ci/run` does) and says so plainly when dist is missing. Each
 * package is packed once; the file list, publint and arethetypeswrong all read that tarball.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'react', 'local-runware'] as const;
const dir = (name: string) => `${root}packages/${name}`;

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

interface PackageJson {
  readonly name: string;
  readonly exports: Record<string, string | { readonly types?: string; readonly default?: string }>;
}

describe.each(PACKAGES)('@seedance-kit/%s as published', (name) => {
  const pkgDir = dir(name);
  const manifest = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8')) as PackageJson;
  let files: readonly PackedFile[] = [];
  let tarball = '';
  const out = mkdtempSync(join(tmpdir(), `seedance-pack-${name}-`));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  beforeAll(async () => {
    if (!existsSync(`${pkgDir}/dist/index.js`)) {
      throw new Error(`packages/${name}/dist is missing: run \`npm run build\` before this test (it checks the built package).`);
    }
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: pkgDir });
    const [packed] = JSON.parse(stdout) as [{ files: PackedFile[]; filename: string }];
    files = packed.files;
    tarball = join(out, packed.filename);
  }, 60_000);

  it('ships its README, LICENSE, package.json and the types of every export', () => {
    const paths = new Set(files.map((file) => file.path));
    for (const required of ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts']) expect(paths, required).toContain(required);
    for (const target of Object.values(manifest.exports)) {
      if (typeof target === 'string') expect(paths, target).toContain(target.replace(/^\.\//, ''));
      else for (const file of [target.types, target.default]) if (file) expect(paths, file).toContain(file.replace(/^\.\//, ''));
    }
    // Only the built files, the docs and the browser stub: no sources, tests or stories leak into the tarball.
    expect([...paths].filter((path) => !/^(dist\/|README\.md$|LICENSE$|package\.json$|server-only\.js$)/.test(path))).toEqual([]);
  });

  it('passes publint (strict, suggestions included)', async () => {
    const bytes = readFileSync(tarball);
    // No pkgDir: publint lints the tarball's own root (`package/`).
    const { messages, pkg } = await publint({ level: 'suggestion', strict: true, pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) } });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  }, 60_000);

  it('passes arethetypeswrong', async () => {
    // ESM only on purpose (`type: module`, no `require` condition): the esm-only profile leaves out
    // the node10 and node16-from-CJS resolutions, which can never load an ESM-only package.
    // styles.css has no types by nature.
    const args = ['attw', tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--exclude-entrypoints', 'styles.css'];
    const outcome = await run('npx', args, { cwd: pkgDir }).then(
      () => 'ok',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(outcome).toBe('ok');
  }, 60_000);
});
