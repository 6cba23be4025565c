import { DEFAULT_ERROR_MESSAGES, type SeedanceErrorKind, type TaskError } from '../errors/seedance-error.js';
import type { TaskSnapshot } from '../protocol/wire.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { seedanceProFast } from '../spec/seedance-pro-fast.js';
import { initialTaskState, isActive, transition, type TaskEvent, type TaskState, type TaskStatus } from '../task/task-state.js';
import type { TaskTransport } from './follow-task.js';

/** Where a run failed: a failed create may be re-sent with its key, a lost stream re-followed. */
export type FailedWhile = 'create' | 'follow' | 'task';

/** What a run keeps from a stored entry when it resumes after a reload. */
export interface ResumeDetails {
  readonly idempotencyKey: string;
  readonly numberResults: number;
  readonly startedAt: number;
  /** What the app was already told about the task before the reload: not told again. */
  readonly notified?: NotifiedProgress;
}

/** How far the app's callbacks have been told about a run: its last status and how many results. */
export interface NotifiedProgress {
  readonly status: TaskStatus;
  readonly results: number;
}

/** `NotifiedProgress` plus whether this run's end was reported (onSuccess/onError/onSettled). */
export interface Notified extends NotifiedProgress {
  readonly settled: boolean;
}

/**
 * The controller's one state object. `task` is the task machine's state; the rest is what the
 * wire told us and what the effects need to act on it. Changed only by `videoTaskReducer`.
 */
export interface VideoTaskControllerState {
  readonly task: TaskState;
  /** The latest snapshot from the server. */
  readonly snapshot?: TaskSnapshot;
  /** What was submitted (its `'random'` seed already drawn), or what the server says was. */
  readonly input?: GenerationInput;
  /** When the run started, ms since the epoch on this machine's clock. */
  readonly startedAt?: number;
  readonly transport?: TaskTransport;
  /** Proves ownership of the task to the server. */
  readonly token?: string;
  /** The key of the run's create; the same key always gets the same task. */
  readonly idempotencyKey?: string;
  readonly failedWhile?: FailedWhile;
  /**
   * Bumped whenever a run starts or ends here; effects carry the run they belong to, so news
   * of an earlier run (a late create answer, a stream being torn down) changes nothing.
   */
  readonly run: number;
  /** Whether the task is being followed (false after `detach`, e.g. on unmount). */
  readonly attached: boolean;
  /** A create whose answer is awaited for this run (its idempotency key). */
  readonly creating?: string;
  /** Creates given up (cancel or reset) before their answer: the task they make is stopped on arrival. */
  readonly abandoned: readonly string[];
  /** A task resumed by id alone: it shows as submitting until its first snapshot says how many results to expect. */
  readonly resumeId?: string;
  /** What the callbacks have reported of this run, so each fires once (kept in storage too). */
  readonly notified: Notified;
}

export type VideoTaskAction =
  /** A new run: submit, retry as a new task, or a create re-sent after a reload. Refused (`error`) before any request when invalid. */
  | { readonly type: 'start'; readonly input: GenerationInput; readonly idempotencyKey: string; readonly at: number; readonly retry?: boolean; readonly error?: TaskError }
  | { readonly type: 'created'; readonly run: number; readonly task: TaskSnapshot; readonly token: string }
  | { readonly type: 'snapshot'; readonly run: number; readonly snapshot: TaskSnapshot; readonly at: number }
  | { readonly type: 'transport'; readonly run: number; readonly transport: TaskTransport }
  | { readonly type: 'fail'; readonly run: number; readonly error: TaskError; readonly where: FailedWhile }
  /** Follows a task created elsewhere or before a reload; `stored` when storage knew it. */
  | { readonly type: 'resume'; readonly taskId: string; readonly token: string; readonly at: number; readonly idempotencyKey: string; readonly stored?: ResumeDetails }
  /** After a lost connection: follow the same task again. */
  | { readonly type: 'refollow' }
  | { readonly type: 'cancel' }
  | { readonly type: 'reset' }
  | { readonly type: 'attach' }
  | { readonly type: 'detach' }
  /** The task of an abandoned create was stopped on the server; forget its key. */
  | { readonly type: 'abandoned'; readonly idempotencyKey: string }
  /** The callbacks were told about the run up to here. */
  | { readonly type: 'notified'; readonly notified: Notified };

