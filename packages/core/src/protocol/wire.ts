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

export const HEADERS = {
  idempotencyKey: 'Idempotency-Key',
  idempotentReplay: 'Idempotent-Replayed',
  taskToken: 'X-Seedance-Task-Token',
  lastEventId: 'Last-Event-ID',
} as const;

/** Query parameter carrying the task token where headers cannot be set (EventSource, <video>). */
export const TOKEN_QUERY_PARAM = 'token';

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
}

/** Answer to `POST /tasks`. */
export interface CreateTaskResponse {
  readonly task: TaskSnapshot;
  /** Proves ownership of the task for reads, streams and cancel; keep it with the task id. */
  readonly token: string;
}

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
  readonly maxBodyBytes: number;
}

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
  readonly cap?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** SSE event names on `GET /tasks/:id/events`. */
export const SSE_EVENTS = { snapshot: 'snapshot' } as const;
