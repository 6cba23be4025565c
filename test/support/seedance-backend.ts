/**
 * The real handler and the local Runware for the tests that run the whole stack: over a real
 * node:http server (`startBackend`, the client tests) or behind msw (`startMswBackend`, the hook
 * and widget tests, as an app's own tests would). One set of fast timings for both.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSeedanceClient, type SeedanceClient, type SeedanceClientOptions, type TaskSnapshot, type TaskTransport } from '@seedance-kit/core';
import { createSeedanceHandler, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { localRunwareProvider, type LocalRunware, type LocalRunwareOptions } from '@seedance-kit/local-runware';
import { seedanceMswBackend } from '@seedance-kit/local-runware/msw';
import { setupServer, type SetupServerApi } from 'msw/node';

export { HOLD, INPUT } from './inputs.js';

/** Short simulator and polling timings so a 1.2 s clip is done in a few hundred ms. */
export const FAST: SeedanceHandlerOptions = {
  secret: 'backend-test-secret-0123456789abcdef',
  polling: { firstDelayMs: 10, secondDelayMs: 10, factor: 1.5, maxDelayMs: 50 },
  policy: { rateLimit: null },
  logger: { warn: () => undefined, error: () => undefined },
};

/** The simulator's settings: each backend gets its own local Runware with them. */
export const LOCAL: LocalRunwareOptions = {
  timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 40 },
  // A prompt with [hold] never finishes (until the handler closes): for cancel and abort tests, no render spent.
  faults: [{ kind: 'timeout', delayMs: 600_000, match: (task) => task.positivePrompt.includes('[hold]') }],
};

/** Per-test limit where real videos are rendered: well under 1 s normally, more on a loaded 2-core CI box. */
export const RENDER_TIMEOUT = 20_000;

/** Where the msw backend answers (any origin works; the hooks' provider is given this one). */
export const ENDPOINT = 'http://localhost:3000/api/seedance';

/** What a test may do to a request on its way to the handler: pass it, answer otherwise, or cut the connection. */
export type Intercept = (request: Request, handler: SeedanceHandler) => Promise<Response | 'drop'>;

export interface Backend {
  readonly baseUrl: string;
  readonly handler: SeedanceHandler;
  /** The simulator behind the handler (when no other provider was passed). */
  readonly localRunware: LocalRunware;
  /** Requests seen, as `METHOD /path`. */
  readonly seen: string[];
  intercept: Intercept | undefined;
  client(options?: Partial<SeedanceClientOptions>): SeedanceClient;
  close(): Promise<void>;
}

/** The real handler behind a real node:http server on 127.0.0.1, streaming bodies as they come. */
export async function startBackend(options: SeedanceHandlerOptions = {}): Promise<Backend> {
  const local = localRunwareProvider(LOCAL);
  const handler = createSeedanceHandler({ ...FAST, provider: local, ...options, policy: { ...FAST.policy, ...options.policy } });
  const seen: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const { port } = server.address() as AddressInfo;
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method,
      headers,
      signal: abort.signal,
      ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
    });
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
    const response = backend.intercept ? await backend.intercept(request, handler) : await handler(request);
    if (response === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/seedance`;
  const backend: Backend = {
    baseUrl,
    handler,
    localRunware: local.localRunware,
    seen,
    intercept: undefined,
    client: (overrides = {}) => createSeedanceClient({ baseUrl, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 }, pollIntervalMs: 20, ...overrides }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.close();
    },
  };
  return backend;
}

/** Follows a task to its end, collecting every snapshot and transport change. */
export function follow(client: SeedanceClient, id: string, token: string, extra: { lastEventId?: number } = {}) {
  const snapshots: TaskSnapshot[] = [];
  const transports: TaskTransport[] = [];
  const done = new Promise<TaskSnapshot>((resolve, reject) => {
    client.subscribe(
      id,
      token,
      (snapshot) => {
        snapshots.push(snapshot);
        if (['succeeded', 'failed', 'cancelled', 'expired'].includes(snapshot.status)) resolve(snapshot);
      },
      { onError: reject, onTransport: (t) => transports.push(t), ...extra },
    );
  });
  return { snapshots, transports, done };
}

export const submitted = (backend: Backend) => backend.localRunware.stats.submitted;

export interface MswBackend {
  readonly handler: SeedanceHandler;
  /** The simulator behind the handler (when no other provider was passed). */
  readonly localRunware: LocalRunware;
  readonly server: SetupServerApi;
  /** Requests seen, as `METHOD /path`. */
  readonly seen: string[];
  /** `videoInference` tasks the simulator accepted: what would have been paid for. */
  submitted(): number;
  close(): Promise<void>;
}

export function startMswBackend(options: SeedanceHandlerOptions = {}, simulator: LocalRunwareOptions = LOCAL): MswBackend {
  // As an app's own tests would: the kit's msw handlers, with this suite's timings and faults.
  const backend = seedanceMswBackend({ localRunware: simulator, handler: { ...FAST, ...options, policy: { ...FAST.policy, ...options.policy } } });
  const seen: string[] = [];
  const server = setupServer(...backend.handlers);
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.startsWith('/api/seedance/')) seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  server.listen({ onUnhandledRequest: 'error' });
  return {
    handler: backend.handler,
    localRunware: backend.localRunware,
    server,
    seen,
    submitted: () => backend.localRunware.stats.submitted,
    async close() {
      server.close();
      await backend.close();
    },
  };
}
