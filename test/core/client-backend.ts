/** The real handler on a real node:http server, for the client tests (test/core/client*.test.ts). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSeedanceClient, type GenerationInput, type SeedanceClient, type SeedanceClientOptions, type TaskSnapshot, type TaskTransport } from '@seedance-kit/core';
import { createSeedanceHandler, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { localRunwareProvider, type LocalRunware, type LocalRunwareOptions } from '@seedance-kit/local-runware';

// Short simulator and polling timings: a 1.2 s clip at 480p renders in well under a second.
export const FAST: SeedanceHandlerOptions = {
  secret: 'client-test-secret-0123456789abcdef',
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

export const INPUT: GenerationInput = { positivePrompt: 'A lighthouse at dawn, waves rolling in', width: 864, height: 480, duration: 1.2 };
/** A task that stays processing until cancelled. */
export const HOLD: GenerationInput = { ...INPUT, positivePrompt: 'A lighthouse at dawn [hold]' };

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

