import { sleep } from '@seedance-kit/core/internal';

/** Runware's webhook schedule: 250 ms doubling to 8 s between tries, each try given ~5 s for a 2xx. */
export interface RetryPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly attempts: number;
  readonly attemptTimeoutMs: number;
}

export const WEBHOOK_RETRY: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 8000, attempts: 10, attemptTimeoutMs: 5000 };

export interface SendOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  /** The last HTTP status, absent when no answer came (network error or timeout). */
  readonly status?: number;
}

/**
 * Sends one request until it gets a 2xx, waiting between tries per the policy. Stops when the
 * signal aborts (the simulator closing) and reports the outcome rather than throwing.
 */
export async function sendWithRetry(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
  signal: AbortSignal,
  onAttempt?: () => void,
): Promise<SendOutcome> {
  let delay = policy.firstDelayMs;
  let status: number | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (signal.aborted) return { ok: false, attempts: attempt - 1, ...(status !== undefined && { status }) };
    onAttempt?.();
    try {
      const response = await fetcher(url, { ...init, signal: AbortSignal.any([signal, AbortSignal.timeout(policy.attemptTimeoutMs)]) });
      status = response.status;
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status };
    } catch {
      status = undefined;
    }
    if (attempt === policy.attempts) return { ok: false, attempts: attempt, ...(status !== undefined && { status }) };
    try {
      await sleep(delay, signal, { unref: true });
    } catch {
      return { ok: false, attempts: attempt, ...(status !== undefined && { status }) };
    }
    delay = Math.min(policy.maxDelayMs, delay * 2);
  }
  return { ok: false, attempts: policy.attempts };
}
