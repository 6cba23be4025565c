import { DEFAULT_ERROR_MESSAGES, parameterOf, SeedanceError, toTaskError, type TaskError } from '../errors/seedance-error.js';
import { defined } from '../protocol/defined.js';
import type { TaskSnapshot } from '../protocol/wire.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { drawSeed } from '../spec/seed.js';
import { validateGenerationInput } from '../spec/validate-generation.js';
import type { ValidationIssue } from '../spec/validation-issue.js';
import { isActive, isTerminal, type TaskResult } from '../task/task-state.js';
import { createIdempotencyKey } from './idempotency-key.js';
import type { SeedanceClient } from './seedance-client.js';
import { parseStoredTask, storedTaskOf } from './stored-task.js';
import type { TaskStorage } from './task-storage.js';
import { videoTaskStateOf, type VideoTaskState } from './video-task-state.js';
import { initialVideoTaskControllerState, kitError, videoTaskReducer, type VideoTaskAction, type VideoTaskControllerState } from './video-task-reducer.js';

/**
 * Lifecycle callbacks. Each fires once per run (a submit, a retry, a resume): not again when a
 * reload resumes the task (what was told is kept with the stored task), and called in the order
 * statuses and results arrive, after subscribers saw the new state.
 */
export interface VideoTaskCallbacks {
  /** The task succeeded (or succeeded and its URLs already expired): every result is in. */
  readonly onSuccess?: (task: VideoTaskState) => void;
  /** The run failed: refused, rejected by the provider, or the connection was lost (`error.kind` says which). */
  readonly onError?: (error: TaskError, task: VideoTaskState) => void;
  /** The run ended here: succeeded, failed or cancelled. */
  readonly onSettled?: (task: VideoTaskState) => void;
  /** `status` changed (back to `idle` on reset too). */
  readonly onStatusChange?: (task: VideoTaskState) => void;
  /** One video arrived; a task of four calls this four times, as each arrives. */
  readonly onResult?: (result: TaskResult, task: VideoTaskState) => void;
}

export interface VideoTaskControllerOptions extends VideoTaskCallbacks {
  readonly client: SeedanceClient;
  /** Keeps the running task's id and token so a reload resumes it; none means no persistence. */
  readonly storage?: TaskStorage;
  /** Namespaces the stored entry: one running task per key. Default `default`. */
  readonly key?: string;
  /** Check the input locally before sending it. Default true. */
  readonly validate?: boolean;
  readonly now?: () => number;
  /** Every snapshot as it arrives, e.g. to mirror it into a query cache. */
  readonly onSnapshot?: (snapshot: TaskSnapshot) => void;
}

export type VideoTaskListener = (state: VideoTaskState) => void;

/**
 * Runs one generation at a time against the backend: submit, follow (SSE, polling), cancel,
 * retry, resume after a reload. Framework-free, observer-style: `getState()` returns the same
 * object until something changed, `subscribe()` is what `useSyncExternalStore` needs.
 */
export interface VideoTaskController {
  getState(): VideoTaskState;
  subscribe(listener: VideoTaskListener): () => void;
  /** Starts a task; ignored while one is active, so a double click never pays twice. A `'random'` seed is drawn here. */
  submit(input: GenerationInput): Promise<void>;
  /** Stops the task here at once and asks the server to stop it. */
  cancel(): Promise<void>;
  /** After failure, cancel or expiry: follows the same task again when only the connection failed, else submits the same input again. */
  retry(): Promise<void>;
  /** Back to idle; an active task is cancelled on the server. */
  reset(): void;
  /** Follows a task created elsewhere (or before a reload). */
  resume(taskId: string, token: string): void;
  /** Reattaches to the task kept in storage, if any; true when there was one. */
  restore(): Promise<boolean>;
  /** Stops following without touching the task or the storage (e.g. on unmount). */
  detach(): void;
}

/** The live subscription and the run and task it follows. */
interface Following {
  readonly key: string;
  stop: () => void;
}

/** The fields `videoTaskStateOf` reads: the app's view changes only when one of these does. */
const VISIBLE = ['task', 'snapshot', 'input', 'startedAt', 'transport'] as const satisfies readonly (keyof VideoTaskControllerState)[];

const STORAGE_PREFIX = 'seedance-kit:task:';
const ignore = () => undefined;

/** Runs an app callback; its error is reported, never allowed to break the controller's bookkeeping. */
export const call = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (typeof reportError === 'function') reportError(error);
    else console.error(error);
  }
};

