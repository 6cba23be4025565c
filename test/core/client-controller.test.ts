import { createVideoTaskController, HEADERS, isTerminal, memoryTaskStorage, type CreateTaskResponse, type VideoTaskController, type VideoTaskState } from '@seedance-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOLD, INPUT, RENDER_TIMEOUT, startBackend, submitted, type Backend } from './client-backend.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => {
  backend.intercept = undefined;
});

/** Resolves with the first state that passes `test`, checking the current one first. */
function until(controller: VideoTaskController, test: (state: VideoTaskState) => boolean, timeoutMs = 15_000): Promise<VideoTaskState> {
  return new Promise((resolve, reject) => {
    if (test(controller.getState())) return resolve(controller.getState());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out in status ${controller.getState().status}`));
    }, timeoutMs);
    const unsubscribe = controller.subscribe((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}
const settled = (controller: VideoTaskController) => until(controller, (s) => isTerminal(s.status));

/** Records every status the controller passes through. */
function statuses(controller: VideoTaskController): string[] {
  const seen = [controller.getState().status as string];
  controller.subscribe((s) => {
    if (seen.at(-1) !== s.status) seen.push(s.status);
  });
  return seen;
}

/** Task ids the handler answered creates with (replays included). */
function recordCreates(): string[] {
  const ids: string[] = [];
  const previous = backend.intercept;
  backend.intercept = async (request, handler) => {
    const response = previous ? await previous(request, handler) : await handler(request);
    if (response !== 'drop' && request.method === 'POST' && request.url.endsWith('/tasks') && response.ok) {
      ids.push(((await response.clone().json()) as CreateTaskResponse).task.id);
    }
    return response;
  };
  return ids;
}

describe('createVideoTaskController', { timeout: RENDER_TIMEOUT }, () => {
  it('runs a submit to its results through the task machine, with costs', async () => {
    const controller = createVideoTaskController({ client: backend.client() });
    const seen = statuses(controller);
    const idle = controller.getState();
    expect(controller.getState()).toBe(idle);
    expect(idle).toMatchObject({ status: 'idle', isActive: false, results: [] });

    const before = submitted(backend);
    await controller.submit({ ...INPUT, numberResults: 2 });
    const done = await settled(controller);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(2);
    expect(new Set(done.results.map((r) => r.videoUUID)).size).toBe(2);
    expect(seen.slice(0, 2)).toEqual(['idle', 'submitting']);
    expect(seen).toContain('queued');
    expect(seen.at(-1)).toBe('succeeded');
    expect(done.costUsd).toBeCloseTo((done.results[0]?.cost ?? 0) + (done.results[1]?.cost ?? 0), 10);
    expect(done.estimatedCostUsd).toBe(done.snapshot?.estimatedCostUsd);
    expect(done.taskId).toBe(done.snapshot?.id);
    expect(done.startedAt).toBeLessThanOrEqual(Date.now());
    expect(submitted(backend) - before).toBe(1);
    // Same object until something changes.
    expect(controller.getState()).toBe(done);
  });

  it('never creates two tasks from a double submit', async () => {
    const controller = createVideoTaskController({ client: backend.client() });
    const before = submitted(backend);
    const creates = recordCreates();
    const first = controller.submit(INPUT);
    const second = controller.submit(INPUT);
    await Promise.all([first, second]);
    await controller.submit(INPUT); // still queued or processing: ignored too
    const done = await settled(controller);
    expect(done.status).toBe('succeeded');
    expect(creates).toHaveLength(1);
    expect(submitted(backend) - before).toBe(1);
  });

  it('refuses an invalid input locally with a typed error naming the field', async () => {
    const controller = createVideoTaskController({ client: backend.client() });
    const requests = backend.seen.length;
    await controller.submit({ positivePrompt: 'x', width: 864, height: 480, duration: 99 });
    const state = controller.getState();
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ kind: 'validation', retryable: false, parameter: ['positivePrompt', 'duration'] });
    expect(state.error?.issues?.map((i) => i.path)).toEqual(['positivePrompt', 'duration']);
    expect(backend.seen.length).toBe(requests);
  });

  it('cancels a running task here at once and on the server', async () => {
    const storage = memoryTaskStorage();
    const controller = createVideoTaskController({ client: backend.client(), storage });
    await controller.submit(HOLD);
    const running = await until(controller, (s) => s.status === 'queued' || s.status === 'processing');
    expect(storage.entries.size).toBe(1);
    const cancelling = controller.cancel();
    expect(controller.getState().status).toBe('cancelled');
    await cancelling;
    expect(storage.entries.size).toBe(0);
    const record = await backend.handler.store.get(running.taskId ?? '');
    expect(record?.state.status).toBe('cancelled');
  });

  it('cancels on the server a task whose create was still in flight when cancelled', async () => {
    backend.localRunware.injectFault({ kind: 'slowAck', times: 1, delayMs: 150 });
    const creates = recordCreates();
    const controller = createVideoTaskController({ client: backend.client() });
    const submitting = controller.submit(HOLD);
    expect(controller.getState().status).toBe('submitting');
    await controller.cancel();
    expect(controller.getState().status).toBe('cancelled');
    await submitting;
    await expect.poll(async () => (await backend.handler.store.get(creates[0] ?? ''))?.state.status, { timeout: 5000 }).toBe('cancelled');
    expect(controller.getState().status).toBe('cancelled');
  });

  it('retries a failed task as a new task, and a lost create with the same key', async () => {
    backend.localRunware.injectFault({ kind: 'moderation', times: 1, match: (task) => task.positivePrompt.includes('[flag once]') });
    const controller = createVideoTaskController({ client: backend.client() });
    const before = submitted(backend);
    await controller.submit({ ...INPUT, positivePrompt: 'A lighthouse [flag once]' });
    const failed = await settled(controller);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ kind: 'moderation' });
    await controller.retry();
    const done = await settled(controller);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(done.taskId).not.toBe(failed.taskId);
    expect(submitted(backend) - before).toBe(2);

    // The create's answer is lost and the client does not retry by itself: retry() sends the same key.
    const keys: (string | null)[] = [];
    backend.intercept = async (request, handler) => {
      if (request.method !== 'POST' || !request.url.endsWith('/tasks')) return handler(request);
      keys.push(request.headers.get(HEADERS.idempotencyKey));
      const response = await handler(request);
      return keys.length === 1 ? 'drop' : response;
    };
    const lossy = createVideoTaskController({ client: backend.client({ retry: { retries: 0 } }) });
    const mid = submitted(backend);
    await lossy.submit(INPUT);
    expect(lossy.getState()).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    await lossy.retry();
    expect((await settled(lossy)).status).toBe('succeeded');
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(submitted(backend) - mid).toBe(1);
  });

  it('follows the same task again when only the connection failed', async () => {
    let offline = false;
    backend.intercept = async (request, handler) => (offline && request.method === 'GET' ? 'drop' : handler(request));
    const controller = createVideoTaskController({ client: backend.client({ retry: { retries: 0, baseDelayMs: 2, maxDelayMs: 5 } }) });
    const before = submitted(backend);
    offline = true;
    await controller.submit({ ...INPUT, duration: 4 });
    const lost = await settled(controller);
    expect(lost).toMatchObject({ status: 'failed', error: { kind: 'network', retryable: true } });
    offline = false;
    await controller.retry();
    const done = await settled(controller);
    expect(done.status).toBe('succeeded');
    expect(done.taskId).toBe(lost.taskId);
    expect(submitted(backend) - before).toBe(1);
  });

  it('resumes from storage after a "reload" instead of paying again', async () => {
    const storage = memoryTaskStorage();
    const before = submitted(backend);
    const first = createVideoTaskController({ client: backend.client(), storage, key: 'reload' });
    await first.submit({ ...INPUT, numberResults: 2 });
    const running = await until(first, (s) => s.taskId !== undefined);
    first.detach();
    const stored = JSON.parse(storage.entries.get('seedance-kit:task:reload') ?? '{}') as { taskId?: string; token?: string; input?: unknown };
    expect(stored.taskId).toBe(running.taskId);
    expect(stored.token).toEqual(expect.any(String));
    expect(stored.input).toBeUndefined();

    const second = createVideoTaskController({ client: backend.client(), storage, key: 'reload' });
    expect(await second.restore()).toBe(true);
    expect(second.getState()).toMatchObject({ status: 'queued', taskId: running.taskId, numberResults: 2 });
    const done = await settled(second);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(2);
    expect(done.input?.positivePrompt).toBe(INPUT.positivePrompt);
    expect(submitted(backend) - before).toBe(1);
    expect(storage.entries.size).toBe(0);
    // Nothing left to resume.
    expect(await createVideoTaskController({ client: backend.client(), storage, key: 'reload' }).restore()).toBe(false);
  });

  it('after a reload during the create, sends the same create again and gets the same task', async () => {
    const storage = memoryTaskStorage();
    const creates = recordCreates();
    const previous = backend.intercept;
    let answers = 0;
    backend.intercept = async (request, handler) => {
      const response = await previous!(request, handler);
      // The page "reloads" before the first create's answer arrives.
      return request.method === 'POST' && request.url.endsWith('/tasks') && answers++ === 0 ? 'drop' : response;
    };
    const before = submitted(backend);
    const first = createVideoTaskController({ client: backend.client({ retry: { retries: 0 } }), storage });
    await first.submit(INPUT);
    expect(first.getState().error?.kind).toBe('network');
    expect(JSON.parse(storage.entries.get('seedance-kit:task:default') ?? '{}')).toMatchObject({ input: { positivePrompt: INPUT.positivePrompt } });

    const second = createVideoTaskController({ client: backend.client(), storage });
    expect(await second.restore()).toBe(true);
    const done = await settled(second);
    expect(done.status).toBe('succeeded');
    expect(creates).toEqual([creates[0], creates[0]]);
    expect(done.taskId).toBe(creates[0]);
    expect(submitted(backend) - before).toBe(1);
  });

  it('resumes a task by id and token alone, and reset stops and forgets it', async () => {
    const client = backend.client();
    const { task, token } = await client.createTask(HOLD);
    const storage = memoryTaskStorage();
    const controller = createVideoTaskController({ client, storage });
    controller.resume(task.id, token);
    const following = await until(controller, (s) => s.taskId === task.id);
    expect(following.isActive).toBe(true);
    expect(storage.entries.size).toBe(1);
    controller.reset();
    expect(controller.getState()).toMatchObject({ status: 'idle', results: [] });
    expect(controller.getState().taskId).toBeUndefined();
    expect(storage.entries.size).toBe(0);
    await expect.poll(async () => (await backend.handler.store.get(task.id))?.state.status).toBe('cancelled');
  });
});
