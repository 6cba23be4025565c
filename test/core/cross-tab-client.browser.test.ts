import { createVideoTaskController, crossTabClient, memoryTaskStorage, webTaskStorage, type TaskStorage, type VideoTaskController, type VideoTaskState } from '@seedance-kit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeSeedanceClient } from '../support/fake-seedance-client.js';
import { HOLD, INPUT as ONE } from '../support/inputs.js';

// In Chromium, with its real BroadcastChannel and Web Locks. Both are per origin, not per tab, so
// two "tabs" here are two controllers, each over its own crossTabClient (as each tab makes its
// own), on one in-memory server: what is counted is the subscriptions that server sees.
const INPUT = { ...ONE, numberResults: 2 } as const;

let fake: FakeSeedanceClient;
const controllers: VideoTaskController[] = [];
beforeEach(() => {
  localStorage.clear();
  fake = createFakeSeedanceClient({ maxNumberResults: 2, createMs: 5, queueMs: 50, renderMs: 300 });
});
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.detach();
});

function spies() {
  return {
    onSuccess: vi.fn<(task: VideoTaskState) => void>(),
    onSettled: vi.fn<(task: VideoTaskState) => void>(),
    onStatusChange: vi.fn<(task: VideoTaskState) => void>(),
    onResult: vi.fn(),
    onError: vi.fn(),
  };
}

/** A tab: its own crossTabClient over the one server, its own controller. */
function tab(storage: TaskStorage, calls = spies()) {
  const controller = createVideoTaskController({ client: crossTabClient(fake), storage, key: 'clip', ...calls });
  controllers.push(controller);
  return { controller, calls };
}

describe('crossTabClient in Chromium', () => {
  it('follows a task in one tab only; the other shows it from the channel and stays silent', async () => {
    const storage = webTaskStorage(() => localStorage);
    const a = tab(storage);
    await a.controller.submit(INPUT);
    const b = tab(storage);
    // The second tab finds the task in the shared storage.
    expect(await b.controller.restore()).toBe(true);

    await expect.poll(() => b.controller.getState().status, { timeout: 5_000 }).toBe('succeeded');
    expect(a.controller.getState().status).toBe('succeeded');
    expect(b.controller.getState().results).toEqual(a.controller.getState().results);
    expect(b.controller.getState().transport).toBe('tab');
    expect(fake.subscriptions.opened).toBe(1);
    expect(a.calls.onResult).toHaveBeenCalledTimes(2);
    expect(a.calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(a.calls.onSettled).toHaveBeenCalledTimes(1);
    for (const spy of Object.values(b.calls)) expect(spy).not.toHaveBeenCalled();
  });

  it('a waiting tab takes over when the following one stops, and reports only what is new', async () => {
    const storage = webTaskStorage(() => localStorage);
    const a = tab(storage);
    await a.controller.submit(INPUT);
    const b = tab(storage);
    await b.controller.restore();
    await expect.poll(() => b.controller.getState().results.length, { timeout: 5_000 }).toBe(1);
    a.controller.detach(); // the tab is closed

    await expect.poll(() => b.controller.getState().status, { timeout: 5_000 }).toBe('succeeded');
    expect(b.controller.getState().transport).not.toBe('tab');
    expect(fake.subscriptions.opened).toBe(2);
    expect(fake.subscriptions.mostOpen).toBe(1);
    // The first video and the processing status were reported by the first tab; the rest by the second.
    expect(a.calls.onResult).toHaveBeenCalledTimes(1);
    expect(b.calls.onResult).toHaveBeenCalledTimes(1);
    expect(b.calls.onResult.mock.calls[0]?.[0]).toEqual(b.controller.getState().results[1]);
    expect(a.calls.onSuccess).not.toHaveBeenCalled();
    expect(b.calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(b.calls.onStatusChange.mock.calls.map(([task]) => task.status)).toEqual(['succeeded']);
  });

  it("a listening tab's cancel stops the task on the server; the following tab reports it", async () => {
    const storage = webTaskStorage(() => localStorage);
    const a = tab(storage);
    await a.controller.submit(HOLD);
    const b = tab(storage);
    await b.controller.restore();
    await expect.poll(() => b.controller.getState().transport, { timeout: 5_000 }).toBe('tab');
    await b.controller.cancel();

    await expect.poll(() => a.controller.getState().status, { timeout: 5_000 }).toBe('cancelled');
    expect(fake.cancels).toEqual([a.controller.getState().taskId]);
    expect(a.calls.onSettled).toHaveBeenCalledTimes(1);
    expect(a.calls.onSettled.mock.calls[0]?.[0].status).toBe('cancelled');
    for (const spy of Object.values(b.calls)) expect(spy).not.toHaveBeenCalled();
  });

  it('a duplicated tab (sessionStorage copied) does not report the completion again', async () => {
    const original = memoryTaskStorage();
    const a = tab(original);
    await a.controller.submit(INPUT);
    await expect.poll(() => a.controller.getState().status, { timeout: 5_000 }).toBe('processing');
    const b = tab(memoryTaskStorage(original.entries));
    expect(await b.controller.restore()).toBe(true);

    await expect.poll(() => b.controller.getState().status, { timeout: 5_000 }).toBe('succeeded');
    expect(fake.subscriptions.opened).toBe(1);
    expect(a.calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(a.calls.onResult).toHaveBeenCalledTimes(2);
    for (const spy of Object.values(b.calls)) expect(spy).not.toHaveBeenCalled();
  });

  it('tabs with their own tasks follow each their own', async () => {
    const a = tab(memoryTaskStorage());
    const b = tab(memoryTaskStorage());
    await Promise.all([a.controller.submit(INPUT), b.controller.submit(INPUT)]);
    await expect.poll(() => [a.controller.getState().status, b.controller.getState().status], { timeout: 5_000 }).toEqual(['succeeded', 'succeeded']);
    expect(fake.submitted()).toBe(2);
    expect(fake.subscriptions.opened).toBe(2);
    expect(a.calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(b.calls.onSuccess).toHaveBeenCalledTimes(1);
  });
});
