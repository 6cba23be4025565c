import { timeoutError, type TaskError } from '../errors/index.js';

/** Every status one generation can be in. */
export const TASK_STATUSES = ['idle', 'submitting', 'queued', 'processing', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Work under way, which may be cancelled. */
export type ActiveTaskStatus = 'submitting' | 'queued' | 'processing';
/** Nothing more will arrive. */
export type TerminalTaskStatus = 'succeeded' | 'failed' | 'cancelled' | 'expired';

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

/** What every status has: how many videos were asked for and which attempt this is. */
interface TaskStateBase {
  /** How many videos the task asked for; results arrive up to this many. */
  readonly numberResults: number;
  /** 1 for the first submit, +1 for every retry. */
  readonly attempt: number;
}

/** Nothing submitted yet (or reset). */
export interface IdleTaskState extends TaskStateBase {
  readonly status: 'idle';
  readonly results: readonly [];
  readonly taskId?: undefined;
  readonly progress?: undefined;
  readonly error?: undefined;
}

/** Sent; the backend has not answered with an id yet. */
export interface SubmittingTaskState extends TaskStateBase {
  readonly status: 'submitting';
  readonly results: readonly [];
  readonly taskId?: undefined;
  readonly progress?: undefined;
  readonly error?: undefined;
}

/** The backend has the task (`taskId`); results arrive in arrival order, partial until `succeeded`. */
interface RunningTaskStateBase extends TaskStateBase {
  readonly taskId: string;
  readonly results: readonly TaskResult[];
  /** Provider-reported progress 0–100, when given. */
  readonly progress?: number;
  readonly error?: undefined;
}

/** Waiting for the provider to start it. */
export interface QueuedTaskState extends RunningTaskStateBase {
  readonly status: 'queued';
}

/** Being made; some results may be in. */
export interface ProcessingTaskState extends RunningTaskStateBase {
  readonly status: 'processing';
}

export type RunningTaskState = QueuedTaskState | ProcessingTaskState;

export interface SucceededTaskState extends TaskStateBase {
  readonly status: 'succeeded';
  readonly taskId: string;
  /** All `numberResults` videos. */
  readonly results: readonly TaskResult[];
  readonly progress?: number;
  readonly error?: undefined;
}

/** Failed while submitting (no `taskId`) or running; results that arrived before stay. */
export interface FailedTaskState extends TaskStateBase {
  readonly status: 'failed';
  readonly taskId?: string;
  readonly results: readonly TaskResult[];
  readonly progress?: number;
  readonly error: TaskError;
}

/** Cancelled while submitting (no `taskId`) or running. */
export interface CancelledTaskState extends TaskStateBase {
  readonly status: 'cancelled';
  readonly taskId?: string;
  readonly results: readonly TaskResult[];
  readonly progress?: number;
  readonly error?: undefined;
}

/** Succeeded, but the results' URLs have stopped working. */
export interface ExpiredTaskState extends TaskStateBase {
  readonly status: 'expired';
  readonly taskId: string;
  readonly results: readonly TaskResult[];
  readonly progress?: number;
  readonly error?: undefined;
}

/**
 * One generation's state, discriminated by `status`: `taskId` exists from the backend's ack on,
 * `error` only when failed. Fields a status lacks are typed `undefined`, so reading them on the
 * union is allowed and narrowing on `status` gives the exact shape.
 */
export type TaskState =
  | IdleTaskState
  | SubmittingTaskState
  | QueuedTaskState
  | ProcessingTaskState
  | SucceededTaskState
  | FailedTaskState
  | CancelledTaskState
  | ExpiredTaskState;

/** The state's shape for one status, e.g. `TaskStateOf<'failed'>`. */
export type TaskStateOf<S extends TaskStatus> = Extract<TaskState, { readonly status: S }>;

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

export const initialTaskState: IdleTaskState = { status: 'idle', numberResults: 1, results: [], attempt: 0 };

const TERMINAL: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'cancelled', 'expired']);
const ACTIVE: ReadonlySet<TaskStatus> = new Set(['submitting', 'queued', 'processing']);

/** Succeeded, failed, cancelled or expired: nothing more will arrive. */
export function isTerminal(status: TaskStatus): status is TerminalTaskStatus {
  return TERMINAL.has(status);
}

/** Submitting, queued or processing: work is under way and may be cancelled. */
export function isActive(status: TaskStatus): status is ActiveTaskStatus {
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
  // One wording for "not in this status" (`retry does not apply while queued`): each distinct
  // string is bytes in every app's bundle.
  const notWhile = () => skip(`${event.type} does not apply while ${status}`);

  switch (event.type) {
    case 'submit': {
      if (isActive(status)) return notWhile();
      if (!Number.isInteger(event.numberResults) || event.numberResults < 1) return skip('numberResults must be a positive integer');
      return to({ status: 'submitting', numberResults: event.numberResults, results: [], attempt: 1 });
    }
    case 'ack': {
      if (status !== 'submitting') return notWhile();
      if (event.taskId === '') return skip('ack carries no task id');
      return to({ status: 'queued', taskId: event.taskId, numberResults: state.numberResults, results: [], attempt: state.attempt });
    }
    case 'status': {
      if (status !== 'queued' && status !== 'processing') return notWhile();
      // Never move back from processing to queued; progress only goes up.
      const nextStatus = status === 'processing' ? 'processing' : event.status;
      const progress = clampProgress(event.progress);
      const best = progress === undefined ? state.progress : Math.max(progress, state.progress ?? 0);
      if (nextStatus === status && best === state.progress) return skip('nothing changed');
      return to(nextStatus === 'queued' ? withProgress({ ...state, status: 'queued' }, best) : withProgress({ ...state, status: 'processing' }, best));
    }
    case 'result': {
      if (status !== 'queued' && status !== 'processing') return notWhile();
      if (state.results.some((r) => r.videoUUID === event.result.videoUUID)) return skip('duplicate result');
      const results = [...state.results, event.result];
      const done = results.length >= state.numberResults;
      return to(done ? withProgress({ ...state, status: 'succeeded', results }, 100) : withProgress({ ...state, status: 'processing', results }, state.progress));
    }
    case 'error': {
      if (!isActive(status)) return notWhile();
      return to({ ...state, status: 'failed', error: event.error });
    }
    case 'timeout': {
      if (!isActive(status)) return notWhile();
      return to({ ...state, status: 'failed', error: event.error ?? timeoutError() });
    }
    case 'cancel': {
      if (state.status !== 'submitting' && state.status !== 'queued' && state.status !== 'processing') return notWhile();
      return to({ ...state, status: 'cancelled' });
    }
    case 'retry': {
      if (status !== 'failed' && status !== 'cancelled' && status !== 'expired') return notWhile();
      return to({ status: 'submitting', numberResults: state.numberResults, results: [], attempt: state.attempt + 1 });
    }
    case 'reset': {
      if (status === 'idle') return notWhile();
      return to(initialTaskState);
    }
    case 'expire': {
      if (status !== 'succeeded') return notWhile();
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

function withProgress<S extends QueuedTaskState | ProcessingTaskState | SucceededTaskState>(state: S, progress: number | undefined): S {
  if (progress === undefined) {
    const { progress: _dropped, ...rest } = state;
    return rest as S;
  }
  return { ...state, progress };
}
