import { createVideoTaskController, memoryTaskStorage, type VideoTaskController, type VideoTaskControllerOptions, type VideoTaskState } from '@seedance-kit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeSeedanceClient } from '../support/fake-seedance-client.js';
import { HOLD, INPUT } from '../support/inputs.js';

// The controller against an in-memory client on fake timers: every behaviour, in milliseconds.
// client-controller.full-stack.test.ts runs one generation on the real stack.

let fake: FakeSeedanceClient;
beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeSeedanceClient();
});
afterEach(() => {
  vi.useRealTimers();
});

const controllerWith = (options: Partial<VideoTaskControllerOptions> = {}) => createVideoTaskController({ client: fake, ...options });
/** Lets the fake server and the controller run for `ms` of fake time. */
const elapse = (ms = 5_000) => vi.advanceTimersByTimeAsync(ms);
/** Awaits `work` (a create, a restore) while fake time moves on enough for its requests to answer. */
async function settle<T>(work: Promise<T>, ms = 20): Promise<T> {
  await elapse(ms);
  return work;
}

/** Every state the controller announces, in order. */
function record(controller: VideoTaskController): VideoTaskState[] {
  const seen: VideoTaskState[] = [];
  controller.subscribe((s) => seen.push(s));
  return seen;
}
const statusesOf = (states: readonly VideoTaskState[]) => states.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);

