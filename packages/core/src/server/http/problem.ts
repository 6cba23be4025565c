import { stringifyJson } from '../../json/int64-json.js';
import { DEFAULT_ERROR_MESSAGES, isRetryableKind, type SeedanceErrorKind } from '../../errors/index.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_PREFIX, type PolicyCap, type Problem, type ProblemCode } from '../../protocol/wire.js';
import type { ValidationIssue } from '../../spec/validation-issue.js';

const TITLES: Readonly<Record<ProblemCode, string>> = {
  validation_failed: 'Invalid generation settings',
  invalid_json: 'Body is not valid JSON',
  unsupported_media_type: 'Body must be JSON',
  payload_too_large: 'Body too large',
  body_timeout: 'Body too slow',
  origin_not_allowed: 'Origin not allowed',
  host_not_allowed: 'Host not allowed',
  invalid_idempotency_key: 'Invalid Idempotency-Key',
  idempotency_key_reused: 'Idempotency-Key reused with another body',
  policy_cap_exceeded: 'Over a limit of this site',
  hourly_cost_exceeded: 'Hourly spending limit reached',
  rate_limited: 'Too many requests',
  too_many_streams: 'Too many open streams',
  unauthenticated: 'Sign-in required',
  task_not_found: 'Task not found',
  task_not_cancellable: 'Task already finished',
  file_not_found: 'File not found',
  webhook_unauthorized: 'Webhook not authorized',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  store_unavailable: 'Temporarily unavailable',
  provider_not_configured: 'Video generation not configured',
  internal_error: 'Internal error',
};

export interface ProblemInit {
  readonly kind: SeedanceErrorKind;
  readonly detail?: string;
  readonly retryable?: boolean;
  readonly issues?: readonly ValidationIssue[];
  readonly cap?: PolicyCap;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal the handler answers with as `application/problem+json` (RFC 9457). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: ProblemCode, init: ProblemInit) {
    const detail = init.detail ?? DEFAULT_ERROR_MESSAGES[init.kind];
    super(detail);
    this.problem = {
      type: PROBLEM_TYPE_PREFIX + code,
      title: TITLES[code],
      status,
      detail,
      code,
      kind: init.kind,
      retryable: init.retryable ?? isRetryableKind(init.kind),
      ...(init.issues !== undefined && { issues: init.issues }),
      ...(init.cap !== undefined && { cap: init.cap }),
    };
    this.headers = init.headers ?? {};
  }

  toResponse(): Response {
    return new Response(JSON.stringify(this.problem), {
      status: this.problem.status,
      headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...this.headers },
    });
  }
}

/** A JSON answer that no cache keeps, written by `stringifyJson` so int64 values (seeds) stay exact. */
export function jsonResponse(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}
