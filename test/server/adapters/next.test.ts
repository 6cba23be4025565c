import { localRunwareProvider } from '@seedance-kit/local-runware';
import type { NextRequest } from 'next/server';
import { createRouteHandlers } from '@seedance-kit/core/next';
import type { CreateTaskResponse, EffectiveLimits, TaskSnapshot } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASIC_INPUT, FAST_POLLING, FAST_TIMING, quietLogger } from '../support/harness.js';
import { countingStore } from '../support/counting-store.js';

const ORIGIN = 'http://localhost:3000';
let routes: ReturnType<typeof createRouteHandlers> | undefined;
beforeEach(() => {
  vi.stubEnv('RUNWARE_API_KEY', '');
});
afterEach(async () => {
  await routes?.handler.close();
  routes = undefined;
  vi.unstubAllEnvs();
});

// What Next.js passes a catch-all route's functions; the type check is the point.
type NextRoute = (request: NextRequest, context: { params: Promise<{ seedance: string[] }> }) => Promise<Response>;
const context = (...seedance: string[]) => ({ params: Promise.resolve({ seedance }) });

describe('@seedance-kit/core/next: App Router route functions', () => {
  it('serves the protocol from GET and POST of a catch-all route', async () => {
    const store = countingStore();
    routes = createRouteHandlers({ store, provider: localRunwareProvider({ timing: FAST_TIMING }), polling: FAST_POLLING, logger: quietLogger() });
    const GET: NextRoute = routes.GET;
    const POST: NextRoute = routes.POST;
    const req = (path: string, init?: RequestInit) => new Request(`${ORIGIN}/api/seedance${path}`, init) as NextRequest;

    const limits = await GET(req('/limits'), context('limits'));
    expect(limits.status).toBe(200);
    expect(((await limits.json()) as EffectiveLimits).provider).toBe('local');

    const created = await POST(
      req('/tasks', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(BASIC_INPUT) }),
      context('tasks'),
    );
    expect(created.status).toBe(201);
    const { task, token } = (await created.json()) as CreateTaskResponse;

    // SSE straight from the route function's Response body.
    const events = await GET(req(`/tasks/${task.id}/events?token=${token}`), context('tasks', task.id, 'events'));
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await events.text();
    const snapshots = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as TaskSnapshot);
    expect(snapshots.at(-1)!.status).toBe('succeeded');
    expect(store.subscribers).toBe(0);

    const read = await GET(req(`/tasks/${task.id}`, { headers: { 'x-seedance-task-token': token } }), context('tasks', task.id));
    expect(((await read.json()) as TaskSnapshot).status).toBe('succeeded');

    // The video is served by the same route, with Range.
    const url = new URL(snapshots.at(-1)!.results[0]!.videoURL);
    expect(url.origin).toBe(ORIGIN);
    const file = await GET(new Request(url, { headers: { range: 'bytes=0-9' } }) as NextRequest, context('files'));
    expect(file.status).toBe(206);
    expect((await file.arrayBuffer()).byteLength).toBe(10);

    const foreign = await POST(req(`/tasks/${task.id}/cancel`, { method: 'POST', headers: { origin: 'https://evil.example', 'x-seedance-task-token': token } }), context());
    expect(foreign.status).toBe(403);
  });

  it('stops an SSE stream when the request is aborted', async () => {
    const store = countingStore();
    routes = createRouteHandlers({ store, provider: localRunwareProvider({ timing: { ...FAST_TIMING, minRenderMs: 5_000 } }), polling: FAST_POLLING, logger: quietLogger() });
    const created = (await (
      await routes.POST(new Request(`${ORIGIN}/api/seedance/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BASIC_INPUT) }))
    ).json()) as CreateTaskResponse;
    const controller = new AbortController();
    const response = await routes.GET(new Request(`${ORIGIN}/api/seedance/tasks/${created.task.id}/events?token=${created.token}`, { signal: controller.signal }));
    const reader = response.body!.getReader();
    await reader.read();
    await vi.waitFor(() => expect(store.subscribers).toBe(1));
    controller.abort();
    await vi.waitFor(() => expect(store.subscribers).toBe(0));
  });

  it('takes the host from the Host header, as `next start` hands route functions a localhost URL', async () => {
    routes = createRouteHandlers({ provider: localRunwareProvider({ timing: FAST_TIMING }), polling: FAST_POLLING, logger: quietLogger() });
    const browserOrigin = 'http://127.0.0.1:4123';
    const created = await routes.POST(
      new Request(`${ORIGIN}/api/seedance/tasks`, {
        method: 'POST',
        headers: { host: '127.0.0.1:4123', origin: browserOrigin, 'content-type': 'application/json' },
        body: JSON.stringify(BASIC_INPUT),
      }),
    );
    expect(created.status).toBe(201);
    const forged = await routes.POST(
      new Request(`${ORIGIN}/api/seedance/tasks`, {
        method: 'POST',
        headers: { host: '127.0.0.1:4123', origin: 'http://localhost:3000', 'content-type': 'application/json' },
        body: JSON.stringify(BASIC_INPUT),
      }),
    );
    expect(forged.status).toBe(403);
  });
});