describe('createVideoTaskController', () => {
  it('runs a submit to its results, announcing each change once, with costs', async () => {
    const controller = controllerWith();
    const idle = controller.getState();
    expect(idle).toMatchObject({ status: 'idle', isActive: false, results: [] });
    const seen = record(controller);

    const submitting = controller.submit({ ...INPUT, numberResults: 2 });
    expect(controller.getState()).toMatchObject({ status: 'submitting', isActive: true, attempt: 1, numberResults: 2 });
    await settle(submitting);
    expect(controller.getState()).toMatchObject({ status: 'queued', taskId: expect.any(String) });
    await elapse();
    const done = controller.getState();
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(2);
    expect(statusesOf(seen)).toEqual(['submitting', 'queued', 'processing', 'succeeded']);
    // One notification per change: every announced state is a new object, and the last is the current one.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(done);
    expect(controller.getState()).toBe(done);
    expect(done.costUsd).toBeCloseTo(0.02, 10);
    expect(done.estimatedCostUsd).toBe(done.snapshot?.estimatedCostUsd);
    expect(done.taskId).toBe(done.snapshot?.id);
    expect(done.transport).toBe('fetch');
    expect(fake.submitted()).toBe(1);
  });

  it('draws a random seed once, before submitting: state, request and results agree', async () => {
    const controller = controllerWith();
    await settle(controller.submit({ ...INPUT, seed: 'random' }));
    const seed = controller.getState().input?.seed;
    expect(seed).toMatch(/^\d+$/);
    expect(fake.creates[0]?.input.seed).toBe(seed);
    await elapse();
    expect(controller.getState().results[0]?.seed).toBe(seed);
    // An unset seed stays unset: the provider's own default.
    const other = controllerWith();
    await settle(other.submit(INPUT));
    expect(other.getState().input?.seed).toBeUndefined();
  });

  it('never creates two tasks from a double submit', async () => {
    const controller = controllerWith();
    await settle(Promise.all([controller.submit(INPUT), controller.submit(INPUT)]));
    await controller.submit(INPUT); // still queued or processing: ignored too
    await elapse();
    expect(controller.getState().status).toBe('succeeded');
    expect(fake.creates).toHaveLength(1);
    expect(fake.submitted()).toBe(1);
  });

  it('refuses an invalid input locally with a typed error naming the field', async () => {
    const controller = controllerWith();
    const seen = record(controller);
    await settle(controller.submit({ positivePrompt: 'x', width: 864, height: 480, duration: 99 }));
    const state = controller.getState();
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ kind: 'validation', retryable: false, parameter: ['positivePrompt', 'duration'] });
    expect(state.error?.issues?.map((i) => i.path)).toEqual(['positivePrompt', 'duration']);
    expect(seen.map((s) => s.status)).toEqual(['failed']);
    expect(fake.creates).toHaveLength(0);
  });

  it('cancels a running task here at once and on the server', async () => {
    const storage = memoryTaskStorage();
    const controller = controllerWith({ storage });
    await settle(controller.submit(HOLD));
    await elapse(200);
    const running = controller.getState();
    expect(running.status).toBe('processing');
    expect(storage.entries.size).toBe(1);
    const cancelling = controller.cancel();
    expect(controller.getState().status).toBe('cancelled');
    await settle(cancelling);
    expect(storage.entries.size).toBe(0);
    expect(fake.task(running.taskId ?? '')?.status).toBe('cancelled');
  });

  it('cancels on the server a task whose create was still in flight when cancelled', async () => {
    const controller = controllerWith();
    const submitting = controller.submit(HOLD);
    expect(controller.getState().status).toBe('submitting');
    await settle(controller.cancel());
    expect(controller.getState().status).toBe('cancelled');
    await settle(submitting);
    await elapse(50);
    expect(fake.cancels).toHaveLength(1);
    expect(fake.task(fake.cancels[0] ?? '')?.status).toBe('cancelled');
    expect(controller.getState().status).toBe('cancelled');
  });

  it('retries a failed task as a new task', async () => {
    fake.failNext('[flag once]', 'contentPolicyViolation');
    const controller = controllerWith();
    await settle(controller.submit({ ...INPUT, positivePrompt: 'A lighthouse [flag once]' }));
    await elapse();
    const failed = controller.getState();
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'moderation', retryable: false } });
    await settle(controller.retry());
    await elapse();
    const done = controller.getState();
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(done.taskId).not.toBe(failed.taskId);
    expect(fake.submitted()).toBe(2);
  });

  it('retries a create whose answer was lost with the same key: the same task', async () => {
    fake.loseNextCreateAnswer();
    const controller = controllerWith();
    await settle(controller.submit(INPUT));
    expect(controller.getState()).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    await settle(controller.retry());
    await elapse();
    expect(controller.getState().status).toBe('succeeded');
    expect(fake.creates.map((c) => c.idempotencyKey)).toEqual([fake.creates[0]?.idempotencyKey, fake.creates[0]?.idempotencyKey]);
    expect(fake.submitted()).toBe(1);
  });

  it('follows the same task again when only the connection failed', async () => {
    const controller = controllerWith();
    fake.offline = true;
    await settle(controller.submit(INPUT));
    await elapse(50);
    const lost = controller.getState();
    expect(lost).toMatchObject({ status: 'failed', error: { kind: 'network', retryable: true } });
    fake.offline = false;
    await settle(controller.retry());
    expect(controller.getState()).toMatchObject({ status: 'queued', taskId: lost.taskId, attempt: 2 });
    await elapse();
    expect(controller.getState()).toMatchObject({ status: 'succeeded', taskId: lost.taskId });
    expect(fake.submitted()).toBe(1);
  });

  it('resumes from storage after a "reload" instead of paying again', async () => {
    const storage = memoryTaskStorage();
    const first = controllerWith({ storage, key: 'reload' });
    await settle(first.submit({ ...INPUT, numberResults: 2 }));
    const running = first.getState();
    first.detach();
    const stored = JSON.parse(storage.entries.get('seedance-kit:task:reload') ?? '{}') as { taskId?: string; token?: string; input?: unknown };
    expect(stored).toMatchObject({ taskId: running.taskId, token: expect.any(String) });
    expect(stored.input).toBeUndefined();

    const second = controllerWith({ storage, key: 'reload' });
    const seen = record(second);
    expect(await settle(second.restore())).toBe(true);
    // Resumed as one action, not a replay: the first announced state already names the task.
    expect(seen[0]).toMatchObject({ status: 'queued', taskId: running.taskId, numberResults: 2 });
    await elapse();
    const done = second.getState();
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(2);
    expect(done.input?.positivePrompt).toBe(INPUT.positivePrompt);
    expect(fake.submitted()).toBe(1);
    expect(storage.entries.size).toBe(0);
    expect(await settle(controllerWith({ storage, key: 'reload' }).restore())).toBe(false);
  });

  it('a resumed task whose connection failed before its first snapshot is followed again on retry', async () => {
    const storage = memoryTaskStorage();
    const first = controllerWith({ storage, key: 'lost' });
    await settle(first.submit(HOLD));
    const { taskId } = first.getState();
    first.detach();

    fake.offline = true;
    const second = controllerWith({ storage, key: 'lost' });
    await settle(second.restore());
    await elapse(50);
    expect(second.getState()).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    expect(second.getState().input).toBeUndefined();
    fake.offline = false;
    await settle(second.retry());
    await elapse(50);
    expect(second.getState()).toMatchObject({ status: 'processing', taskId, input: { positivePrompt: HOLD.positivePrompt } });
    expect(fake.submitted()).toBe(1);
  });

  it('after a reload during the create, sends the same create again and gets the same task', async () => {
    const storage = memoryTaskStorage();
    fake.loseNextCreateAnswer();
    const first = controllerWith({ storage });
    await settle(first.submit({ ...INPUT, seed: 'random' }));
    expect(first.getState().error?.kind).toBe('network');
    const stored = JSON.parse(storage.entries.get('seedance-kit:task:default') ?? '{}') as { input?: { seed?: string } };
    expect(stored.input).toMatchObject({ positivePrompt: INPUT.positivePrompt, seed: first.getState().input?.seed });

    const second = controllerWith({ storage });
    expect(await settle(second.restore())).toBe(true);
    await elapse();
    expect(second.getState().status).toBe('succeeded');
    // The same key and the same drawn seed: the same request, so the same task.
    expect(fake.creates.map((c) => c.idempotencyKey)).toEqual([fake.creates[0]?.idempotencyKey, fake.creates[0]?.idempotencyKey]);
    expect(fake.creates[1]?.input.seed).toBe(fake.creates[0]?.input.seed);
    expect(fake.submitted()).toBe(1);
  });

  it('resumes a task by id and token alone, and reset stops and forgets it', async () => {
    const { task, token } = await (async () => {
      const created = fake.createTask({ ...HOLD, numberResults: 2 });
      await elapse(20);
      return created;
    })();
    const storage = memoryTaskStorage();
    const controller = controllerWith({ storage });
    controller.resume(task.id, token);
    // Until the first snapshot says how many results to expect, the task shows as submitting.
    expect(controller.getState()).toMatchObject({ status: 'submitting', isActive: true });
    await elapse(200);
    expect(controller.getState()).toMatchObject({ status: 'processing', taskId: task.id, numberResults: 2 });
    expect(storage.entries.size).toBe(1);
    controller.reset();
    expect(controller.getState()).toMatchObject({ status: 'idle', results: [] });
    expect(controller.getState().taskId).toBeUndefined();
    expect(storage.entries.size).toBe(0);
    await elapse(10);
    expect(fake.task(task.id)?.status).toBe('cancelled');
  });

  it('reports a task it cannot follow, and mirrors every snapshot to onSnapshot', async () => {
    const onSnapshot = vi.fn();
    const controller = controllerWith({ onSnapshot });
    controller.resume('00000000-0000-4000-8000-000000000000', 'not-a-token');
    await elapse(10);
    expect(controller.getState()).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    await settle(controller.submit(INPUT));
    await elapse();
    expect(onSnapshot.mock.calls.map(([s]) => s.status)).toEqual(['queued', 'processing', 'succeeded']);
  });

  it('stops following on detach and follows again on restore, without a second task', async () => {
    const storage = memoryTaskStorage();
    const controller = controllerWith({ storage });
    await settle(controller.submit(INPUT));
    controller.detach();
    await elapse();
    expect(controller.getState().status).toBe('queued');
    expect(await settle(controller.restore())).toBe(true);
    await elapse();
    expect(controller.getState().status).toBe('succeeded');
    expect(fake.submitted()).toBe(1);
  });
});
