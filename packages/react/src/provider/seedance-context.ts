'use client';
import type { GenerationInput, SeedanceClient, TaskStorage } from '@seedance-kit/core';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';

/** What `SeedanceProvider` gives the hooks below it. */
export interface SeedanceContextValue {
  readonly client: SeedanceClient;
  readonly queryClient: QueryClient;
  /** Initial form values laid over the spec's defaults. */
  readonly defaults: Partial<GenerationInput>;
  /** Where running tasks are kept for a resume after reload; null keeps nothing. */
  readonly storage: TaskStorage | null;
}

export const SeedanceContext = createContext<SeedanceContextValue | null>(null);

/** The provider's value, or null outside one (for hooks that also take their own client). */
export function useOptionalSeedanceContext(): SeedanceContextValue | null {
  return useContext(SeedanceContext);
}

/** The provider's value; throws a clear error outside `<SeedanceProvider>`. */
export function useSeedanceContext(hook = 'useSeedanceContext'): SeedanceContextValue {
  const value = useContext(SeedanceContext);
  if (!value) {
    throw new Error(`${hook}() must be used inside <SeedanceProvider>. Wrap your app (or this part of it) in <SeedanceProvider endpoint="/api/seedance">.`);
  }
  return value;
}
