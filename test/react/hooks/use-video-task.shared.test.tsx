import { memoryTaskStorage, type VideoTaskState } from '@seedance-kit/core';
import { useVideoTask, type UseVideoTaskOptions } from '@seedance-kit/react';
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { elapse, fakeClientHarness, perform } from '../../support/fake-client-harness.js';
import { HOLD as HOLD_ONE, INPUT as ONE } from '../../support/inputs.js';

// Hooks with one key on one page share one task: one state, one subscription, either's actions,
// and each hook's own callbacks once. On the in-memory client with fake timers.
const INPUT = { ...ONE, numberResults: 2 } as const;
const HOLD = { ...HOLD_ONE, numberResults: 2 } as const;

const harness = fakeClientHarness({ maxNumberResults: 2 });

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
    const first = renderHook(() => useVideoTask({ key: 'clip', ...a }), { wrapper: harness.wrapper({ storage }), reactStrictMode: true });
    const second = renderHook(() => useVideoTask({ key: 'clip', ...b }), { wrapper: harness.wrapper({ storage }), reactStrictMode: true });

    await perform(() => first.result.current.submit(INPUT));
    expect(second.result.current.taskId).toBe(first.result.current.taskId);
    expect(second.result.current.status).toBe('queued');
    // A submit from the other hook while the task runs is the double click it is: ignored.
    await perform(() => second.result.current.submit(INPUT));
    await elapse();

    expect(harness.fake.submitted()).toBe(1);
    expect(harness.fake.subscriptions.opened).toBe(1);
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
    const first = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: harness.wrapper() });
    const second = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: harness.wrapper() });
    await perform(() => first.result.current.submit(HOLD));
    await elapse(200);
    expect(harness.fake.subscriptions.open).toBe(1);
    await perform(() => second.result.current.cancel());
    expect(first.result.current.status).toBe('cancelled');
    expect(harness.fake.cancels).toEqual([first.result.current.taskId]);
    expect(harness.fake.subscriptions.open).toBe(0);
  });

  it('keeps following while one hook stays mounted, and stops when the last one leaves', async () => {
    const storage = memoryTaskStorage();
    const first = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: harness.wrapper({ storage }) });
    const second = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: harness.wrapper({ storage }) });
    await perform(() => first.result.current.submit(HOLD));
    await elapse(200);
    first.unmount();
    expect(harness.fake.subscriptions.open).toBe(1);
    expect(second.result.current.status).toBe('processing');
    second.unmount();
    expect(harness.fake.subscriptions.open).toBe(0);
    // The task is still stored, so the next mount resumes it with one subscription again.
    const third = renderHook(() => useVideoTask({ key: 'clip' }), { wrapper: harness.wrapper({ storage }) });
    await elapse(200);
    expect(third.result.current.status).toBe('processing');
    expect(harness.fake.subscriptions.open).toBe(1);
  });

  it('runs separate tasks for separate keys', async () => {
    const first = renderHook(() => useVideoTask({ key: 'one' }), { wrapper: harness.wrapper() });
    const second = renderHook(() => useVideoTask({ key: 'two' }), { wrapper: harness.wrapper() });
    await perform(() => first.result.current.submit(HOLD));
    expect(second.result.current.status).toBe('idle');
    await perform(() => second.result.current.submit(HOLD));
    expect(harness.fake.submitted()).toBe(2);
    expect(second.result.current.taskId).not.toBe(first.result.current.taskId);
  });
});
