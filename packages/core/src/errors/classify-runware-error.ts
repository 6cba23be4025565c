import type { RunwareErrorItem } from '../runware/schemas.js';
import { DEFAULT_ERROR_MESSAGES, isRetryableKind, type SeedanceErrorKind, type TaskError } from './seedance-error.js';

// Codes differ between providers behind Runware, so families are matched by pattern (SPEC.md).
// Order matters: `timeoutProvider` is a provider failure, `taskFailedOrNotFound` a lookup miss.
const FAMILIES: readonly (readonly [SeedanceErrorKind, RegExp])[] = [
  ['moderation', /^(contentPolicyViolation|providerContentPolicyViolation|sensitiveContentDetected|nsfwContentDetected|promptBlocked|imageBlocked)$|ContentPolicy|Moderation/i],
  ['not_found', /^taskFailedOrNotFound$|NotFound$|Expired$/],
  ['auth', /ApiKey$|^unauthorized$|^forbidden$|^invalidApiKey$/i],
  ['credits', /Credits|Balance|^paymentRequired$/i],
  ['rate_limit', /RateLimit|^queueFull$|^tooManyRequests$/i],
  ['timeout', /^timeout$|^requestTimeout$/i],
  ['provider', /^(timeoutProvider|inferenceError|taskFailed|noAvailableServer|modelUnavailable|serverError|internalServerError|serviceUnavailable)$/i],
  ['validation', /^(invalid|missing|unsupported|duplicate)|^unknownParameter$|^incompatibleParameters$/],
];

/** The kind for a Runware error code, falling back on the HTTP status the error came with. */
export function classifyRunwareError(code: string | undefined, status?: number): SeedanceErrorKind {
  if (code) {
    for (const [kind, pattern] of FAMILIES) if (pattern.test(code)) return kind;
  }
  return classifyHttpStatus(status);
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

/**
 * A Runware error item as a `TaskError`. Validation and moderation messages from the provider
 * name the field and are shown; for other kinds the kit's message is used, since provider text
 * can mention accounts and keys the end user should not see.
 */
export function errorFromRunware(item: RunwareErrorItem, status?: number): TaskError {
  const code = typeof item.code === 'string' && item.code !== '' ? item.code : 'unknown';
  const kind = classifyRunwareError(code, status);
  const providerMessage = typeof item.message === 'string' ? item.message.trim() : '';
  const showProvider = (kind === 'validation' || kind === 'moderation') && providerMessage !== '';
  return {
    kind,
    code,
    message: showProvider ? providerMessage : DEFAULT_ERROR_MESSAGES[kind],
    retryable: isRetryableKind(kind),
    ...(item.parameter !== undefined && { parameter: item.parameter }),
    ...(status !== undefined && { status }),
  };
}

/** A fetch that never reached the server or lost its connection. */
export function networkError(): TaskError {
  return { kind: 'network', code: 'network', message: DEFAULT_ERROR_MESSAGES.network, retryable: true };
}

/** A deadline ran out before the task finished. */
export function timeoutError(code = 'timeout'): TaskError {
  return { kind: 'timeout', code, message: DEFAULT_ERROR_MESSAGES.timeout, retryable: true };
}
