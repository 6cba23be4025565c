import { DEFAULT_ERROR_MESSAGES, type SeedanceErrorKind, type TaskError } from './seedance-error.js';

// Apart from the Runware code patterns, so a browser client that only needs these ships none of them.

/** A fetch that never reached the server or lost its connection. */
export function networkError(): TaskError {
  return { kind: 'network', code: 'network', message: DEFAULT_ERROR_MESSAGES.network, retryable: true };
}

/** A deadline ran out before the task finished. */
export function timeoutError(code = 'timeout'): TaskError {
  return { kind: 'timeout', code, message: DEFAULT_ERROR_MESSAGES.timeout, retryable: true };
}

/** The kind for an HTTP status alone (no code to go by). */
export function classifyHttpStatus(status: number | undefined): SeedanceErrorKind {
  if (status === undefined) return 'unknown';
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'credits';
  if (status === 429) return 'rate_limit';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'provider';
  if (status === 400 || status === 422) return 'validation';
  return 'unknown';
}
