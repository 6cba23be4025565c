import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A browser build resolves the packages as an app's bundler would: through their package.json
// exports with the `browser` condition (no repository aliases, no build of the packages needed).
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(CACHE, 'browser-refusal-'));
});
afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

async function browserBuild(source: string): Promise<unknown> {
  const entry = join(app, `entry-${Math.random().toString(36).slice(2)}.js`);
  await writeFile(entry, source);
  try {
    await build({ configFile: false, root: app, logLevel: 'silent', build: { write: false, rollupOptions: { input: entry } } });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('server code in a browser bundle', () => {
  for (const entry of ['server', 'next', 'express', 'hono', 'node', 'redis', 'internal']) {
    it(`@seedance-kit/core/${entry} fails the build, saying the route belongs on the server`, async () => {
      const error = await browserBuild(`import { createSeedanceHandler } from '@seedance-kit/core/${entry}';\nconsole.log(createSeedanceHandler);\n`);
      expect(String(error)).toMatch(/server entries hold the Runware API key and belong on the server/);
    });
  }

  it('@seedance-kit/local-runware fails the build, saying it is a server-side development tool', async () => {
    const error = await browserBuild(`import { createLocalRunware } from '@seedance-kit/local-runware';\nconsole.log(createLocalRunware);\n`);
    expect(String(error)).toMatch(/local-runware is a server-side development and test tool/);
  });

  it('the browser entry builds', async () => {
    expect(await browserBuild(`import { validateGenerationInput } from '@seedance-kit/core';\nconsole.log(validateGenerationInput);\n`)).toMatchObject({});
  });
});

describe('the browser stand-ins', () => {
  const exported = async (file: string) => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
    return new Set([...text.matchAll(/refused as (\w+)/g)].map((match) => match[1]));
  };

  it('name everything the server entries export, so a named import fails on the right line', async () => {
    const names = await exported('../../packages/core/server-only.js');
    const entries = await Promise.all([
      import('@seedance-kit/core/server'),
      import('@seedance-kit/core/next'),
      import('@seedance-kit/core/express'),
      import('@seedance-kit/core/hono'),
      import('@seedance-kit/core/node'),
      import('@seedance-kit/core/redis'),
    ]);
    for (const entry of entries) for (const name of Object.keys(entry)) expect(names).toContain(name);
  });

  it('name everything the local Runware exports', async () => {
    const names = await exported('../../packages/local-runware/server-only.js');
    for (const entry of [await import('@seedance-kit/local-runware'), await import('@seedance-kit/local-runware/msw')]) {
      for (const name of Object.keys(entry)) expect(names).toContain(name);
    }
  });
});
