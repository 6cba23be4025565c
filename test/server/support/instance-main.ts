// One handler instance in its own process: the kit's node adapter on 127.0.0.1, the Runware
// provider aimed at the test's local Runware, and a memory or Redis task store. Started by
// instance-process.ts with `node --import ./instance-main.register.mjs`; configured by the
// SEEDANCE_INSTANCE environment variable (JSON `InstanceConfig`); talks over the IPC channel.
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { createSeedanceRequestListener, keepOnDisk, type FinishedVideo } from '@seedance-kit/core/node';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import { createMemoryTaskStore, createSeedanceHandler, type SeedanceHandler, type TaskStore } from '@seedance-kit/core/server';
import type { InstanceConfig, InstanceMessage, ParentMessage } from './instance-process.js';

/** Every Runware request says which instance sent it, so the test can tell pollers apart. */
export const INSTANCE_HEADER = 'x-seedance-instance';

const config = JSON.parse(process.env.SEEDANCE_INSTANCE ?? 'null') as InstanceConfig | null;
if (!config) throw new Error('instance-main needs SEEDANCE_INSTANCE (an InstanceConfig as JSON)');

const send = (message: InstanceMessage) => {
  if (process.connected) process.send?.(message);
};
const log = (level: string) => (message: string, ...details: unknown[]) => {
  const rest = details.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join(' ');
  process.stderr.write(`[${config.name}] ${level} ${message} ${rest}\n`);
};

const store: TaskStore = config.redisUrl
  ? createRedisTaskStore({ url: config.redisUrl, ...(config.redisPrefix !== undefined && { prefix: config.redisPrefix }), logger: { warn: log('warn'), error: log('error') } })
  : createMemoryTaskStore(config.memorySweepIntervalMs !== undefined ? { sweepIntervalMs: config.memorySweepIntervalMs } : {});

const kept = config.keep && keepOnDisk({ dir: config.keep.dir, publicPath: '/videos' });
/** keepOnDisk, with every call written to the shared log so the test can count calls across processes. */
async function keepAndLog(video: FinishedVideo): Promise<string> {
  const { log, delayMs } = config!.keep!;
  await appendFile(log, `call ${config!.name} ${video.videoUUID} ${video.attempt}\n`);
  if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const url = await kept!(video);
  await appendFile(log, `kept ${config!.name} ${video.videoUUID} ${video.attempt}\n`);
  return url;
}

let handler: SeedanceHandler | undefined;
const server = createServer(
  createSeedanceRequestListener((request) => {
    if (kept && new URL(request.url).pathname.startsWith('/videos/')) return kept.serve(request);
    return handler ? handler(request) : new Response(null, { status: 503 });
  }),
);
// SSE streams stay open: a restart must not wait for them.
server.keepAliveTimeout = 1_000;
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.port ?? 0, '127.0.0.1', resolve);
});
const { port } = server.address() as AddressInfo;
const origin = `http://127.0.0.1:${port}`;

handler = createSeedanceHandler({
  apiKey: config.apiKey,
  baseUrl: config.runwareUrl,
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(INSTANCE_HEADER, config.name);
    return fetch(input, { ...init, headers });
  },
  secret: config.secret,
  store,
  publicUrl: `${origin}/api/seedance`,
  ...(config.webhookUrl !== undefined && {
    webhook: { url: config.webhookUrl, ...(config.webhookFallbackPollMs !== undefined && { fallbackPollMs: config.webhookFallbackPollMs }) },
  }),
  ...(config.polling && { polling: config.polling }),
  ...(config.retry && { retry: config.retry }),
  ...(config.taskTtlMs !== undefined && { taskTtlMs: config.taskTtlMs }),
  ...(config.heartbeatMs !== undefined && { heartbeatMs: config.heartbeatMs }),
  policy: { rateLimit: config.rateLimit ?? null },
  ...(config.rateLimitHeader !== undefined && {
    rateLimitKey: (request: Request) => request.headers.get(config.rateLimitHeader as string) ?? 'default',
  }),
  logger: { warn: log('warn'), error: log('error') },
  ...(config.keep && { keepResult: { keep: keepAndLog, retryDelayMs: 10, ...(config.keep.timeoutMs !== undefined && { timeoutMs: config.keep.timeoutMs }) } }),
});

let closing: Promise<void> | undefined;
/** A graceful stop: polls end and give their leases back, streams are cut, the store lets go. */
const close = () =>
  (closing ??= (async () => {
    server.close();
    server.closeAllConnections();
    await handler?.close();
    await store.close?.();
    send({ type: 'closed' });
    process.disconnect?.();
    process.exit(0);
  })());

process.on('SIGTERM', () => void close());
process.on('disconnect', () => void close()); // the test process went away
process.on('message', (message: ParentMessage) => {
  if (message.type === 'close') void close();
  else if (message.type === 'usage') {
    // --expose-gc: measure what is live, not what the collector has not reached yet.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    send({ type: 'usage', id: message.id, usage: { memory: process.memoryUsage(), cpu: process.cpuUsage() } });
  } else if (message.type === 'heapSnapshot') {
    (globalThis as { gc?: () => void }).gc?.();
    writeHeapSnapshot(message.path);
    send({ type: 'heapSnapshot', id: message.id, path: message.path });
  }
});
process.on('unhandledRejection', (reason) => {
  log('error')('unhandled rejection', reason instanceof Error ? reason.stack ?? reason.message : String(reason));
  send({ type: 'unhandledRejection', reason: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
});

send({ type: 'ready', url: origin, pid: process.pid });