export const initialVideoTaskControllerState: VideoTaskControllerState = {
  task: initialTaskState,
  run: 0,
  attached: false,
  abandoned: [],
  notified: { status: 'idle', results: 0, settled: false },
};

/** A new run's bookkeeping: the last status told stays, so the run's first status is told as a change. */
const freshNotified = (state: VideoTaskControllerState): Notified => ({ status: state.notified.status, results: 0, settled: false });

/** One of the kit's own failures, with its kind's default message. */
export const kitError = (kind: SeedanceErrorKind, code: string, retryable = true): TaskError => ({ kind, code, message: DEFAULT_ERROR_MESSAGES[kind], retryable });

/** Applies task-machine events in order; events that do not apply are skipped, as the machine says. */
const step = (task: TaskState, ...events: TaskEvent[]): TaskState => events.reduce((s, e) => transition(s, e).state, task);

/** Clamps a count from outside to the machine's rule (a positive integer). */
const countOf = (n: unknown): number => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1);

const PROCESSING: TaskEvent = { type: 'status', status: 'processing' };

/** The fields of a run that end with it. */
const RUN_FIELDS = { snapshot: undefined, token: undefined, transport: undefined, failedWhile: undefined, creating: undefined, resumeId: undefined } as const;

/**
 * The pure reducer: state and action in, the next state out. An action that does not apply
 * (stale run, wrong status) returns the same object, so nothing is announced.
 */
export function videoTaskReducer(state: VideoTaskControllerState, action: VideoTaskAction): VideoTaskControllerState {
  const { task } = state;
  switch (action.type) {
    case 'start': {
      if (isActive(task.status)) return state;
      const numberResults = countOf(action.input.numberResults ?? seedanceProFast.numberResults.default);
      let next = step(task, action.retry ? { type: 'retry' } : { type: 'submit', numberResults });
      if (action.retry && next.status !== 'submitting') return state;
      if (action.error) next = step(next, { type: 'error', error: action.error });
      return {
        ...state,
        ...RUN_FIELDS,
        task: next,
        input: action.input,
        startedAt: action.at,
        idempotencyKey: action.idempotencyKey,
        run: state.run + 1,
        attached: true,
        notified: freshNotified(state),
        ...(action.error ? { failedWhile: 'create' as const } : { creating: action.idempotencyKey }),
      };
    }
    case 'created': {
      if (action.run !== state.run || task.status !== 'submitting' || state.creating === undefined) return state;
      const acked = { ...state, creating: undefined, token: action.token, task: step(task, { type: 'ack', taskId: action.task.id }) };
      return withSnapshot(acked, action.task, undefined);
    }
    case 'snapshot':
      // Only news of this run's task, while it is still under way here.
      if (action.run !== state.run || !isActive(task.status) || action.snapshot.id !== (task.taskId ?? state.resumeId)) return state;
      return withSnapshot(state, action.snapshot, action.at);
    case 'transport':
      return action.run === state.run && isActive(task.status) && action.transport !== state.transport ? { ...state, transport: action.transport } : state;
    case 'fail': {
      if (action.run !== state.run || !isActive(task.status)) return state;
      return { ...state, creating: undefined, failedWhile: action.where, task: step(task, { type: 'error', error: action.error }) };
    }
    case 'resume': {
      if (isActive(task.status) && (task.taskId ?? state.resumeId) === action.taskId) return state.attached ? state : { ...state, attached: true };
      const { stored } = action;
      // With stored details the task is known to be queued at least; without, it shows as submitting until its first snapshot.
      const submitted = step(initialTaskState, { type: 'submit', numberResults: stored?.numberResults ?? 1 });
      return {
        ...state,
        ...RUN_FIELDS,
        // A task the page before saw processing is processing still (the machine never goes back to queued), so that is not told again.
        task: stored ? step(submitted, { type: 'ack', taskId: action.taskId }, ...(stored.notified?.status === 'processing' ? [PROCESSING] : [])) : submitted,
        input: undefined,
        token: action.token,
        idempotencyKey: stored?.idempotencyKey ?? action.idempotencyKey,
        startedAt: stored?.startedAt ?? action.at,
        resumeId: stored ? undefined : action.taskId,
        run: state.run + 1,
        attached: true,
        // After a reload, what the page before told the app is not told again; its end is (it had not ended).
        notified: stored?.notified ? { ...stored.notified, settled: false } : freshNotified(state),
      };
    }
    case 'refollow': {
      const { taskId } = task;
      if (task.status !== 'failed' || state.failedWhile !== 'follow' || !taskId || !state.token) return state;
      return {
        ...state,
        failedWhile: undefined,
        run: state.run + 1,
        attached: true,
        task: step(task, { type: 'retry' }, { type: 'ack', taskId }),
        // The same task followed again: its results were told, its real end is still to come.
        notified: { ...state.notified, settled: false },
      };
    }
    case 'cancel':
      if (!isActive(task.status)) return state;
      return { ...endRun(state), task: step(task, { type: 'cancel' }) };
    case 'reset':
      if (task.status === 'idle' && state.input === undefined && state.idempotencyKey === undefined) return state;
      return { ...endRun(state), ...RUN_FIELDS, task: initialTaskState, input: undefined, startedAt: undefined, idempotencyKey: undefined, notified: freshNotified(state) };
    case 'attach':
      return state.attached ? state : { ...state, attached: true };
    case 'detach':
      return state.attached ? { ...state, attached: false } : state;
    case 'abandoned':
      return state.abandoned.includes(action.idempotencyKey) ? { ...state, abandoned: state.abandoned.filter((k) => k !== action.idempotencyKey) } : state;
    case 'notified':
      return { ...state, notified: action.notified };
    default:
      return state;
  }
}

