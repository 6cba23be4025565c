/**
 * The hook and widget tests' setup on the in-memory client: fake timers, a fresh fake client per
 * test, a provider wrapper, and time that moves inside `act` so React renders what changed.
 */
import { memoryTaskStorage, type TaskStorage } from '@seedance-kit/core';
import { SeedanceProvider } from '@seedance-kit/react';
import { act, cleanup } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { createFakeSeedanceClient, type FakeClientOptions, type FakeSeedanceClient } from './fake-seedance-client.js';

export interface FakeClientHarness {
  /** This test's client. */
  readonly fake: FakeSeedanceClient;
  /** A `SeedanceProvider` around the hook, on this test's client (or `client`) and a memory storage (or `storage`). */
  wrapper(options?: { storage?: TaskStorage | null; client?: FakeSeedanceClient }): (props: { children: ReactNode }) => ReactNode;
}

/** Registers the per-test setup; call it once at the top of a test file. */
export function fakeClientHarness(options: FakeClientOptions = {}): FakeClientHarness {
  let current: FakeSeedanceClient | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    current = createFakeSeedanceClient(options);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
  const harness: FakeClientHarness = {
    get fake() {
      if (!current) throw new Error('fakeClientHarness: the fake client exists only inside a test');
      return current;
    },
    wrapper({ storage = memoryTaskStorage(), client = harness.fake } = {}) {
      return function Wrapper({ children }: { children: ReactNode }) {
        return (
          <SeedanceProvider client={client} storage={storage}>
            {children}
          </SeedanceProvider>
        );
      };
    },
  };
  return harness;
}

/** Fake time moves on by `ms`, inside act so React renders what changed. */
export const elapse = (ms = 5_000) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Calls an action (which awaits the fake server) while fake time moves on. */
export async function perform(action: () => Promise<unknown>, ms = 20): Promise<void> {
  await act(async () => {
    const done = action();
    await vi.advanceTimersByTimeAsync(ms);
    await done;
  });
}
