import { timeoutError, type TaskError } from '../errors/index.js';

/** Every status one generation can be in. */
export const TASK_STATUSES = ['idle', 'submitting', 'queued', 'processing', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One finished video. `seed` is a decimal string so int64 seeds stay exact. */
export interface TaskResult {
  readonly videoUUID: string;
  readonly videoURL: string;
  readonly seed?: string;
  /** What the provider charged, USD, when it reported it. */
  readonly cost?: number;
  readonly NSFWContent?: boolean;
  /**
   * When the provider's URL stops working, ISO 8601, when known (the server sent a `ttl`).
   * Absent when the URL is the app's own copy (the server kept the file).
   */
  readonly expiresAt?: string;
}

export interface TaskState {
  readonly status: TaskStatus;
  /** How many videos the task asked for; results arrive up to this many. */
  readonly numberResults: number;
  /** The id the backend gave the task, from the ack on. */
  readonly taskId?: string;
  /** Provider-reported progress 0–100, when given. */
  readonly progress?: number;
  /** Results in arrival order, partial until the status is `succeeded`. */
  readonly results: readonly TaskResult[];
  readonly error?: TaskError;
  /** 1 for the first submit, +1 for every retry. */
  readonly attempt: number;
}

export type TaskEvent =
  | { readonly type: 'submit'; readonly numberResults: number }
  | { readonly type: 'ack'; readonly taskId: string }
  | { readonly type: 'status'; readonly status: 'queued' | 'processing'; readonly progress?: number }
  | { readonly type: 'result'; readonly result: TaskResult }
  | { readonly type: 'error'; readonly error: TaskError }
  | { readonly type: 'cancel' }
  | { readonly type: 'retry' }
  | { readonly type: 'reset' }
  | { readonly type: 'timeout'; readonly error?: TaskError }
  | { readonly type: 'expire' };

export type TaskEventType = TaskEvent['type'];
export const TASK_EVENT_TYPES = ['submit', 'ack', 'status', 'result', 'error', 'cancel', 'retry', 'reset', 'timeout', 'expire'] as const satisfies readonly TaskEventType[];

/** What `transition` did: the next state, whether the event applied, and if not, why. */
export interface TaskTransition {
  readonly state: TaskState;
  readonly applied: boolean;
  readonly reason?: string;
}

export const initialTaskState: TaskState = { status: 'idle', numberResults: 1, results: [], attempt: 0 };

const TERMINAL: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'cancelled', 'expired']);
const ACTIVE: ReadonlySet<TaskStatus> = new Set(['submitting', 'queued', 'processing']);

/** Succeeded, failed, cancelled or expired: nothing more will arrive. */
export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL.has(status);
}

/** Submitting, queued or processing: work is under way and may be cancelled. */
export function isActive(status: TaskStatus): boolean {
  return ACTIVE.has(status);
}

/**
 * The pure transition function. An event that does not apply returns the same state object with
 * `applied: false` and a reason; it never throws, so late or duplicate events from the network
 * are harmless.
 */
export function transition(state: TaskState, event: TaskEvent): TaskTransition {
  const skip = (reason: string): TaskTransition => ({ state, applied: false, reason });
  const to = (next: TaskState): TaskTransition => ({ state: next, applied: true });
  const { status } = state;

  switch (event.type) {
    case 'submit': {
      if (isActive(status)) return skip(`a task is already ${status}`);
      if (!Number.isInteger(event.numberResults) || event.numberResults < 1) return skip('numberResults must be a positive integer');
      return to({ status: 'submitting', numberResults: event.numberResults, results: [], attempt: 1 });
    }
    case 'ack': {
      if (status !== 'submitting') return skip(`ack only applies while submitting, not ${status}`);
      if (event.taskId === '') return skip('ack carries no task id');
      return to({ ...state, status: 'queued', taskId: event.taskId });
    }
    case 'status': {
      if (status !== 'queued' && status !== 'processing') return skip(`status updates only apply while queued or processing, not ${status}`);
      // Never move back from processing to queued; progress only goes up.
      const nextStatus = status === 'processing' ? 'processing' : event.status;
      const progress = clampProgress(event.progress);
      const best = progress === undefined ? state.progress : Math.max(progress, state.progress ?? 0);
      if (nextStatus === status && best === state.progress) return skip('nothing changed');
      return to(withProgress({ ...state, status: nextStatus }, best));
    }
    case 'result': {
      if (status !== 'queued' && status !== 'processing') return skip(`results only apply while queued or processing, not ${status}`);
      if (state.results.some((r) => r.videoUUID === event.result.videoUUID)) return skip('duplicate result');
      const results = [...state.results, event.result];
      const done = results.length >= state.numberResults;
      return to(withProgress({ ...state, status: done ? 'succeeded' : 'processing', results }, done ? 100 : state.progress));
    }
    case 'error': {
      if (!isActive(status)) return skip(`errors only apply while a task is active, not ${status}`);
      return to({ ...state, status: 'failed', error: event.error });
    }
    case 'timeout': {
      if (!isActive(status)) return skip(`timeout only applies while a task is active, not ${status}`);
      return to({ ...state, status: 'failed', error: event.error ?? timeoutError() });
    }
    case 'cancel': {
      if (!isActive(status)) return skip(`nothing to cancel while ${status}`);
      return to({ ...state, status: 'cancelled' });
    }
    case 'retry': {
      if (status !== 'failed' && status !== 'cancelled' && status !== 'expired') return skip(`retry only applies after failure, cancel or expiry, not ${status}`);
      return to({ status: 'submitting', numberResults: state.numberResults, results: [], attempt: state.attempt + 1 });
    }
    case 'reset': {
      if (status === 'idle') return skip('already idle');
      return to(initialTaskState);
    }
    case 'expire': {
      if (status !== 'succeeded') return skip(`only succeeded results expire, not ${status}`);
      return to({ ...state, status: 'expired' });
    }
    default:
      return skip(`unknown event ${String((event as { type?: unknown }).type)}`);
  }
}

function clampProgress(progress: number | undefined): number | undefined {
  if (progress === undefined || !Number.isFinite(progress)) return undefined;
  return Math.min(100, Math.max(0, progress));
}

function withProgress(state: TaskState, progress: number | undefined): TaskState {
  if (progress === undefined) {
    const { progress: _dropped, ...rest } = state;
    return rest;
  }
  return { ...state, progress };
}
