import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createSeedanceHandler, HEADERS, type CreateTaskResponse, type SeedanceHandler } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTable } from './support/report.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const READ_SECONDS = 2;

let localRunware: LocalRunware;
let handler: SeedanceHandler;
let server: Server;
let base: string;
let task: { id: string; token: string };

beforeAll(async () => {
  // A task that stays queued for a minute: reads and streams watch it, then a cancel ends it.
  localRunware = createLocalRunware({ timing: { ackDelayMs: 0, queueMs: 60_000 } });
  handler = createSeedanceHandler({
    provider: localRunwareProvider(localRunware),
    policy: { rateLimit: null },
    polling: { firstDelayMs: 60_000 },
    heartbeatMs: 60_000,
    logger: { warn() {}, error: console.error },
  });
  server = createServer(createSeedanceRequestListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/seedance`;
  const created = await fetch(`${base}/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ positivePrompt: 'A bench task that waits in the queue', width: 864, height: 480, duration: 5 }),
  });
  const body = (await created.json()) as CreateTaskResponse;
  task = { id: body.task.id, token: body.token };
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await handler?.close();
  await localRunware?.close();
});

async function forSeconds(seconds: number, workers: number, read: () => Promise<void>): Promise<number> {
  let count = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        await read();
        count++;
      }
    }),
  );
  return count / seconds;
}

describe('the handler', () => {
  it('serves snapshot reads and holds concurrent SSE streams', async () => {
    const url = `${base}/tasks/${task.id}`;
    const headers = { [HEADERS.taskToken]: task.token };
    const inProcess = await forSeconds(READ_SECONDS, 1, async () => {
      const response = await handler(new Request(`http://127.0.0.1${new URL(url).pathname}`, { headers }));
      await response.text();
    });
    const overHttp = await forSeconds(READ_SECONDS, 32, async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET answered ${response.status}`);
      await response.text();
    });

    // Open the streams; each must deliver the current snapshot before it counts as held.
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const opened = performance.now();
    const decoder = new TextDecoder();
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, async () => {
        const response = await fetch(`${base}/tasks/${task.id}/events?token=${encodeURIComponent(task.token)}`);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        let text = '';
        while (!text.includes('event: snapshot')) {
          const { done, value } = await reader.read();
          if (done) throw new Error('stream ended before its first snapshot');
          text += decoder.decode(value, { stream: true });
        }
        // Then wait for the end of the stream (after the terminal snapshot).
        const ended = (async () => {
          let tail = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return tail.includes('"status":"cancelled"');
            tail += decoder.decode(value, { stream: true });
          }
        })();
        // Wrapped: an async function returning the promise itself would wait for it.
        return { ended };
      }),
    );
    const openMs = performance.now() - opened;
    const rssHeld = process.memoryUsage().rss - rssBefore;

    const cancelled = performance.now();
    const cancel = await fetch(`${base}/tasks/${task.id}/cancel`, { method: 'POST', headers });
    expect(cancel.status).toBe(200);
    const endings = await Promise.all(streams.map((s) => s.ended));
    const fanOutMs = performance.now() - cancelled;
    expect(endings.every(Boolean)).toBe(true);

    await saveTable('4-handler', {
      order: 4,
      title: 'The handler (memory store, one Node process, 2 cores shared with the client)',
      columns: ['measure', 'figure'],
      rows: [
        ['snapshot reads per second, in process (handler(Request))', inProcess.toFixed(0)],
        ['snapshot reads per second, over HTTP (32 keep-alive clients)', overHttp.toFixed(0)],
        [`concurrent SSE streams held`, `${STREAMS} (all got their snapshot)`],
        ['  time to open them all', `${openMs.toFixed(0)} ms`],
        ['  memory while held (RSS, client and server)', `${(rssHeld / 1024 / 1024).toFixed(1)} MB (${((rssHeld / STREAMS) / 1024).toFixed(1)} kB per stream)`],
        ['  cancel → terminal snapshot on every stream', `${fanOutMs.toFixed(0)} ms`],
      ],
    });
    expect(inProcess).toBeGreaterThan(0);
    expect(overHttp).toBeGreaterThan(0);
  });
});
