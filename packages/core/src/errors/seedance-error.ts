import { defined } from '../protocol/defined.js';
import type { ValidationIssue } from '../spec/validation-issue.js';

/**
 * The few kinds every failure is sorted into. UIs switch on the kind; `code` keeps the
 * provider's or the kit's exact code for logs.
 */
export const ERROR_KINDS = [
  'validation',
  'auth',
  'credits',
  'moderation',
  'rate_limit',
  'policy',
  'provider',
  'timeout',
  'network',
  'not_found',
  'unknown',
] as const;
export type SeedanceErrorKind = (typeof ERROR_KINDS)[number];

/** A failure as plain data: what task state, snapshots and the wire protocol carry. */
export interface TaskError {
  readonly kind: SeedanceErrorKind;
  /** The provider's code (e.g. `invalidPositivePrompt`) or the kit's own (e.g. `network`). */
  readonly code: string;
  /** Plain English for the end user; never contains secrets. */
  readonly message: string;
  /** Whether trying the same thing again can help. */
  readonly retryable: boolean;
  /** The field or fields a validation failure names. */
  readonly parameter?: string | readonly string[];
  readonly issues?: readonly ValidationIssue[];
  /** HTTP status the failure arrived with, when it came over HTTP. */
  readonly status?: number;
  /**
   * When trying again can work, ms since the epoch on this machine's clock: from the server's
   * `Retry-After` (a rate limit, an hourly cap). A UI should not offer "Try again" before then.
   */
  readonly retryAt?: number;
}

/** What the end user reads for each kind when the provider's own message is not fit to show. */
export const DEFAULT_ERROR_MESSAGES: Readonly<Record<SeedanceErrorKind, string>> = {
  validation: 'Some settings are not valid. Check the highlighted fields.',
  auth: 'The video service rejected the server’s credentials. Ask the site owner to check the API key.',
  credits: 'The video service account is out of credits.',
  moderation: 'The prompt or image was blocked by the content policy. Try different wording or another image.',
  rate_limit: 'Too many requests right now. Wait a moment and try again.',
  policy: 'This request is over a limit set by this site.',
  provider: 'The video service failed to make this video. Trying again may work.',
  timeout: 'The video took too long to arrive. Trying again may work.',
  network: 'Could not reach the server. Check the connection and try again.',
  not_found: 'This video task was not found or has expired.',
  unknown: 'Something went wrong. Try again.',
};

const RETRYABLE_KINDS: ReadonlySet<SeedanceErrorKind> = new Set(['rate_limit', 'provider', 'timeout', 'network', 'unknown']);

/** Whether trying the same request again can help, by kind. */
export function isRetryableKind(kind: SeedanceErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/** A thrown failure carrying a `TaskError`; `toJSON` gives the plain data back. */
export class SeedanceError extends Error implements TaskError {
  override readonly name = 'SeedanceError';
  readonly kind: SeedanceErrorKind;
  readonly code: string;
  readonly retryable: boolean;
  readonly parameter?: string | readonly string[];
  readonly issues?: readonly ValidationIssue[];
  readonly status?: number;
  readonly retryAt?: number;

  constructor(error: TaskError, options?: { cause?: unknown }) {
    super(error.message, options);
    // The optional fields are own properties either way (class fields), undefined when unset.
    ({ kind: this.kind, code: this.code, retryable: this.retryable, parameter: this.parameter, issues: this.issues, status: this.status, retryAt: this.retryAt } = error);
  }

  static is(value: unknown): value is SeedanceError {
    return value instanceof SeedanceError;
  }

  toJSON(): TaskError {
    return toTaskError(this);
  }
}

/** Copies the `TaskError` fields of any error-like value into plain data. */
export function toTaskError({ kind, code, message, retryable, parameter, issues, status, retryAt }: TaskError): TaskError {
  return defined({ kind, code, message, retryable, parameter, issues, status, retryAt });
}

/** `parameter` for the fields a failure names: one as itself, several as a list, none as undefined. */
export function parameterOf(paths: readonly string[] | undefined): TaskError['parameter'] {
  return paths && (paths.length > 1 ? paths : paths[0]);
}
