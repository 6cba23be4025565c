import type { GenerationInput } from '../../spec/generation-input.js';
import type { TaskState } from '../../task/index.js';
import type { KeptVideo } from '../keep/keep-types.js';

/**
 * Everything the server keeps about one generation. Plain JSON (seeds are decimal text), so a
 * store may serialize it as it likes. `state` is core's task state: every change goes through
 * core's `transition`, so the server never restates a lifecycle rule.
 */
export interface TaskRecord {
  /** The public, unguessable task id. It is also the Runware `taskUUID`. */
  readonly id: string;
  /** Set by the store: 1 on create, +1 on every update. The SSE event id. */
  readonly version: number;
  /** Who may read, stream and cancel it: `user:<id>` with `identify`, else `anonymous`. */
  readonly owner: string;
  /** Epoch milliseconds. `updatedAt` is set by the store on every update. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the store may forget the record (epoch ms); moved forward on every update. */
  readonly expiresAt: number;
  /** The validated input as submitted (a `'random'` seed already drawn). */
  readonly input: GenerationInput;
  /** How results come back: polling `getResponse`, or webhooks with polling as a safety net. */
  readonly delivery: 'poll' | 'webhook';
  readonly state: TaskState;
  /** Estimated USD from the price rate (what the policy counted). */
  readonly estimatedCostUsd: number;
  /** When the provider acknowledged the submit (epoch ms); the polling deadline counts from here. */
  readonly submittedAt?: number;
  /**
   * The create request's `Idempotency-Key`, scoped by owner (`<owner> <key>`), and a hash of its
   * body so a reused key with another body is refused.
   */
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
  /** `keepResult`'s progress per video, by `videoUUID`: the claim that makes it run once. */
  readonly kept?: { readonly [videoUUID: string]: KeptVideo };
  /** Set when the task has an `uploadEndpoint`: where the uploaded file is read (the PUT URL is never stored). */
  readonly upload?: { readonly publicUrl?: string };
  /**
   * Set when the client cancelled. Runware has no cancel, so the kit only stopped waiting:
   * `providerMayFinish` stays true unless Runware refused the submit.
   */
  readonly cancelled?: { readonly at: number; readonly providerMayFinish: boolean };
}

export type CreateTaskResult =
  /** The record was stored. */
  | { readonly created: true; readonly record: TaskRecord }
  /** The idempotency key was already taken: this is the task it belongs to. */
  | { readonly created: false; readonly record: TaskRecord };

/**
 * Returns the next record, or `undefined` to leave it unchanged. Must be pure: a store that
 * compares-and-sets (Redis WATCH/MULTI) calls it again when another instance wrote first.
 */
export type TaskMutation = (current: TaskRecord) => TaskRecord | undefined;

export type TaskListener = (record: TaskRecord) => void;

/**
 * Where tasks live. Every method is async so a store can be shared by many server instances
 * (a Redis store implements the same interface). Records, idempotency keys, counters and leases
 * all expire, so nothing grows without bound.
 */
export interface TaskStore {
  /**
   * Stores a new record at version 1. When it carries an `idempotencyKey`, atomically: if the
   * key is already bound to a live task, nothing is stored and that task is returned instead.
   * The key lives as long as the record it points to.
   */
  create(record: TaskRecord): Promise<CreateTaskResult>;
  /** The record, or undefined when it never existed or expired. */
  get(id: string): Promise<TaskRecord | undefined>;
  /** The live record an idempotency key is bound to (a fast path; `create` is the atomic check). */
  findByIdempotencyKey(idempotencyKey: string): Promise<TaskRecord | undefined>;
  /**
   * Applies `mutate` atomically and bumps `version` and `updatedAt` when it returns a record.
   * Resolves to the record after the update (or unchanged), undefined when there is none.
   * Subscribers are told about every new version.
   */
  update(id: string, mutate: TaskMutation): Promise<TaskRecord | undefined>;
  /** Calls `listener` with every new version of the record (for SSE fan-out across instances). */
  subscribe(id: string, listener: TaskListener): Promise<() => void>;
  /**
   * Adds `by` (an integer; may be negative) to a counter and returns the new value. A new
   * counter expires `ttlMs` after its first increment (fixed windows for rate and cost caps).
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * Takes or renews a lease: true when `holder` now holds `key` for `ttlMs` (it was free,
   * expired, or already held by `holder`). Exactly one instance polls a task.
   */
  acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives a lease up early, only if `holder` still holds it. */
  releaseLease(key: string, holder: string): Promise<void>;
  /** Stops timers and connections the store owns. */
  close?(): Promise<void>;
}

/**
 * Thrown by a store that cannot reach its backend (e.g. Redis down). The handler answers 503
 * with Retry-After instead of a 500, since trying again shortly can work.
 */
export class TaskStoreUnavailableError extends Error {
  override readonly name = 'TaskStoreUnavailableError';
}
