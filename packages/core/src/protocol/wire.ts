/**
 * The wire protocol between the browser and the consumer's backend route, as types and
 * constants shared by the handler and the client. `docs/wire-protocol.md` describes it for
 * backends written in other languages.
 */
import type { TaskError } from '../errors/index.js';
import type { GenerationInput } from '../spec/generation-input.js';
import type { AspectRatio, OutputFormat, Resolution } from '../spec/seedance-pro-fast.js';
import type { ValidationIssue } from '../spec/validation-issue.js';
import type { TaskResult, TaskStatus } from '../task/index.js';

/** Paths relative to the mount point (e.g. `/api/seedance`). */
export const ROUTES = {
  limits: '/limits',
  tasks: '/tasks',
  task: (id: string) => `/tasks/${encodeURIComponent(id)}`,
  events: (id: string) => `/tasks/${encodeURIComponent(id)}/events`,
  cancel: (id: string) => `/tasks/${encodeURIComponent(id)}/cancel`,
  webhook: '/webhooks/runware',
  file: (name: string) => `/files/${encodeURIComponent(name)}`,
} as const;

/** The mount point the handler and the client assume unless told otherwise. */
export const DEFAULT_BASE_PATH = '/api/seedance';

export const HEADERS = {
  idempotencyKey: 'Idempotency-Key',
  idempotentReplay: 'Idempotent-Replayed',
  taskToken: 'X-Seedance-Task-Token',
  lastEventId: 'Last-Event-ID',
} as const;

/** Query parameter carrying the task token where headers cannot be set (EventSource, <video>). */
export const TOKEN_QUERY_PARAM = 'token';

/** Query parameter that stands in for the `Last-Event-ID` header (a fresh EventSource cannot set it). */
export const LAST_EVENT_ID_QUERY_PARAM = 'lastEventId';

/**
 * An `Idempotency-Key` is 16–255 printable ASCII characters; use a UUID v4. Without sign-in the
 * key is as good as a credential (a replay answers with the task and its token), so a short,
 * guessable one is refused.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{16,255}$/;

/** One generation as the browser sees it. Seeds are decimal strings: int64 stays exact. */
export interface TaskSnapshot {
  readonly id: string;
  readonly status: TaskStatus;
  /** Increases with every change; the SSE event id. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly numberResults: number;
  /** Provider-reported progress 0–100, when the provider gives it. */
  readonly progress?: number;
  readonly results: readonly TaskResult[];
  readonly error?: TaskError;
  /** An estimate from the price rate; results carry the charged `cost` when known. */
  readonly estimatedCostUsd: number;
  /** The validated input; a data-URI frame image is replaced by a short placeholder. */
  readonly input: GenerationInput;
  /**
   * On a cancelled task: Runware has no cancel, so the kit only stopped waiting. True when the
   * video may still be made and billed; false when the provider never took the task.
   */
  readonly providerMayFinish?: boolean;
}

/** Body of `POST /tasks`: the generation input itself (server-only fields are refused). */
export type CreateTaskRequest = GenerationInput;

/** Answer to `POST /tasks` (201 new, 200 idempotent replay). */
export interface CreateTaskResponse {
  readonly task: TaskSnapshot;
  /** Proves ownership of the task for reads, streams and cancel; keep it with the task id. */
  readonly token: string;
}

/** Answer to `GET /tasks/:id` and `POST /tasks/:id/cancel`. */
export type TaskResponse = TaskSnapshot;

/** Answer to `GET /limits`: the model's ranges narrowed by the server's policy. */
export interface EffectiveLimits {
  readonly model: string;
  readonly provider: 'runware' | 'local';
  readonly numberResults: { readonly min: number; readonly max: number };
  readonly duration: { readonly min: number; readonly max: number; readonly step: number };
  readonly resolutions: readonly Resolution[];
  readonly dimensions: readonly { readonly width: number; readonly height: number; readonly aspectRatio: AspectRatio; readonly resolution: Resolution }[];
  readonly outputFormats: readonly OutputFormat[];
  /** Largest estimated cost of one task, USD; null when uncapped. */
  readonly maxTaskCostUsd: number | null;
  /** Estimated USD one identity may spend per hour; null when uncapped. */
  readonly maxHourlyCostUsd: number | null;
  /** Estimated USD everyone together may spend per hour; null when uncapped. */
  readonly maxSiteHourlyCostUsd: number | null;
  readonly maxBodyBytes: number;
  /** Creates one identity may make per window; null when unlimited. */
  readonly rateLimit: { readonly max: number; readonly windowSeconds: number } | null;
}

/** The policy caps a request can go over; `Problem.cap` names one of these. */
export const POLICY_CAPS = [
  'maxNumberResults',
  'maxDuration',
  'resolutions',
  'outputFormats',
  'maxTaskCostUsd',
  'maxHourlyCostUsd',
  'maxSiteHourlyCostUsd',
  'maxOpenStreamsPerIdentity',
  'rateLimit',
  'maxBodyBytes',
] as const;
export type PolicyCap = (typeof POLICY_CAPS)[number];

/** The `code` of every problem the handler itself answers with (task errors keep the provider's codes). */
export const PROBLEM_CODES = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'body_timeout',
  'origin_not_allowed',
  'host_not_allowed',
  'invalid_idempotency_key',
  'idempotency_key_reused',
  'policy_cap_exceeded',
  'hourly_cost_exceeded',
  'rate_limited',
  'too_many_streams',
  'unauthenticated',
  'task_not_found',
  'task_not_cancellable',
  'file_not_found',
  'webhook_unauthorized',
  'not_found',
  'method_not_allowed',
  'store_unavailable',
  'provider_not_configured',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** RFC 9457 problem details, with the kit's error fields. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly kind: TaskError['kind'];
  readonly retryable: boolean;
  readonly issues?: readonly ValidationIssue[];
  /** The policy cap a request went over, e.g. `maxTaskCostUsd`. */
  readonly cap?: PolicyCap;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `Problem.type` is this prefix followed by the code. */
export const PROBLEM_TYPE_PREFIX = 'urn:seedance-kit:problem:';

/** SSE event names on `GET /tasks/:id/events`. Heartbeats are comment lines (`: heartbeat`). */
export const SSE_EVENTS = { snapshot: 'snapshot' } as const;
