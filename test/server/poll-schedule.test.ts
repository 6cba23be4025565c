import { DEFAULT_POLLING, pollDelay, retryDelay } from '@seedance-kit/core/server';
import { describe, expect, it } from 'vitest';

describe('the getResponse cadence (SPEC.md: 1 s, +0.5 s, then ×1.5 up to 10 s, 20 min)', () => {
  it('follows Runware’s SDK', () => {
    const delays = Array.from({ length: 9 }, (_, i) => Math.round(pollDelay(i)));
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000, 10000]);
    expect(DEFAULT_POLLING.deadlineMs).toBe(20 * 60_000);
  });

  it('scales when injected, for fast tests', () => {
    const fast = { ...DEFAULT_POLLING, firstDelayMs: 10, incrementMs: 5, maxDelayMs: 40 };
    expect([0, 1, 2, 3, 4, 5].map((i) => Math.round(pollDelay(i, fast)))).toEqual([10, 15, 23, 34, 40, 40]);
  });

  it('backs off after failures and honours a longer Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(retryDelay(1, DEFAULT_POLLING, 7_000)).toBe(7_000);
  });
});
