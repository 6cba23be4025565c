/**
 * The `getResponse` cadence of Runware's own SDK (runware-sdk `client.py`, cited in
 * test/fixtures/runware-answers.json `pollCadence`): the first poll 1 s after the ack, the second
 * 0.5 s after that (an absolute wait, not +0.5 s), then each wait ×1.5 up to 10 s: 1000, 500,
 * 750, 1125, …; give up after 20 min. Every number is injectable so tests run in ms.
 */
export interface PollingOptions {
  readonly firstDelayMs: number;
  /** The wait before the second poll; later waits grow from it. */
  readonly secondDelayMs: number;
  /** Growth per poll after the second. */
  readonly factor: number;
  readonly maxDelayMs: number;
  /** From the ack; then the task fails with a timeout error. */
  readonly deadlineMs: number;
  /** First wait after a failed poll (429, 5xx, network), doubled per failure in a row. */
  readonly retryBaseDelayMs: number;
  /** Failed polls in a row before the task fails with the last error. */
  readonly maxConsecutiveFailures: number;
}

export const DEFAULT_POLLING: PollingOptions = {
  firstDelayMs: 1_000,
  secondDelayMs: 500,
  factor: 1.5,
  maxDelayMs: 10_000,
  deadlineMs: 20 * 60_000,
  retryBaseDelayMs: 1_000,
  maxConsecutiveFailures: 20,
};

/** Wait before poll number `index` (0 = the first after the ack). */
export function pollDelay(index: number, options: PollingOptions = DEFAULT_POLLING): number {
  const { firstDelayMs, secondDelayMs, factor, maxDelayMs } = options;
  if (index <= 0) return Math.min(firstDelayMs, maxDelayMs);
  return Math.min(maxDelayMs, secondDelayMs * factor ** (index - 1));
}

/** Wait after `failures` failed polls in a row, honouring a server's Retry-After when longer. */
export function retryDelay(failures: number, options: PollingOptions = DEFAULT_POLLING, retryAfterMs?: number): number {
  const backoff = Math.min(options.maxDelayMs, options.retryBaseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, options.maxDelayMs * 6));
}
