import { createServer } from 'node:http';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createMemoryTaskStore, createSeedanceHandler, DEFAULT_POLLING, systemClock, type Clock, type SeedanceHandler, type TaskStore, type VideoProvider } from '@seedance-kit/core/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, FAST_RETRY, listen, quietLogger, SECRET, startStack, type Listening, type Stack } from './support/harness.js';

let stack: Stack | undefined;
const extra: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of extra.splice(0).reverse()) await close();
  await stack?.close();
  stack = undefined;
});

/** Runs the handler's waits at once but records them, so the real cadence is checked without waiting. */
function recordingClock(): Clock & { readonly waits: number[]; advance(ms: number): void } {
  let offset = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now() + offset,
    sleep: (ms, signal) => {
      waits.push(ms);
      return systemClock.sleep(Math.min(ms, 5), signal);
    },
    advance(ms) {
      offset += ms;
    },
  };
}

/** A handler on its own port; `stop()` closes both (also run after the test). */
async function served(handler: SeedanceHandler): Promise<{ api: Api; stop(): Promise<void> }> {
  const server: Listening = await listen(createServer(createSeedanceRequestListener(handler)));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await server.close();
      await handler.close();
    })());
  extra.push(stop);
  return { api: new Api(`${server.url}/api/seedance`), stop };
}

describe('polling', () => {
  it('uses Runware’s cadence (1 s, 0.5 s, ×1.5 …) through the injected clock', async () => {
    const clock = recordingClock();
    stack = await startStack({ handler: { clock, polling: {} }, runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 400 } } });
    const created = await stack.api.create(BASIC_INPUT);
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    const polls = clock.waits.filter((ms) => ms >= 500);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.slice(0, 3).map(Math.round)).toEqual([1000, 500, 750]);
    expect(Math.max(...polls)).toBeLessThanOrEqual(10_000);
  });

  it('stops polling a cancelled task and ignores its later results', async () => {
    stack = await startStack({ runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 200 } } });
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const { token } = created.body;
    const cancelled = await stack.api.cancel(id, token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const pollsAtCancel = stack.runware.stats.polls;
    // Runware has no cancel: the video is still made…
    await vi.waitFor(() => expect(stack!.runware.stats.rendered).toBe(1), { timeout: 5_000 });
    // …but the task stays cancelled and nobody polls it any more.
    const after = await stack.api.get(id, token);
    expect(after.body).toMatchObject({ status: 'cancelled', results: [] });
    expect(stack.runware.stats.polls).toBeLessThanOrEqual(pollsAtCancel + 1);
    // Cancelling again is fine; cancelling a finished task is a 409.
    expect((await stack.api.cancel(id, token)).status).toBe(200);
    const other = await stack.api.create(BASIC_INPUT);
    await stack.api.finished(other.body.task.id, other.body.token);
    const late = await stack.api.cancel(other.body.task.id, other.body.token);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'task_not_cancellable' });
  });
});

describe('many instances sharing a store', () => {
  it('lets exactly one instance poll, any instance answer, and another take over when it stops', async () => {
    stack = await startStack({ runware: { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 600 } } });
    const store = createMemoryTaskStore();
    const polls = { a: 0, b: 0 };
    const make = (name: 'a' | 'b') =>
      createSeedanceHandler({
        apiKey: FAKE_KEY,
        baseUrl: `${stack!.runwareUrl}/v1`,
        secret: SECRET,
        store,
        polling: FAST_POLLING,
        retry: FAST_RETRY,
        logger: quietLogger(),
        fetch: (input, init) => {
          if (String(init?.body).includes('getResponse')) polls[name]++;
          return fetch(input, init);
        },
      });
    const a = await served(make('a'));
    const b = await served(make('b'));
    const created = await a.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const { token } = created.body;
    // B answers for a task A created; its reads try to watch, but A holds the lease.
    for (let i = 0; i < 3; i++) expect((await b.api.get(id, token)).status).toBe(200);
    await vi.waitFor(() => expect(polls.a).toBeGreaterThan(1));
    expect(polls.b).toBe(0);
    // A goes away (its lease is released); the next read on B takes over.
    await a.stop();
    const done = await b.api.finished(id, token);
    expect(done.status).toBe('succeeded');
    expect(polls.b).toBeGreaterThan(0);
  });
});

describe('a task whose submitting instance died', () => {
  it('is settled by another instance: asked about once at Runware, then failed with a typed error', async () => {
    stack = await startStack();
    const base = createMemoryTaskStore();
    const ids: string[] = [];
    const store: TaskStore = { ...base, create: async (record) => (ids.push(record.id), base.create(record)) };
    const identify = () => 'ann';
    // Instance A stores the task, then hangs in its submit forever (until it is closed).
    const hanging: VideoProvider = {
      name: 'runware',
      polling: DEFAULT_POLLING,
      submit: (_submission, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
      poll: async () => ({ ok: false, error: { kind: 'network', code: 'network', message: 'x', retryable: true } }),
      readWebhook: () => [],
    };
    const a = createSeedanceHandler({ provider: hanging, store, secret: SECRET, identify, logger: quietLogger() });
    const pending = a(new Request('http://localhost/api/seedance/tasks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BASIC_INPUT) }));
    await vi.waitFor(() => expect(ids).toHaveLength(1));
    // Instance B, ten minutes later by its clock, is asked about it.
    const clock = recordingClock();
    clock.advance(10 * 60_000);
    const b = await served(
      createSeedanceHandler({ apiKey: FAKE_KEY, baseUrl: `${stack.runwareUrl}/v1`, store, secret: SECRET, identify, clock, polling: FAST_POLLING, logger: quietLogger() }),
    );
    const first = await b.api.get(ids[0]!);
    expect(first.body.status).toBe('submitting');
    const done = await b.api.finished(ids[0]!);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'not_found', code: 'taskFailedOrNotFound' });
    expect(stack.runware.stats.submitted).toBe(0);
    await a.close();
    const answer = await pending;
    expect(answer.status).toBe(201);
  });
});

describe('expiry', () => {
  it('forgets task records after taskTtlMs', async () => {
    const clock = recordingClock();
    stack = await startStack({ handler: { clock, taskTtlMs: 60_000 } });
    const created = await stack.api.create(BASIC_INPUT);
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    clock.advance(59_000);
    expect((await stack.api.get(created.body.task.id, created.body.token)).status).toBe(200);
    clock.advance(2_000);
    expect((await stack.api.get(created.body.task.id, created.body.token)).status).toBe(404);
  });

  it('sends ttl to Runware, dates each result and reads a task whose URLs all expired as expired', async () => {
    const clock = recordingClock();
    stack = await startStack({ handler: { clock, resultTtlSeconds: 120 } });
    const created = await stack.api.create(BASIC_INPUT);
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    const expiresAt = Date.parse(done.results[0]!.expiresAt!);
    expect(expiresAt - clock.now()).toBeGreaterThan(110_000);
    expect(expiresAt - clock.now()).toBeLessThanOrEqual(120_000);
    clock.advance(121_000);
    expect((await stack.api.get(created.body.task.id, created.body.token)).body.status).toBe('expired');
    expect(() => createSeedanceHandler({ apiKey: 'k', resultTtlSeconds: 30 })).toThrow(/resultTtlSeconds/);
  });
});
