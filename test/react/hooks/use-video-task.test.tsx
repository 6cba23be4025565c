import { createSeedanceClient, memoryTaskStorage, webTaskStorage, type TaskSnapshot, type TaskStorage } from '@seedance-kit/core';
import { SeedanceProvider, seedanceQueryKeys, useSeedanceClient, useVideoTask } from '@seedance-kit/react';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { http } from 'msw';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, HOLD, INPUT, RENDER_TIMEOUT, startMswBackend, type MswBackend } from './seedance-backend.js';

let backend: MswBackend;
beforeAll(() => {
  backend = startMswBackend({ policy: { maxNumberResults: 2 } });
});
afterAll(() => backend.close());
afterEach(cleanup);

function wrapper({ storage = memoryTaskStorage(), queryClient }: { storage?: TaskStorage | null; queryClient?: QueryClient } = {}) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SeedanceProvider endpoint={ENDPOINT} storage={storage} {...(queryClient && { queryClient })}>
        {children}
      </SeedanceProvider>
    );
  };
}

const WAIT = { timeout: 15_000 };

describe('useVideoTask', { timeout: RENDER_TIMEOUT }, () => {
  it('submits and shows the results as they arrive over the SSE stream', async () => {
    const queryClient = new QueryClient();
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper({ queryClient }) });
    expect(result.current).toMatchObject({ status: 'idle', isActive: false, results: [], estimatedProgress: 0, taskId: undefined, error: undefined });
    const before = backend.submitted();
    await act(() => result.current.submit({ ...INPUT, numberResults: 2 }));
    expect(result.current.isActive).toBe(true);
    expect(result.current.taskId).toEqual(expect.any(String));
    expect(result.current.estimatedProgress).toBeGreaterThanOrEqual(0);
    expect(result.current.estimatedProgress).toBeLessThan(100);

    await waitFor(() => expect(result.current.status).toBe('succeeded'), WAIT);
    const { results, costUsd, estimatedCostUsd, numberResults, snapshot, state } = result.current;
    expect(numberResults).toBe(2);
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.videoURL.startsWith(`${ENDPOINT}/files/`))).toBe(true);
    expect(costUsd).toBeCloseTo((results[0]?.cost ?? 0) + (results[1]?.cost ?? 0), 10);
    expect(estimatedCostUsd).toBe(snapshot?.estimatedCostUsd);
    expect(result.current.estimatedProgress).toBe(100);
    expect(state.transport).toBe('fetch');
    expect(backend.submitted() - before).toBe(1);
    // Snapshots are mirrored into the app's QueryClient.
    expect(queryClient.getQueryData<TaskSnapshot>(seedanceQueryKeys.task(snapshot?.id ?? ''))?.status).toBe('succeeded');
  });

  it('survives a reload: the remounted hook reattaches to the same task instead of paying again', async () => {
    const storage = memoryTaskStorage();
    const before = backend.submitted();
    const first = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }) });
    await act(() => first.result.current.submit({ ...INPUT, numberResults: 2 }));
    const taskId = first.result.current.taskId;
    expect(taskId).toEqual(expect.any(String));
    expect([...storage.entries.keys()]).toEqual(['seedance-kit:task:default']);
    first.unmount();

    const second = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }), reactStrictMode: true });
    await waitFor(() => expect(second.result.current.taskId).toBe(taskId));
    expect(second.result.current.isActive || second.result.current.status === 'succeeded').toBe(true);
    await waitFor(() => expect(second.result.current.status).toBe('succeeded'), WAIT);
    expect(second.result.current.results).toHaveLength(2);
    expect(backend.submitted() - before).toBe(1);
    // Read and finished: nothing left to resume.
    expect(storage.entries.size).toBe(0);
    second.unmount();
  });

  it('keeps the running task in sessionStorage by default', async () => {
    sessionStorage.clear();
    const { result } = renderHook(() => useVideoTask({ key: 'session' }), {
      wrapper: ({ children }: { children: ReactNode }) => <SeedanceProvider endpoint={ENDPOINT}>{children}</SeedanceProvider>,
    });
    await act(() => result.current.submit(INPUT));
    expect(JSON.parse(sessionStorage.getItem('seedance-kit:task:session') ?? '{}')).toMatchObject({ taskId: result.current.taskId, token: expect.any(String) });
    await waitFor(() => expect(result.current.status).toBe('succeeded'), WAIT);
    expect(sessionStorage.getItem('seedance-kit:task:session')).toBeNull();
    expect(webTaskStorage().get('seedance-kit:task:session')).toBeNull();
  });

  it('never creates two tasks from a double submit', async () => {
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    const before = backend.submitted();
    const creates = backend.seen.filter((line) => line === 'POST /api/seedance/tasks').length;
    await act(async () => {
      const submit = result.current.submit;
      await Promise.all([submit(INPUT), submit(INPUT), submit({ ...INPUT, positivePrompt: 'Something else entirely' })]);
    });
    await act(() => result.current.submit(INPUT));
    await waitFor(() => expect(result.current.status).toBe('succeeded'), WAIT);
    expect(backend.seen.filter((line) => line === 'POST /api/seedance/tasks').length - creates).toBe(1);
    expect(backend.submitted() - before).toBe(1);
  });

  it('cancels a running task, here and on the server', async () => {
    const storage = memoryTaskStorage();
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper({ storage }) });
    await act(() => result.current.submit(HOLD));
    const taskId = result.current.taskId ?? '';
    await act(() => result.current.cancel());
    expect(result.current).toMatchObject({ status: 'cancelled', isActive: false });
    expect(storage.entries.size).toBe(0);
    expect((await backend.handler.store.get(taskId))?.state.status).toBe('cancelled');
  });

  it('retries after a failure and resets to idle', async () => {
    backend.localRunware.injectFault({ kind: 'moderation', times: 1, match: (task) => task.positivePrompt.includes('[flag once]') });
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    await act(() => result.current.submit({ ...INPUT, positivePrompt: 'A paper boat [flag once]' }));
    await waitFor(() => expect(result.current.status).toBe('failed'), WAIT);
    expect(result.current.error).toMatchObject({ kind: 'moderation', retryable: false });
    const failedId = result.current.taskId;
    await act(() => result.current.retry());
    await waitFor(() => expect(result.current.status).toBe('succeeded'), WAIT);
    expect(result.current.attempt).toBe(2);
    expect(result.current.taskId).not.toBe(failedId);
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: 'idle', results: [], taskId: undefined, attempt: 0 });
  });

  it('reports each failure with its kind: local validation, server policy, a lost task', async () => {
    const { result } = renderHook(() => useVideoTask(), { wrapper: wrapper() });
    const requests = backend.seen.length;
    await act(() => result.current.submit({ ...INPUT, positivePrompt: ' ' }));
    expect(result.current.error).toMatchObject({ kind: 'validation', parameter: 'positivePrompt' });
    expect(backend.seen.length).toBe(requests);

    act(() => result.current.reset());
    await act(() => result.current.submit({ ...INPUT, numberResults: 3 }));
    expect(result.current.status).toBe('failed');
    expect(result.current.error).toMatchObject({ kind: 'policy', status: 422, parameter: 'numberResults', retryable: false });

    act(() => result.current.resume('00000000-0000-4000-8000-000000000000', 'not-a-token'));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('falls back to polling when the stream is unavailable', async () => {
    backend.server.use(http.get('*/api/seedance/tasks/:id/events', () => new Response('no streams here', { status: 200, headers: { 'content-type': 'text/plain' } })));
    try {
      const client = createSeedanceClient({ baseUrl: ENDPOINT, pollIntervalMs: 20 });
      const { result } = renderHook(() => useVideoTask({ client, storage: null }), { wrapper: wrapper() });
      await act(() => result.current.submit(INPUT));
      await waitFor(() => expect(result.current.status).toBe('succeeded'), WAIT);
      expect(result.current.state.transport).toBe('polling');
    } finally {
      backend.server.resetHandlers();
    }
  });

  it('tells you to add the provider when there is none', () => {
    expect(() => renderHook(() => useSeedanceClient())).toThrow(/inside <SeedanceProvider>/);
    expect(() => renderHook(() => useVideoTask())).toThrow(/inside <SeedanceProvider>/);
  });
});
