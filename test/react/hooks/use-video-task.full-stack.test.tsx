import { memoryTaskStorage, type TaskSnapshot, type TaskStorage } from '@seedance-kit/core';
import { SeedanceProvider, seedanceQueryKeys, useVideoTask } from '@seedance-kit/react';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, INPUT, RENDER_TIMEOUT, startMswBackend, type MswBackend } from '../../support/seedance-backend.js';

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

// The one hook test on the full stack (msw → the real handler → the local Runware): SSE, the
// files' URLs, the QueryClient mirror. Everything else is in use-video-task.test.tsx on a fake client.
describe('useVideoTask on the full stack', { timeout: RENDER_TIMEOUT }, () => {
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

});
