import { HEADERS, LAST_EVENT_ID_QUERY_PARAM, SSE_EVENTS, type TaskSnapshot } from '@seedance-kit/core/server';
import { countingStore } from './support/counting-store.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BASIC_INPUT, FAKE_KEY, startStack, type Stack } from './support/harness.js';

let stack: Stack | undefined;
afterEach(async () => {
  if (stack) expect(stack.api.transcript.text).not.toContain(FAKE_KEY);
  await stack?.close();
  stack = undefined;
});

describe('GET /tasks/:id/events', () => {
  it('streams every change as a snapshot event with the version as id, and ends after the terminal one', async () => {
    // One ffmpeg at a time, so the two results finish apart.
    stack = await startStack({ runware: { concurrency: 1, timing: { ackDelayMs: 0, queueMs: 50, progressIntervalMs: 0, minRenderMs: 300 } } });
    const created = await stack.api.create({ ...BASIC_INPUT, numberResults: 2 });
    const stream = await stack.api.events(created.body.task.id, created.body.token);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toContain('no-store');
    expect(stream.retry).toBe(2000);
    expect(stream.ended).toBe(true);
    expect(stream.events.every((e) => e.event === SSE_EVENTS.snapshot)).toBe(true);
    const versions = stream.snapshots.map((s) => s.version);
    expect(stream.events.map((e) => Number(e.id))).toEqual(versions);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    const statuses = stream.snapshots.map((s) => s.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses).toContain('processing');
    // Results arrive one by one: a snapshot with one of the two results comes before the end.
    expect(stream.snapshots.some((s) => s.results.length === 1)).toBe(true);
    expect(stream.snapshots.at(-1)!.results).toHaveLength(2);
    // Seeds travel as strings.
    for (const r of stream.snapshots.at(-1)!.results) expect(typeof r.seed).toBe('string');
  });

  it('sends heartbeat comments while nothing changes', async () => {
    stack = await startStack({
      handler: { heartbeatMs: 40 },
      runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 2_000 } },
      faults: [{ kind: 'timeout', delayMs: 5_000 }],
    });
    const created = await stack.api.create(BASIC_INPUT);
    const stream = await stack.api.events(created.body.task.id, created.body.token, {
      until: (_, comments) => comments.filter((c) => c === 'heartbeat').length >= 3,
    });
    expect(stream.status).toBe(200);
    expect(stream.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(3);
    expect(stream.ended).toBe(false);
  });

  it('resumes after Last-Event-ID: only newer versions are sent', async () => {
    stack = await startStack();
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const { token } = created.body;
    const first = await stack.api.events(id, token, { until: (events) => events.length >= 1 });
    const seen = Number(first.events[0]!.id);
    const resumed = await stack.api.events(id, token, { headers: { [HEADERS.lastEventId]: String(seen) } });
    expect(resumed.snapshots.length).toBeGreaterThan(0);
    expect(resumed.snapshots.every((s) => s.version > seen)).toBe(true);
    expect(resumed.snapshots.at(-1)!.status).toBe('succeeded');

    // The query form, for a fresh EventSource.
    const last = resumed.snapshots.at(-1)!;
    const byQuery = await stack.api.events(id, token, { query: { [LAST_EVENT_ID_QUERY_PARAM]: String(last.version - 1) } });
    expect(byQuery.snapshots.map((s) => s.version)).toEqual([last.version]);
  });

  it('answers 204 to a reconnect that already saw the terminal snapshot (EventSource stops)', async () => {
    stack = await startStack();
    const created = await stack.api.create(BASIC_INPUT);
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    const again = await stack.api.events(created.body.task.id, created.body.token, { headers: { [HEADERS.lastEventId]: String(done.version) } });
    expect(again.status).toBe(204);
    // Without a resume point, a finished task still gives its final snapshot once.
    const fresh = await stack.api.events(created.body.task.id, created.body.token);
    expect(fresh.snapshots.map((s) => s.version)).toEqual([done.version]);
  });

  it('sends a cancel to every open stream and ends them', async () => {
    const store = countingStore();
    stack = await startStack({ handler: { store }, runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 5_000 } } });
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const { token } = created.body;
    const streams = [stack.api.events(id, token), stack.api.events(id, token)];
    await vi.waitFor(() => expect(store.subscribers).toBe(2));
    const cancelled = await stack.api.cancel(id, token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    for (const stream of await Promise.all(streams)) {
      expect(stream.ended).toBe(true);
      expect(stream.snapshots.at(-1)!.status).toBe('cancelled');
    }
    await vi.waitFor(() => expect(store.subscribers).toBe(0));
  });

  it('drops its subscription and heartbeat when the client goes away', async () => {
    const store = countingStore();
    stack = await startStack({ handler: { store, heartbeatMs: 20 }, runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 5_000 } } });
    const created = await stack.api.create(BASIC_INPUT);
    const stream = await stack.api.events(created.body.task.id, created.body.token, { until: (events) => events.length >= 1 });
    expect(stream.ended).toBe(false);
    await vi.waitFor(() => expect(store.subscribers).toBe(0));
  });
});

describe('snapshots', () => {
  it('replace frame image data with a placeholder and keep the drawn random seed', async () => {
    stack = await startStack();
    const { readFileSync } = await import('node:fs');
    const png = readFileSync(new URL('../fixtures/images/frame-640x360.png', import.meta.url)).toString('base64');
    const created = await stack.api.create({ positivePrompt: 'A still life, slowly lit', width: 864, height: 480, duration: 1.2, frameImage: `data:image/png;base64,${png}`, seed: 'random' });
    expect(created.status).toBe(201);
    const task: TaskSnapshot = created.body.task;
    expect(task.input.frameImage).toMatch(/^\[image data, about \d+ KB\]$/);
    expect(task.input.seed).toMatch(/^\d+$/);
    const done = await stack.api.finished(task.id, created.body.token);
    expect(done.results[0]!.seed).toBe(task.input.seed);
    expect(stack.api.transcript.text).not.toContain(png.slice(0, 200));
  });
});
