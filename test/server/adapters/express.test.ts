import { localRunwareProvider } from '@seedance-kit/local-runware';
import express from 'express';
import { createServer } from 'node:http';
import { createSeedanceMiddleware } from '@seedance-kit/core/express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exerciseAdapter } from '../support/adapter-contract.js';
import { countingStore } from '../support/counting-store.js';
import { Api, BASIC_INPUT, FAST_POLLING, FAST_TIMING, listen, quietLogger, type Listening } from '../support/harness.js';

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

function mount(app: express.Express, store = countingStore(), basePath = '/api/seedance') {
  const middleware = createSeedanceMiddleware({ store, basePath, provider: localRunwareProvider({ timing: FAST_TIMING }), polling: FAST_POLLING, logger: quietLogger() });
  close = () => middleware.handler!.close();
  app.use(basePath, middleware);
  return store;
}

describe('@seedance-kit/core/express', () => {
  it('serves the whole protocol from app.use(basePath, middleware), SSE streamed and released on disconnect', async () => {
    const app = express();
    const store = mount(app);
    app.get('/health', (_req, res) => {
      res.send('ok');
    });
    server = await listen(createServer(app));
    await exerciseAdapter(new Api(`${server.url}/api/seedance`), store);
    // The rest of the app is untouched.
    expect(await (await fetch(`${server.url}/health`)).text()).toBe('ok');
  });

  it('works behind express.json() (the parsed body is sent on) and at another mount path', async () => {
    const app = express();
    app.use(express.json());
    mount(app, countingStore(), '/video');
    server = await listen(createServer(app));
    const api = new Api(`${server.url}/video`);
    const created = await api.create({ ...BASIC_INPUT, seed: '9007199254740993' });
    expect(created.status).toBe(201);
    expect(created.body.task.input.seed).toBe('9007199254740993');
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.results[0]!.seed).toBe('9007199254740993');
    expect(done.results[0]!.videoURL.startsWith(`${server.url}/video/files/`)).toBe(true);
  });

  it('passes a request it cannot even convert to Express’s error handler', async () => {
    const app = express();
    const middleware = createSeedanceMiddleware(async () => {
      throw new Error('boom');
    });
    app.use('/api/seedance', middleware);
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(599).send(error.message);
    });
    server = await listen(createServer(app));
    const res = await fetch(`${server.url}/api/seedance/limits`);
    expect(res.status).toBe(599);
    expect(await res.text()).toBe('boom');
  });
});
