import { memoryTaskStorage, webTaskStorage } from '@seedance-kit/core';
import { SeedanceProvider, useSeedanceClient, useVideoTask } from '@seedance-kit/react';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createFakeSeedanceClient } from '../../support/fake-seedance-client.js';
import { elapse, fakeClientHarness, perform } from '../../support/fake-client-harness.js';
import { HOLD, INPUT } from '../../support/inputs.js';

// The hook on an in-memory client and fake timers; use-video-task.full-stack.test.tsx runs one
// generation through the real handler.
const h = fakeClientHarness({ maxNumberResults: 2 });
const { wrapper } = h;

describe('useVideoTask', () => {
  it('submits and shows the results as they arrive, with an estimate that moves', async () => {
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    expect(result.current).toMatchObject({ status: 'idle', isActive: false, results: [], estimatedProgress: 0, taskId: undefined, error: undefined });
    await perform(() => result.current.submit({ ...INPUT, numberResults: 2 }));
    expect(result.current).toMatchObject({ status: 'queued', isActive: true, taskId: expect.any(String) });
    await elapse(300);
    expect(result.current.estimatedProgress).toBeGreaterThan(0);
    expect(result.current.estimatedProgress).toBeLessThan(100);
    await elapse();
    const { results, costUsd, estimatedCostUsd, numberResults, snapshot } = result.current;
    expect(result.current.status).toBe('succeeded');
    expect(numberResults).toBe(2);
    expect(results).toHaveLength(2);
    expect(costUsd).toBeCloseTo(0.02, 10);
    expect(estimatedCostUsd).toBe(snapshot?.estimatedCostUsd);
    expect(result.current.estimatedProgress).toBe(100);
    expect(h.fake.submitted()).toBe(1);
  });

  it('makes one controller for the component’s life: actions are stable', async () => {
    const { result, rerender } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    const { submit, cancel } = result.current;
    rerender();
    await perform(() => result.current.submit(HOLD));
    expect(result.current.submit).toBe(submit);
    expect(result.current.cancel).toBe(cancel);
  });

  it('survives a reload: the remounted hook reattaches to the same task instead of paying again', async () => {
    const storage = memoryTaskStorage();
    const first = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }) });
    await perform(() => first.result.current.submit({ ...INPUT, numberResults: 2 }));
    const taskId = first.result.current.taskId;
    expect(taskId).toEqual(expect.any(String));
    expect([...storage.entries.keys()]).toEqual(['seedance-kit:task:default']);
    first.unmount();

    const second = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }), reactStrictMode: true });
    await elapse(10);
    expect(second.result.current).toMatchObject({ taskId, isActive: true });
    await elapse();
    expect(second.result.current.status).toBe('succeeded');
    expect(second.result.current.results).toHaveLength(2);
    expect(h.fake.submitted()).toBe(1);
    expect(storage.entries.size).toBe(0);
    second.unmount();
  });

  it('keeps the running task in sessionStorage by default', async () => {
    sessionStorage.clear();
    const { result } = renderHook(() => useVideoTask({ key: 'session' }), {
      wrapper: ({ children }: { children: ReactNode }) => <SeedanceProvider client={h.fake}>{children}</SeedanceProvider>,
    });
    await perform(() => result.current.submit(INPUT));
    expect(JSON.parse(sessionStorage.getItem('seedance-kit:task:session') ?? '{}')).toMatchObject({ taskId: result.current.taskId, token: expect.any(String) });
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(sessionStorage.getItem('seedance-kit:task:session')).toBeNull();
    expect(webTaskStorage().get('seedance-kit:task:session')).toBeNull();
  });

  it('never creates two tasks from a double submit', async () => {
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    await perform(() => {
      const submit = result.current.submit;
      return Promise.all([submit(INPUT), submit(INPUT), submit({ ...INPUT, positivePrompt: 'Something else entirely' })]);
    });
    await perform(() => result.current.submit(INPUT));
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(h.fake.creates).toHaveLength(1);
    expect(h.fake.submitted()).toBe(1);
  });

  it('cancels a running task, here and on the server', async () => {
    const storage = memoryTaskStorage();
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }) });
    await perform(() => result.current.submit(HOLD));
    const taskId = result.current.taskId ?? '';
    await perform(() => result.current.cancel());
    expect(result.current).toMatchObject({ status: 'cancelled', isActive: false });
    expect(storage.entries.size).toBe(0);
    expect(h.fake.task(taskId)?.status).toBe('cancelled');
  });

  it('retries after a failure and resets to idle', async () => {
    h.fake.failNext('[flag once]', 'contentPolicyViolation');
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    await perform(() => result.current.submit({ ...INPUT, positivePrompt: 'A paper boat [flag once]' }));
    await elapse();
    expect(result.current.status).toBe('failed');
    expect(result.current.error).toMatchObject({ kind: 'moderation', retryable: false });
    const failedId = result.current.taskId;
    await perform(() => result.current.retry());
    await elapse();
    expect(result.current).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(result.current.taskId).not.toBe(failedId);
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: 'idle', results: [], taskId: undefined, attempt: 0 });
  });

  it('reports each failure with its kind: local validation, server policy, a lost task', async () => {
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    await perform(() => result.current.submit({ ...INPUT, positivePrompt: ' ' }));
    expect(result.current.error).toMatchObject({ kind: 'validation', parameter: 'positivePrompt' });
    expect(h.fake.creates).toHaveLength(0);

    act(() => result.current.reset());
    await perform(() => result.current.submit({ ...INPUT, numberResults: 3 }));
    expect(result.current.status).toBe('failed');
    expect(result.current.error).toMatchObject({ kind: 'policy', status: 422, parameter: 'numberResults', retryable: false });

    act(() => result.current.resume('00000000-0000-4000-8000-000000000000', 'not-a-token'));
    await elapse(10);
    expect(result.current.status).toBe('failed');
    expect(result.current.error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('shows how the task is followed, e.g. by polling when streaming is unavailable', async () => {
    const polling = createFakeSeedanceClient({ transport: 'polling' });
    const { result } = renderHook(() => useVideoTask({ client: polling, storage: null }), { wrapper: wrapper() });
    await perform(() => result.current.submit(INPUT));
    await elapse();
    expect(result.current.status).toBe('succeeded');
    expect(result.current.state.transport).toBe('polling');
  });

  it('tells you to add the provider when there is none', () => {
    expect(() => renderHook(() => useSeedanceClient())).toThrow(/inside <SeedanceProvider>/);
    expect(() => renderHook(() => useVideoTask())).toThrow(/inside <SeedanceProvider>/);
  });
});
