import { memoryTaskStorage, type VideoTaskState } from '@seedance-kit/core';
import { useVideoTask, type UseVideoTaskOptions } from '@seedance-kit/react';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { elapse, fakeClientHarness, perform } from '../../support/fake-client-harness.js';
import { HOLD, INPUT } from '../../support/inputs.js';

// The lifecycle callbacks on the in-memory client and fake timers: once per run, in StrictMode,
// across a reload that resumes the task, and always the latest function.
const h = fakeClientHarness({ maxNumberResults: 2 });
const { wrapper } = h;

/** One spy per callback, and what each saw. */
function spies() {
  const calls = {
    onSuccess: vi.fn<(task: VideoTaskState) => void>(),
    onError: vi.fn<NonNullable<UseVideoTaskOptions['onError']>>(),
    onSettled: vi.fn<(task: VideoTaskState) => void>(),
    onStatusChange: vi.fn<(task: VideoTaskState) => void>(),
    onResult: vi.fn<NonNullable<UseVideoTaskOptions['onResult']>>(),
  };
  const statuses = () => calls.onStatusChange.mock.calls.map(([task]) => task.status);
  return { calls, statuses };
}

describe('useVideoTask callbacks', () => {
  it('tells each status, each video as it arrives, then success and settled, once each', async () => {
    const { calls, statuses } = spies();
    const { result } = renderHook(() => useVideoTask(calls), { wrapper: wrapper() });
    await perform(() => result.current.submit({ ...INPUT, numberResults: 2 }));
    await elapse(600);
    // The first video is in, the second is not: onResult has fired once, nothing has settled.
    expect(result.current.results).toHaveLength(1);
    expect(calls.onResult).toHaveBeenCalledTimes(1);
    expect(calls.onResult.mock.calls[0]?.[0]).toBe(result.current.results[0]);
    expect(calls.onSettled).not.toHaveBeenCalled();
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(statuses()).toEqual(['submitting', 'queued', 'processing', 'succeeded']);
    expect(calls.onResult.mock.calls.map(([r]) => r.videoUUID)).toEqual(result.current.results.map((r) => r.videoUUID));
    expect(calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(calls.onSuccess.mock.calls[0]?.[0]).toMatchObject({ status: 'succeeded', taskId: result.current.taskId, results: result.current.results });
    expect(calls.onSettled).toHaveBeenCalledTimes(1);
    expect(calls.onError).not.toHaveBeenCalled();
    // Nothing more arrives after the end, whatever time passes.
    await elapse();
    expect(calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(calls.onStatusChange).toHaveBeenCalledTimes(4);
  });

  it('reports a failure with its error, and a retry as a new run', async () => {
    h.fake.failNext('[flag once]', 'contentPolicyViolation');
    const { calls } = spies();
    const { result } = renderHook(() => useVideoTask(calls), { wrapper: wrapper() });
    await perform(() => result.current.submit({ ...INPUT, positivePrompt: 'A paper boat [flag once]' }));
    await elapse();
    expect(calls.onError).toHaveBeenCalledTimes(1);
    const [error, task] = calls.onError.mock.calls[0] ?? [];
    expect(error).toMatchObject({ kind: 'moderation' });
    expect(task).toMatchObject({ status: 'failed', error });
    expect(calls.onSettled).toHaveBeenCalledTimes(1);
    expect(calls.onSuccess).not.toHaveBeenCalled();

    await perform(() => result.current.retry());
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(calls.onError).toHaveBeenCalledTimes(1);
    expect(calls.onSettled).toHaveBeenCalledTimes(2);
  });

  it('settles a cancelled task without success or error, and tells the reset to idle', async () => {
    const { calls, statuses } = spies();
    const { result } = renderHook(() => useVideoTask(calls), { wrapper: wrapper() });
    await perform(() => result.current.submit(HOLD));
    await perform(() => result.current.cancel());
    expect(calls.onSettled).toHaveBeenCalledTimes(1);
    expect(calls.onSettled.mock.calls[0]?.[0].status).toBe('cancelled');
    expect(calls.onSuccess).not.toHaveBeenCalled();
    expect(calls.onError).not.toHaveBeenCalled();
    act(() => result.current.reset());
    expect(statuses()).toEqual(['submitting', 'queued', 'cancelled', 'idle']);
    expect(calls.onSettled).toHaveBeenCalledTimes(1);
  });

  it('calls the latest functions without following the task again', async () => {
    const subscribe = vi.spyOn(h.fake, 'subscribe');
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(({ onSuccess }) => useVideoTask({ onSuccess }), { wrapper: wrapper(), initialProps: { onSuccess: first } });
    await perform(() => result.current.submit(INPUT));
    rerender({ onSuccess: second });
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(subscribe).toHaveBeenCalledTimes(1);
  });

  it('fires once each under StrictMode (double effects, double renders)', async () => {
    const { calls, statuses } = spies();
    const { result } = renderHook(() => useVideoTask(calls), { wrapper: wrapper(), reactStrictMode: true });
    await perform(() => result.current.submit({ ...INPUT, numberResults: 2 }));
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(statuses()).toEqual(['submitting', 'queued', 'processing', 'succeeded']);
    expect(calls.onResult).toHaveBeenCalledTimes(2);
    expect(calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(calls.onSettled).toHaveBeenCalledTimes(1);
  });

  it('after a reload, tells what the page before did not: the rest of the videos and the end, once', async () => {
    const storage = memoryTaskStorage();
    const before = spies();
    const first = renderHook(() => useVideoTask(before.calls), { wrapper: wrapper({ storage }) });
    await perform(() => first.result.current.submit({ ...INPUT, numberResults: 2 }));
    await elapse(600);
    expect(before.calls.onResult).toHaveBeenCalledTimes(1);
    // What was told is kept with the resume record.
    expect(JSON.parse(storage.entries.get('seedance-kit:task:default') ?? '{}')).toMatchObject({ notified: { status: 'processing', results: 1 } });
    first.unmount(); // the reload

    const after = spies();
    const second = renderHook(() => useVideoTask(after.calls), { wrapper: wrapper({ storage }), reactStrictMode: true });
    await elapse();
    expect(second.result.current.status).toBe('succeeded');
    expect(second.result.current.results).toHaveLength(2);
    // The first video was told before the reload; only the second is told now.
    expect(after.calls.onResult).toHaveBeenCalledTimes(1);
    expect(after.calls.onResult.mock.calls[0]?.[0]).toBe(second.result.current.results[1]);
    expect(after.statuses()).toEqual(['succeeded']);
    expect(after.calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(after.calls.onSettled).toHaveBeenCalledTimes(1);
    expect(before.calls.onSuccess).not.toHaveBeenCalled();
    second.unmount();

    // A task that had already ended is not resumed, so nothing is told again.
    const again = spies();
    const third = renderHook(() => useVideoTask(again.calls), { wrapper: wrapper({ storage }), reactStrictMode: true });
    await elapse();
    expect(third.result.current.status).toBe('idle');
    for (const spy of Object.values(again.calls)) expect(spy).not.toHaveBeenCalled();
  });

  it('a callback that throws does not stop the others or the task', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    try {
      const onSettled = vi.fn();
      const { result } = renderHook(
        () =>
          useVideoTask({
            onSuccess: () => {
              throw new Error('the app’s bug');
            },
            onSettled,
          }),
        { wrapper: wrapper() },
      );
      await perform(() => result.current.submit(INPUT));
      await elapse();
      expect(result.current.status).toBe('succeeded');
      expect(onSettled).toHaveBeenCalledTimes(1);
      expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ message: 'the app’s bug' }));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
