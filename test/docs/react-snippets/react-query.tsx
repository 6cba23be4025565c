'use client';
import type { TaskSnapshot } from '@seedance-kit/core';
import { SeedanceGenerator, SeedanceProvider, seedanceQueryKeys } from '@seedance-kit/react';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactQueryDevtools } from '@tanstack/react-query-devtools';
import { useState, type ReactNode } from 'react';

export function Providers({ children }: { readonly children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      {/* No queryClient prop needed: the provider takes the nearest QueryClientProvider's. */}
      <SeedanceProvider endpoint="/api/seedance">{children}</SeedanceProvider>
      <ReactQueryDevtools />
    </QueryClientProvider>
  );
}

/** Reads the snapshot useVideoTask mirrors into the cache; never fetches it itself. */
export function TaskBadge({ taskId }: { readonly taskId: string }) {
  const { data } = useQuery<TaskSnapshot>({ queryKey: seedanceQueryKeys.task(taskId), enabled: false });
  return data ? <span>{data.status}</span> : null;
}

export function RefreshLimits() {
  const queryClient = useQueryClient();
  return (
    <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: seedanceQueryKeys.all })}>
      Refresh limits
    </button>
  );
}

export function Page() {
  return (
    <Providers>
      <SeedanceGenerator />
    </Providers>
  );
}