/** Ends the current run here; a create still in flight is marked to be stopped when it answers. */
function endRun(state: VideoTaskControllerState): VideoTaskControllerState {
  return {
    ...state,
    run: state.run + 1,
    creating: undefined,
    abandoned: state.creating === undefined ? state.abandoned : [...state.abandoned, state.creating],
  };
}

/** Takes in one snapshot: what it says about status, progress, results and the end. */
function withSnapshot(state: VideoTaskControllerState, snapshot: TaskSnapshot, at: number | undefined): VideoTaskControllerState {
  let { task, startedAt } = state;
  if (state.resumeId !== undefined) {
    // The first snapshot of a task resumed by id alone: now its size and start are known.
    task = step(initialTaskState, { type: 'submit', numberResults: countOf(snapshot.numberResults) }, { type: 'ack', taskId: snapshot.id });
    const created = Date.parse(snapshot.createdAt);
    if (Number.isFinite(created)) startedAt = Math.min(created, at ?? created);
  }
  const { status } = snapshot;
  const events: TaskEvent[] = [];
  if (status === 'queued' || status === 'processing') events.push({ type: 'status', status, progress: snapshot.progress });
  for (const result of snapshot.results) events.push({ type: 'result', result });
  task = step(task, ...events);
  let failedWhile = state.failedWhile;
  if (status === 'cancelled') task = step(task, { type: 'cancel' });
  else if (status === 'expired' && task.status === 'succeeded') task = step(task, { type: 'expire' });
  else if (status === 'failed' || status === 'expired' || (status === 'succeeded' && isActive(task.status))) {
    failedWhile = 'task';
    const error =
      status === 'failed'
        ? (snapshot.error ?? kitError('unknown', 'unknown'))
        : status === 'succeeded'
          ? // The server finished with fewer results than asked: end here rather than wait forever.
            kitError('provider', 'incomplete_results')
          : kitError('not_found', 'expired', false);
    task = step(task, { type: 'error', error });
  }
  return { ...state, task, startedAt, failedWhile, snapshot, input: state.input ?? snapshot.input, resumeId: undefined };
}
