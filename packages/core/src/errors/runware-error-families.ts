/**
 * Runware's own error families, as its Python SDK (`runware-sdk`, `runware/errors.py`) sorts the
 * service's raw codes: named tables first, then substring, prefix and suffix rules, in that
 * SDK's order. Kept apart from the kit's kinds so the facts can be checked against the source
 * (test/fixtures/runware-answers.json) without reading the kit's choices into them.
 */
export const RUNWARE_ERROR_FAMILIES = [
  'validation',
  'auth',
  'quota',
  'rateLimit',
  'safety',
  'provider',
  'timeout',
  'notFound',
  'serverError',
  'connection',
  'aborted',
  'unknown',
] as const;
export type RunwareErrorFamily = (typeof RUNWARE_ERROR_FAMILIES)[number];

const CONNECTION = new Set(['connectionFailed', 'notConnected', 'notOpen', 'reconnectionFailed', 'disconnected']);

const SAFETY = new Set([
  'contentPolicyViolation',
  'providerContentPolicyViolation',
  'sensitiveContentDetected',
  'unsafeContentDetected',
  'nsfwContentDetected',
  'promptBlocked',
  'imageBlocked',
  'moderationFailed',
]);

const AUTH = new Set([
  'unauthorized',
  'forbidden',
  'permissionDenied',
  'insufficientPermissions',
  'authenticationFailed',
  'authFailed',
  'authTimeout',
  'invalidAuthentication',
  'invalidCredentials',
  'missingAuthentication',
  'tokenExpired',
  'tokenInvalid',
  'tokenMissing',
  'tokenRevoked',
  'accountSuspended',
  'accountDisabled',
  'organizationSuspended',
  'organizationDisabled',
  'workspaceSuspended',
  'workspaceDisabled',
]);

const SERVER_ERROR = new Set([
  'internalServerError',
  'serviceUnavailable',
  'serverUnavailable',
  'standardError',
  'unknownError',
  'undefinedError',
  'defaultError',
  'unrecognizedResponse',
  'errorRetrievingAccountManagement',
]);

const NOT_FOUND = new Set(['taskCancelled', 'taskFailedOrNotFound', 'unknownModel']);

const PROVIDER = new Set([
  'inferenceError',
  'processingFailed',
  'taskFailed',
  'downloadFailed',
  'uploadFailed',
  'noAvailableServer',
  'modelUnavailable',
  'modelDisabled',
  'modelNotReady',
  'mediaStorageFileCouldNotBeMoved',
]);

const VALIDATION = new Set([
  'unknownParameter',
  'incompatibleParameters',
  'mismatchProviderSettingsProvider',
  'unknownProviderSettingsProvider',
  'transparentModelMismatch',
  'modelOwnershipValidationError',
  'modelAlreadyExists',
  'validationFailed',
]);
const VALIDATION_PREFIXES = ['invalid', 'missing', 'conflict', 'duplicate', 'unsupported', 'value', 'array', 'max'];

/** The family `runware-sdk` gives a raw code; `unknown` when none of its rules names it. */
export function runwareErrorFamily(code: string): RunwareErrorFamily {
  if (code === 'aborted') return 'aborted';
  if (CONNECTION.has(code)) return 'connection';
  // Substring rules are case-sensitive in the SDK: `lowBalance` is quota, `balance` alone is not.
  if (/Credits|Quota|Balance/.test(code) || code === 'quotaExceeded' || code === 'paymentRequired') return 'quota';
  if (code.includes('RateLimit') || code === 'rateLimitExceeded') return 'rateLimit';
  if (SAFETY.has(code)) return 'safety';
  if (AUTH.has(code) || code.includes('ApiKey')) return 'auth';
  if (code.includes('Timeout') || code === 'timeout') return 'timeout';
  if (NOT_FOUND.has(code) || code.endsWith('NotFound') || code.endsWith('Expired')) return 'notFound';
  if (SERVER_ERROR.has(code)) return 'serverError';
  if (PROVIDER.has(code) || code.startsWith('provider')) return 'provider';
  if (VALIDATION.has(code) || VALIDATION_PREFIXES.some((prefix) => code.startsWith(prefix))) return 'validation';
  return 'unknown';
}
