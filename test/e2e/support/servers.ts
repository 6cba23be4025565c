import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LocalRunwareTiming } from '@seedance-kit/local-runware';
import type { SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { preview } from 'vite';
import { inject } from 'vitest';
import { seedanceDevRoute } from '../../../examples/demo/seedance-dev-route.js';
import { DEMO_ROOT, NEXT_ROOT, REPO_ROOT } from './paths.js';

/** A simulator quick enough for a browser test, slow enough to see queued, progress and done. */
export const E2E_TIMING: LocalRunwareTiming = { ackDelayMs: 20, queueMs: 300, progressIntervalMs: 100, minRenderMs: 1500 };
/** Polls of the simulator every 100–250 ms instead of Runware's 1 s and up. */
export const E2E_POLLING = { firstDelayMs: 100, secondDelayMs: 50, factor: 1, maxDelayMs: 250, retryBaseDelayMs: 50 } as const;
export const E2E_RETRY = { submitRetries: 2, submitRetryDelayMs: 50, requestTimeoutMs: 10_000 } as const;

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

/** Handler log lines would drown the test output; errors still show. */
export const quietLogger = { warn() {}, error: (...args: unknown[]) => console.error('[handler]', ...args) };

/**
 * The demo as `vite build` made it (see global-setup), served by Vite's preview server with the
 * demo's own route plugin, on a free port. The handler options are the test's: usually a
 * `localRunware` instance the test holds, so it can read `stats` and inject faults.
 */
export async function startDemo(options: SeedanceHandlerOptions & { keepDir?: string } = {}): Promise<Running> {
  const server = await preview({
    configFile: false,
    root: DEMO_ROOT,
    logLevel: 'silent',
    build: { outDir: inject('demoDist') },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    plugins: [seedanceDevRoute({ basePath: '/api/seedance', polling: E2E_POLLING, retry: E2E_RETRY, logger: quietLogger, ...options })],
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `next start` of the example app (built once by global-setup) on a free port. `env` reaches
 * the route handler: RUNWARE_API_KEY and RUNWARE_BASE_URL point it at a local Runware.
 * By default the app is browsed at `localhost` (what `next start` prints: its route handlers
 * see `localhost` in request.url whatever the Host header says, so the handler's own-origin
 * check matches only that). `publicUrl: true` browses at 127.0.0.1 and tells the handler so
 * through SEEDANCE_PUBLIC_URL, as a deployment behind a domain would.
 */
export async function startNext(env: Record<string, string>, options: { publicUrl?: boolean } = {}): Promise<Running> {
  const port = await freePort();
  const url = options.publicUrl ? `http://127.0.0.1:${port}/` : `http://localhost:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: NEXT_ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ...(options.publicUrl && { SEEDANCE_PUBLIC_URL: `${url}api/seedance` }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 200))]);
    if (early !== 'running') throw new Error(`next start exited (${early}):\n${output}`);
    // Any answer will do: a route with no provider answers 503, and that is what some tests want.
    const ok = await fetch(`http://127.0.0.1:${port}/api/seedance/limits`).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
