'use client';
import type { EffectiveLimits, SeedanceClient, SeedanceError } from '@seedance-kit/core';
import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useOptionalSeedanceContext } from '../provider/seedance-context.js';
import { seedanceQueryKeys } from './seedance-query-keys.js';

export interface UseEffectiveLimitsOptions {
  /** Use this client instead of the provider's. */
  readonly client?: SeedanceClient;
  readonly queryClient?: QueryClient;
  readonly enabled?: boolean;
  /** Default 5 minutes: caps change with a deploy, not per request. */
  readonly staleTime?: number;
}

/** The server's limits (`GET /limits`): the model's ranges narrowed by its policy. */
export function useEffectiveLimits(options: UseEffectiveLimitsOptions = {}): UseQueryResult<EffectiveLimits, SeedanceError> {
  const context = useOptionalSeedanceContext();
  const client = options.client ?? context?.client;
  if (!client) throw new Error('useEffectiveLimits() must be used inside <SeedanceProvider>, or be given a `client`.');
  return useQuery<EffectiveLimits, SeedanceError>(
    {
      queryKey: seedanceQueryKeys.limits(client.baseUrl),
      queryFn: ({ signal }) => client.getLimits({ signal }),
      staleTime: options.staleTime ?? 5 * 60_000,
      enabled: options.enabled ?? true,
      // The client already retried network failures; an HTTP answer will not change on retry.
      retry: false,
    },
    options.queryClient ?? context?.queryClient,
  );
}
