import { localRunwareProvider } from '@seedance-kit/local-runware';
import { Hono } from 'hono';
import { createServer } from 'node:http';
import { createSeedanceHono, seedanceHonoHandler } from '@seedance-kit/core/hono';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createSeedanceHandler } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exerciseAdapter } from '../support/adapter-contract.js';
import { countingStore } from '../support/counting-store.js';
import { Api, FAST_POLLING, FAST_TIMING, listen, quietLogger, type Listening } from '../support/harness.js';

let server: Listening | undefined;
let close: (() => Promise<void>) | undefined;
beforeEach(() => {
  vi.stubEnv('RUNWARE_API_KEY', '');
});
afterEach(async () => {
  await server?.close();
  await close?.();
  server = undefined;
  vi.unstubAllEnvs();
});

const options = () => ({ provider: localRunwareProvider({ timing: FAST_TIMING }), polling: FAST_POLLING, logger: quietLogger() });

describe('@seedance-kit/core/hono', () => {
  it('createSeedanceHono mounts with app.route and serves the whole protocol', async () => {
    const store = countingStore();
    const seedance = createSeedanceHono({ ...options(), store });
    close = () => seedance.seedance.close();
    const app = new Hono();
    app.get('/', (c) => c.text('home'));
    app.route('/api/seedance', seedance);
    server = await listen(createServer(createSeedanceRequestListener(app.fetch)));
    await exerciseAdapter(new Api(`${server.url}/api/seedance`), store);
    expect(await (await fetch(`${server.url}/`)).text()).toBe('home');
  });

  it('seedanceHonoHandler plugs the handler into any Hono route', async () => {
    const store = countingStore();
    const handler = createSeedanceHandler({ ...options(), store });
    close = () => handler.close();
    const app = new Hono();
    app.all('/api/seedance/*', seedanceHonoHandler(handler));
    server = await listen(createServer(createSeedanceRequestListener(app.fetch)));
    await exerciseAdapter(new Api(`${server.url}/api/seedance`), store);
  });
});