/** A failure's data; anything but a SeedanceError is unknown. */
const taskErrorOf = (error: unknown): TaskError => (SeedanceError.is(error) ? toTaskError(error) : kitError('unknown', 'unknown'));

/** A local refusal: the first issue's message, every field it names. */
const validationError = (issues: readonly ValidationIssue[]): TaskError =>
  defined<TaskError>({
    kind: 'validation',
    code: 'invalid_input',
    message: issues[0]?.message ?? DEFAULT_ERROR_MESSAGES.validation,
    retryable: false,
    parameter: parameterOf([...new Set(issues.map((i) => i.path).filter((p) => p !== ''))]),
    issues,
  });

/** The task a run follows (its id, or the id being resumed) and its token, when both are known. */
const ownedTask = (s: VideoTaskControllerState) => {
  const taskId = s.task.taskId ?? s.resumeId;
  return taskId && s.token ? { taskId, token: s.token } : undefined;
};

/**
 * The controller: one state object changed only by `videoTaskReducer` through `dispatch`, which
 * then brings the effects in line with it (the subscription, the stored entry) and notifies
 * once. Methods start the network requests and report their outcome as actions.
 */
export function createVideoTaskController(options: VideoTaskControllerOptions): VideoTaskController {
  const { client, storage } = options;
  const storageKey = STORAGE_PREFIX + (options.key ?? 'default');
  const now = options.now ?? Date.now;

  let state = initialVideoTaskControllerState;
  let view = videoTaskStateOf(state);
  const listeners = new Set<VideoTaskListener>();
  // Resources, not state: the live subscription (and the run and task it follows), and the
  // actions sent while one is being reduced (a subscription reports its transport at once).
  let following: Following | undefined;
  const isFollowing = (f: Following) => following === f;
  const queue: VideoTaskAction[] = [];
  let dispatching = false;

  function dispatch(action: VideoTaskAction): void {
    queue.push(action);
    if (dispatching) return;
    dispatching = true;
    const before = state;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const previous = state;
        state = videoTaskReducer(previous, next);
        if (state === previous) continue;
        syncStorage(previous, state);
        syncFollowing();
      }
    } finally {
      dispatching = false;
    }
    // Changes the app cannot see (attached, the run counter, a key) announce nothing.
    if (!VISIBLE.some((field) => state[field] !== before[field])) return;
    view = videoTaskStateOf(state);
    for (const listener of [...listeners]) listener(view);
    notify();
  }

  /** Calls the callbacks for what the app was not yet told; marks it told first, so each fires once. */
  function notify() {
    const { task, notified } = state;
    const fresh = task.results.slice(notified.results);
    const settles = isTerminal(task.status) && !notified.settled;
    const changed = task.status !== notified.status;
    if (!changed && fresh.length === 0 && !settles) return;
    dispatch({ type: 'notified', notified: { status: task.status, results: Math.max(task.results.length, notified.results), settled: notified.settled || settles } });
    // Another tab follows the task and tells its app (crossTabClient): this tab only shows it.
    if (state.transport === 'tab') return;
    const current = view;
    if (changed) call(() => options.onStatusChange?.(current));
    for (const result of fresh) call(() => options.onResult?.(result, current));
    if (!settles) return;
    if (current.status === 'failed') call(() => options.onError?.(current.error, current));
    else if (current.status === 'succeeded' || current.status === 'expired') call(() => options.onSuccess?.(current));
    call(() => options.onSettled?.(current));
  }

  /** Writes what storage should hold for the new state when it differs from the old one's. */
  function syncStorage(previous: VideoTaskControllerState, next: VideoTaskControllerState) {
    if (!storage) return;
    const text = (s: VideoTaskControllerState) => {
      const record = storedTaskOf(s);
      return record && JSON.stringify(record);
    };
    const after = text(next);
    if (after === text(previous)) return;
    try {
      void Promise.resolve(after ? storage.set(storageKey, after) : storage.remove(storageKey)).catch(ignore);
    } catch {
      // A full or refusing storage only costs the resume after a reload.
    }
  }

  /** Follows the run's task while attached and active; stops following otherwise or when the run changes. */
  function syncFollowing() {
    const owned = ownedTask(state);
    const key = state.attached && isActive(state.task.status) && owned ? `${state.run}\n${owned.taskId}` : undefined;
    if (key === following?.key) return;
    following?.stop();
    following = undefined;
    if (!key || !owned) return;
    const { run, snapshot } = state;
    const current: Following = { key, stop: ignore };
    following = current;
    current.stop = client.subscribe(
      owned.taskId,
      owned.token,
      (next) => {
        if (state.run !== run) return;
        dispatch({ type: 'snapshot', run, snapshot: next, at: now() });
        options.onSnapshot?.(next);
      },
      {
        lastEventId: snapshot?.id === owned.taskId ? snapshot.version : undefined,
        onTransport: (transport) => dispatch({ type: 'transport', run, transport }),
        onError: (error) => dispatch({ type: 'fail', run, error: taskErrorOf(error), where: 'follow' }),
      },
    );
    // The subscription may have ended the run already (a synchronous failure).
    if (!isFollowing(current)) current.stop();
  }

  async function create(body: GenerationInput, idempotencyKey: string) {
    const { run } = state;
    try {
      const created = await client.createTask(body, { idempotencyKey });
      if (state.abandoned.includes(idempotencyKey)) {
        // Cancelled or reset before the server answered: the task exists now, so stop it there.
        void client.cancelTask(created.task.id, created.token).catch(ignore);
        dispatch({ type: 'abandoned', idempotencyKey });
        return;
      }
      if (state.run !== run) return;
      dispatch({ type: 'created', run, task: created.task, token: created.token });
      options.onSnapshot?.(created.task);
    } catch (error) {
      dispatch({ type: 'fail', run, error: taskErrorOf(error), where: 'create' });
    }
  }

  /** A new run for `input`: its seed drawn, checked, then created with `idempotencyKey`. */
  async function start(input: GenerationInput, idempotencyKey: string, at = now(), retry = false) {
    const body = drawSeed(input);
    const checked = options.validate === false ? undefined : validateGenerationInput(body);
    dispatch({ type: 'start', input: body, idempotencyKey, at, retry, ...(checked?.ok === false && { error: validationError(checked.issues) }) });
    if (state.creating !== idempotencyKey) return;
    return create(checked?.ok ? checked.value : body, idempotencyKey);
  }

  /** Asks the server to stop the task `owned` names; failures are ignored (the task ends here anyway). */
  const cancelOnServer = (owned: ReturnType<typeof ownedTask>) => (owned ? client.cancelTask(owned.taskId, owned.token).then(ignore, ignore) : undefined);

  return {
    getState: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async submit(input) {
      if (isActive(state.task.status)) return;
      return start(input, createIdempotencyKey());
    },
    async cancel() {
      if (!isActive(state.task.status)) return;
      const owned = ownedTask(state);
      dispatch({ type: 'cancel' });
      await cancelOnServer(owned);
    },
    async retry() {
      const { task, input, failedWhile, idempotencyKey } = state;
      // Only the connection failed: the task is still ours on the server, follow it again (also
      // a resumed task that lost its connection before its input was known).
      if (task.status === 'failed' && failedWhile === 'follow' && ownedTask(state)) return dispatch({ type: 'refollow' });
      if ((task.status !== 'failed' && task.status !== 'cancelled' && task.status !== 'expired') || !input) return;
      // A create whose answer was lost is sent again with its key, so the server cannot start it twice.
      const reuse = task.status === 'failed' && failedWhile === 'create' && task.error.kind === 'network' && idempotencyKey;
      return start(input, reuse || createIdempotencyKey(), now(), true);
    },
    reset() {
      const owned = isActive(state.task.status) ? ownedTask(state) : undefined;
      dispatch({ type: 'reset' });
      void cancelOnServer(owned);
    },
    resume(taskId, token) {
      dispatch({ type: 'resume', taskId, token, at: now(), idempotencyKey: createIdempotencyKey() });
    },
    async restore() {
      dispatch({ type: 'attach' });
      let stored;
      try {
        stored = parseStoredTask(await storage?.get(storageKey));
      } catch {
        return false;
      }
      // Detached while reading (an unmount): whoever attaches next restores.
      if (!stored || !state.attached) return false;
      const { taskId, token, input, ...details } = stored;
      if (taskId && token) {
        dispatch({ type: 'resume', taskId, token, at: now(), idempotencyKey: details.idempotencyKey, stored: details });
        return true;
      }
      if (!input) return false;
      if (state.creating === details.idempotencyKey || isActive(state.task.status)) return true;
      // A submit cut off before its answer (e.g. by a reload): the same key gets the same task.
      await start(input, details.idempotencyKey, details.startedAt);
      return true;
    },
    detach() {
      dispatch({ type: 'detach' });
    },
  };
}
