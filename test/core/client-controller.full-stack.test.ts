import { createVideoTaskController, isTerminal, type VideoTaskController, type VideoTaskState } from '@seedance-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT, RENDER_TIMEOUT, startBackend, submitted, type Backend } from '../support/seedance-backend.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

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

// The one controller test on the full stack (real client, real handler, the local Runware
// rendering real files): what it checks is that the pieces fit. Every other behaviour is in
// client-controller.test.ts, on a fake client and fake timers.
describe('createVideoTaskController on the full stack', { timeout: RENDER_TIMEOUT }, () => {
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

});
