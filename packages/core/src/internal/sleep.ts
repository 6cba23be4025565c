/** Timer functions, injectable so tests and non-browser hosts can drive time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

export interface SleepOptions {
  readonly timers?: Timers;
  /** Let Node exit while this wait is pending (a background simulator must not hold a process open). */
  readonly unref?: boolean;
}

/**
 * The one wait of the kit (client retries, server polling, the local Runware): resolves after
 * `ms` (negative counts as 0), or rejects with the signal's reason as soon as it aborts.
 */
export function sleep(ms: number, signal?: AbortSignal, { timers = defaultTimers, unref = false }: SleepOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    if (unref) (handle as { unref?: () => void } | undefined)?.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
