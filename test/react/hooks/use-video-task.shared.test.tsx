import { memoryTaskStorage, type TaskStorage, type VideoTaskState } from '@seedance-kit/core';
import { SeedanceProvider, useVideoTask, type UseVideoTaskOptions } from '@seedance-kit/react';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeSeedanceClient } from '../../support/fake-seedance-client.js';

// Hooks with one key on one page share one task: one state, one subscription, either's actions,
// and each hook's own callbacks once. On the in-memory client with fake timers.
const INPUT = { positivePrompt: 'A paper boat drifting down a rainy street', width: 864, height: 480, duration: 1.2, numberResults: 2 } as const;
const HOLD = { ...INPUT, positivePrompt: 'A paper boat that never arrives [hold]' } as const;

let fake: FakeSeedanceClient;
/** Subscriptions opened on the client, and how many are open now. */
let opened = 0;
let open = 0;
beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeSeedanceClient({ maxNumberResults: 2 });
  opened = 0;
  open = 0;
  const subscribe = fake.subscribe.bind(fake);
  fake.subscribe = (...args) => {
    opened++;
    open++;
    const stop = subscribe(...args);
    let stopped = false;
    return () => {
      if (!stopped) open--;
      stopped = true;
      stop();
    };
  };
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function wrapper(storage: TaskStorage | null = memoryTaskStorage()) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SeedanceProvider client={fake} storage={storage}>
        {children}
      </SeedanceProvider>
    );
  };
}

const elapse = (ms = 5_000) => act(() => vi.advanceTimersByTimeAsync(ms));
async function perform(action: () => Promise<unknown>, ms = 20) {
  await act(async () => {
    const done = action();
    await vi.advanceTimersByTimeAsync(ms);
    await done;
  });
}

function spies() {
  return {
    onSuccess: vi.fn<(task: VideoTaskState) => void>(),
    onError: vi.fn<NonNullable<UseVideoTaskOptions['onError']>>(),
    onSettled: vi.fn<(task: VideoTaskState) => void>(),
    onStatusChange: vi.fn<(task: VideoTaskState) => void>(),
    onResult: vi.fn<NonNullable<UseVideoTaskOptions['onResult']>>(),
  };
}

describe('useVideoTask with one key in two places', () => {
  it('shows one task in both, followed by one subscription, and each hook is told once', async () => {
    const storage = memoryTaskStorage();
    const [a, b] = [spies(), spies()];
    const first = renderHook(() => useVideoTask({ key: 'clip', ...a }), { wrapper: wrapper(storage), reactStrictMode: true });
    const second = renderHook(() => useVideoTask({ key: 'clip', ...b }), { wrapper: wrapper(storage), reactStrictMode: true });

    await perform(() => first.result.current.submit(INPUT));
    expect(second.result.current.taskId).toBe(first.result.current.taskId);
    expect(second.result.current.status).toBe('queued');
    // A submit from the other hook while the task runs is the double click it is: ignored.
    await perform(() => second.result.current.submit(INPUT));
    await elapse();

    expect(fake.submitted()).toBe(1);
    expect(opened).toBe(1);
    expect(first.result.current.status).toBe('succeeded');
    expect(second.result.current.state).toBe(first.result.current.state);
    for (const calls of [a, b]) {
      expect(calls.onStatusChange.mock.calls.map(([task]) => task.status)).toEqual(['submitting', 'queued', 'processing', 'succeeded']);
      expect(calls.onResult).toHaveBeenCalledTimes(2);
      expect(calls.onSuccess).toHaveBeenCalledTimes(1);
      expect(calls.onSettled).toHaveBeenCalledTimes(1);
      expect(calls.onError).not.toHaveBeenCalled();
    }
  });

  it("acts on the one task from either hook: the other's cancel stops it for both", async () => {
    const first = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: wrapper() });
    const second = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: wrapper() });
    await perform(() => first.result.current.submit(HOLD));
    await elapse(200);
    expect(open).toBe(1);
    await perform(() => second.result.current.cancel());
    expect(first.result.current.status).toBe('cancelled');
    expect(fake.cancels).toEqual([first.result.current.taskId]);
    expect(open).toBe(0);
  });

  it('keeps following while one hook stays mounted, and stops when the last one leaves', async () => {
    const storage = memoryTaskStorage();
    const first = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: wrapper(storage) });
    const second = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: wrapper(storage) });
    await perform(() => first.result.current.submit(HOLD));
    await elapse(200);
    first.unmount();
    expect(open).toBe(1);
    expect(second.result.current.status).toBe('processing');
    second.unmount();
    expect(open).toBe(0);
    // The task is still stored, so the next mount resumes it with one subscription again.
    const third = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: wrapper(storage) });
    await elapse(200);
    expect(third.result.current.status).toBe('processing');
    expect(open).toBe(1);
  });

  it('runs separate tasks for separate keys', async () => {
    const first = renderHook(() => useVideoTask({ key: 'one' }), { wrapper: wrapper() });
    const second = renderHook(() => useVideoTask({ key: 'two' }), { wrapper: wrapper() });
    await perform(() => first.result.current.submit(HOLD));
    expect(second.result.current.status).toBe('idle');
    await perform(() => second.result.current.submit(HOLD));
    expect(fake.submitted()).toBe(2);
    expect(second.result.current.taskId).not.toBe(first.result.current.taskId);
  });
});
