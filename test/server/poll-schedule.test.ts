import { readFileSync } from 'node:fs';
import { DEFAULT_POLLING, pollDelay, retryDelay } from '@seedance-kit/core/server';
import { describe, expect, it } from 'vitest';

const { pollCadence } = JSON.parse(readFileSync(new URL('../fixtures/runware-answers.json', import.meta.url), 'utf8')) as { pollCadence: { sleepsBeforePollMs: number[] } };

describe('the getResponse cadence (runware-sdk: 1 s, 0.5 s, then ×1.5 up to 10 s, 20 min)', () => {
  it('follows Runware’s SDK, wait for wait', () => {
    const delays = pollCadence.sleepsBeforePollMs.map((_, i) => pollDelay(i));
    expect(delays).toEqual(pollCadence.sleepsBeforePollMs);
    expect(pollDelay(30)).toBe(10_000);
    expect(DEFAULT_POLLING.deadlineMs).toBe(20 * 60_000);
  });

  it('scales when injected, for fast tests', () => {
    const fast = { ...DEFAULT_POLLING, firstDelayMs: 10, secondDelayMs: 5, maxDelayMs: 40 };
    expect([0, 1, 2, 3, 4, 5].map((i) => Math.round(pollDelay(i, fast)))).toEqual([10, 5, 8, 11, 17, 25]);
  });

  it('backs off after failures and honours a longer Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(retryDelay(1, DEFAULT_POLLING, 7_000)).toBe(7_000);
  });
});
