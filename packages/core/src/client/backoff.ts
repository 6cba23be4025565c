import type { Timers } from '../internal/sleep.js';

export type { Timers };

export interface RetryOptions {
  /** Extra attempts after a network failure; 0 turns retrying off. Default 3. */
  readonly retries?: number;
  /** First wait, doubled for every further attempt. Default 300 ms. */
  readonly baseDelayMs?: number;
  /** Longest single wait. Default 10 s. */
  readonly maxDelayMs?: number;
}

/**
 * Wait before attempt `attempt + 1`: exponential from `baseDelayMs`, capped, with jitter in the
 * upper half so many clients cut off together do not come back together.
 */
export function backoffDelay(attempt: number, { baseDelayMs = 300, maxDelayMs = 10_000 }: RetryOptions = {}): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Whether an error is the rejection of an aborted signal (ours or the caller's). */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
