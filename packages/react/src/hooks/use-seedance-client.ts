'use client';
import type { SeedanceClient } from '@seedance-kit/core';
import { useSeedanceContext } from '../provider/seedance-context.js';

/** The provider's client; throws a clear "wrap in <SeedanceProvider>" error outside one. */
export function useSeedanceClient(): SeedanceClient {
  return useSeedanceContext('useSeedanceClient').client;
}
