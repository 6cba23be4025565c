import type { RunwareErrorItem } from '../runware/schemas.js';
import { classifyHttpStatus } from './network-error.js';
import { DEFAULT_ERROR_MESSAGES, isRetryableKind, type SeedanceErrorKind, type TaskError } from './seedance-error.js';

// Moved to their own file; re-exported here for imports by this path.
export { classifyHttpStatus, networkError, timeoutError } from './network-error.js';

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
