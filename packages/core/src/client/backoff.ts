/** Timer functions, injectable so tests and non-browser hosts can drive time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

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

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, timers: Timers = defaultTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether an error is the rejection of an aborted signal (ours or the caller's). */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
