import { createVideoTaskController, crossTabClient, memoryTaskStorage } from '@seedance-kit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient } from '../support/fake-seedance-client.js';
import { INPUT } from '../support/inputs.js';

// Node 20 has BroadcastChannel but no Web Locks: with no way to elect one tab, each follows its own.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('crossTabClient without Web Locks', () => {
  it('leaves the client as it is, so each tab follows and reports the task itself', async () => {
    expect(typeof BroadcastChannel).toBe('function');
    const fake = createFakeSeedanceClient();
    expect(crossTabClient(fake)).toBe(fake);

    const subscribe = vi.spyOn(fake, 'subscribe');
    const storage = memoryTaskStorage();
    const onSuccess = [vi.fn(), vi.fn()];
    const [a, b] = onSuccess.map((fn) => createVideoTaskController({ client: crossTabClient(fake), storage, onSuccess: fn }));
    const submitted = a!.submit(INPUT);
    await vi.advanceTimersByTimeAsync(20);
    await submitted;
    expect(await b!.restore()).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);

    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(b!.getState().status).toBe('succeeded');
    expect(onSuccess[0]).toHaveBeenCalledTimes(1);
    expect(onSuccess[1]).toHaveBeenCalledTimes(1);
  });
});
