import type { RunwareErrorItem } from '../runware/schemas.js';
import { classifyHttpStatus } from './network-error.js';
import { runwareErrorFamily, type RunwareErrorFamily } from './runware-error-families.js';
import { DEFAULT_ERROR_MESSAGES, isRetryableKind, type SeedanceErrorKind, type TaskError } from './seedance-error.js';

// Moved to their own file; re-exported here for imports by this path.
export { classifyHttpStatus, networkError, timeoutError } from './network-error.js';

/**
 * Runware's families as the kit's kinds. Server errors, lost connections and aborted requests
 * are all the service failing between our server and Runware: `provider`, never `network`
 * (that kind tells end users to check their own connection).
 */
export const KIND_OF_FAMILY: Readonly<Record<Exclude<RunwareErrorFamily, 'unknown'>, SeedanceErrorKind>> = {
  validation: 'validation',
  auth: 'auth',
  quota: 'credits',
  rateLimit: 'rate_limit',
  safety: 'moderation',
  provider: 'provider',
  timeout: 'timeout',
  notFound: 'not_found',
  serverError: 'provider',
  connection: 'provider',
  aborted: 'provider',
};

// Codes no SDK table names but that the kit has met (its local Runware, older docs).
const KIT_CODES: readonly (readonly [SeedanceErrorKind, RegExp])[] = [
  ['moderation', /ContentPolicy|Moderation|^nsfw/i],
  ['rate_limit', /^queueFull$|^tooManyRequests$/i],
  // `timeoutProvider`: the provider behind Runware gave up; the SDK's Timeout rule is case-sensitive.
  ['provider', /^timeoutProvider$|^serverError$/],
];

/**
 * The kind for a Runware error code: Runware's own family when its SDK names the code, else the
 * HTTP status it came with, else the item's `status` (an item that says `error` is a failure of
 * the service). A 401 is always about credentials, whatever the code says.
 */
export function classifyRunwareError(code: string | undefined, status?: number, itemStatus?: string): SeedanceErrorKind {
  const family = code ? runwareErrorFamily(code) : 'unknown';
  let kind: SeedanceErrorKind | undefined = family === 'unknown' ? undefined : KIND_OF_FAMILY[family];
  if (!kind && code) kind = KIT_CODES.find(([, pattern]) => pattern.test(code))?.[0];
  if (status === 401 || (status === 403 && (kind === undefined || kind === 'validation' || kind === 'not_found'))) return 'auth';
  if (kind) return kind;
  const byStatus = status !== undefined && status >= 400 ? classifyHttpStatus(status) : 'unknown';
  if (byStatus !== 'unknown') return byStatus;
  return itemStatus === 'error' ? 'provider' : 'unknown';
}

// A few codes whose kind is right but whose kind's message would mislead.
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  taskCancelled: 'The video service cancelled this task.',
};

/**
 * A Runware error item as a `TaskError`. Only validation and moderation messages from the
 * provider are shown (they name the field or the refusal); for every other kind the kit's
 * message is used, since provider text can mention accounts, credentials and keys. An item
 * Runware sent as an error is a failure even when no rule names its code (`provider`).
 */
export function errorFromRunware(item: RunwareErrorItem, status?: number): TaskError {
  const code = typeof item.code === 'string' && item.code !== '' ? item.code : 'unknown';
  const about = item.taskType === 'authentication' || item.parameter === 'apiKey';
  const kind = about ? 'auth' : classifyRunwareError(code, status, typeof item.status === 'string' ? item.status : 'error');
  const providerMessage = typeof item.message === 'string' ? item.message.trim() : '';
  const showProvider = (kind === 'validation' || kind === 'moderation') && providerMessage !== '';
  return {
    kind,
    code,
    message: showProvider ? providerMessage : (CODE_MESSAGES[code] ?? DEFAULT_ERROR_MESSAGES[kind]),
    retryable: isRetryableKind(kind),
    // A credential error's parameter names the key field at most: nothing the user can fix.
    ...(item.parameter !== undefined && kind !== 'auth' && { parameter: item.parameter }),
    ...(status !== undefined && { status }),
  };
}
