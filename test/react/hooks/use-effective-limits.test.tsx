import { createSeedanceClient, type EffectiveLimits } from '@seedance-kit/core';
import { SeedanceProvider, seedanceQueryKeys, useEffectiveLimits } from '@seedance-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT, startMswBackend, type MswBackend } from '../../support/seedance-backend.js';

let backend: MswBackend;
beforeAll(() => {
  backend = startMswBackend({ policy: { maxNumberResults: 3, outputFormats: ['MP4', 'WEBM'], maxHourlyCostUsd: 2 } });
});
afterAll(() => backend.close());
afterEach(cleanup);

describe('useEffectiveLimits', () => {
  it("reads GET /limits into the app's own QueryClient", async () => {
    const queryClient = new QueryClient();
    const { result } = renderHook(() => useEffectiveLimits(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={queryClient}>
          <SeedanceProvider endpoint={ENDPOINT}>{children}</SeedanceProvider>
        </QueryClientProvider>
      ),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ provider: 'local', numberResults: { min: 1, max: 3 }, outputFormats: ['MP4', 'WEBM'], maxHourlyCostUsd: 2, maxTaskCostUsd: null });
    expect(queryClient.getQueryData<EffectiveLimits>(seedanceQueryKeys.limits(ENDPOINT))).toBe(result.current.data);
  });

  it('gives a typed network error when the connection fails, after the client retried', async () => {
    let attempts = 0;
    backend.server.use(
      http.get('*/api/seedance/limits', () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    try {
      const client = createSeedanceClient({ baseUrl: ENDPOINT, retry: { retries: 2, baseDelayMs: 1 } });
      const { result } = renderHook(() => useEffectiveLimits({ client }), {
        wrapper: ({ children }: { children: ReactNode }) => <SeedanceProvider endpoint={ENDPOINT}>{children}</SeedanceProvider>,
      });
      await waitFor(() => expect(result.current.isError).toBe(true));
      expect(result.current.error).toMatchObject({ name: 'SeedanceError', kind: 'network', retryable: true });
      expect(attempts).toBe(3);
    } finally {
      backend.server.resetHandlers();
    }
  });
});
