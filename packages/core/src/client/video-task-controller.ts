import { DEFAULT_ERROR_MESSAGES, parameterOf, SeedanceError, toTaskError, type SeedanceErrorKind, type TaskError } from '../errors/seedance-error.js';
import { defined } from '../protocol/defined.js';
import type { TaskSnapshot } from '../protocol/wire.js';
import { estimateGenerationCost } from '../spec/estimate-cost.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { seedanceProFast } from '../spec/seedance-pro-fast.js';
import { validateGenerationInput } from '../spec/validate-generation.js';
import { initialTaskState, isActive, isTerminal, transition, type TaskEvent, type TaskState } from '../task/task-state.js';
import { createIdempotencyKey } from './idempotency-key.js';
import type { SeedanceClient } from './seedance-client.js';
import type { TaskTransport } from './follow-task.js';
import type { TaskStorage } from './task-storage.js';

/** The controller's state: the task machine's state plus what the wire told us. */
export interface VideoTaskState extends TaskState {
  readonly isActive: boolean;
  /** The latest snapshot from the server. */
  readonly snapshot?: TaskSnapshot;
  /** What was submitted (or, after a resume, what the server says was submitted). */
  readonly input?: GenerationInput;
  /** When the task started, ms since the epoch on this machine's clock. */
  readonly startedAt?: number;
  /** USD ESTIMATE from the price rate; the charged figure is `costUsd`. */
  readonly estimatedCostUsd?: number;
  /** Sum of the costs the provider reported on the results so far; absent until one is. */
  readonly costUsd?: number;
  /** How the task is being followed right now. */
  readonly transport?: TaskTransport;
}

export interface VideoTaskControllerOptions {
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
  /** Starts a task; ignored while one is active, so a double click never pays twice. */
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

/** What is kept in storage while a task runs. */
interface StoredTask {
  readonly v: 1;
  readonly idempotencyKey: string;
  readonly numberResults: number;
  readonly startedAt: number;
  readonly taskId?: string;
  readonly token?: string;
  /** Only until the server answered the create, to send the same create again after a reload. */
  readonly input?: GenerationInput;
}

const STORAGE_PREFIX = 'seedance-kit:task:';

/** One of the kit's own failures, with its kind's default message. */
const kitError = (kind: SeedanceErrorKind, code: string, retryable = true): TaskError => ({ kind, code, message: DEFAULT_ERROR_MESSAGES[kind], retryable });

export function createVideoTaskController(options: VideoTaskControllerOptions): VideoTaskController {
  const { client, storage } = options;
  const storageKey = STORAGE_PREFIX + (options.key ?? 'default');
  const now = options.now ?? Date.now;

  let machine: TaskState = initialTaskState;
  let snapshot: TaskSnapshot | undefined;
  let input: GenerationInput | undefined;
  let startedAt: number | undefined;
  let token: string | undefined;
  let idempotencyKey: string | undefined;
  let transport: TaskTransport | undefined;
  /** Where the last failure happened: a failed create may be re-sent with its key, a lost stream re-followed. */
  let failedWhile: 'create' | 'follow' | 'task' | undefined;
  let run = 0;
  let attached = false;
  /** The create in flight; `abandoned` once cancelled or reset before the server answered it. */
  let creating: { key: string; run: number; abandoned?: boolean } | undefined;
  /** A resume by id and token alone: the first snapshot tells how many results to wait for. */
  let awaitingFirst = false;
  /** The task being resumed while `awaitingFirst`, before the machine knows its id. */
  let resumeId: string | undefined;
  let unfollow: (() => void) | undefined;
  const listeners = new Set<VideoTaskListener>();

  const compose = (): VideoTaskState => {
    let costUsd: number | undefined;
    for (const { cost } of machine.results) if (typeof cost === 'number') costUsd = (costUsd ?? 0) + cost;
    return defined({
      ...machine,
      isActive: isActive(machine.status),
      snapshot,
      input,
      startedAt,
      estimatedCostUsd: snapshot?.estimatedCostUsd ?? (input && estimateGenerationCost(input).estimatedUsd),
      costUsd,
      transport,
    });
  };
  let state = compose();
  const publish = () => {
    state = compose();
    for (const listener of [...listeners]) listener(state);
  };
  const send = (event: TaskEvent) => {
    machine = transition(machine, event).state;
  };
  const active = () => isActive(machine.status);

  const persist = (record?: StoredTask) => {
    if (!storage) return;
    try {
      void Promise.resolve(record ? storage.set(storageKey, JSON.stringify(record)) : storage.remove(storageKey)).catch(() => undefined);
    } catch {
      // A full or refusing storage only costs the resume after a reload.
    }
  };
  const readStored = async (): Promise<StoredTask | undefined> => {
    try {
      const value = JSON.parse((await storage?.get(storageKey)) || 'null') as Partial<StoredTask> | null;
      if (value?.v !== 1 || typeof value.idempotencyKey !== 'string' || !Number.isInteger(value.numberResults) || typeof value.startedAt !== 'number') return undefined;
      return value as StoredTask;
    } catch {
      return undefined;
    }
  };
  /** Keeps the current run in storage (or forgets it when it has no key). */
  const save = () =>
    persist(
      idempotencyKey === undefined
        ? undefined
        : {
            v: 1,
            idempotencyKey,
            numberResults: machine.numberResults,
            startedAt: startedAt ?? now(),
            ...(machine.taskId && token ? { taskId: machine.taskId, token } : input && { input }),
          },
    );

  const stopFollowing = () => {
    unfollow?.();
    unfollow = undefined;
  };

  /**
   * Ends the current run. With `server`, the task is stopped there too: at once when its id is
   * known, or (for a create still in flight) as soon as the server answers it.
   */
  const stop = (server: boolean) => {
    const taskId = machine.taskId ?? (awaitingFirst ? resumeId : undefined);
    const taskToken = token;
    if (server && creating?.run === run) creating.abandoned = true;
    run++;
    stopFollowing();
    return server && taskId && taskToken ? client.cancelTask(taskId, taskToken).catch(() => undefined) : undefined;
  };

  /** Fails the run with `taskError`. */
  const failWith = (taskError: TaskError, where: 'create' | 'follow' | 'task') => {
    failedWhile = where;
    send({ type: 'error', error: taskError });
    // After a lost connection the task may still run: keep it, so a reload or retry finds it.
    if (taskError.kind !== 'network') persist();
  };
  /** Fails the run with `error`'s data; anything but a SeedanceError is unknown. */
  const fail = (error: unknown, where: 'create' | 'follow' | 'task') =>
    failWith(SeedanceError.is(error) ? toTaskError(error) : kitError('unknown', 'unknown'), where);

  /** Feeds one snapshot to the machine as the events it stands for. */
  const apply = (next: TaskSnapshot) => {
    snapshot = next;
    input ??= next.input;
    if (awaitingFirst) {
      // A resume without stored details: the first snapshot says how many results to wait for.
      awaitingFirst = false;
      send({ type: 'reset' });
      send({ type: 'submit', numberResults: next.numberResults });
      send({ type: 'ack', taskId: next.id });
      const created = Date.parse(next.createdAt);
      if (Number.isFinite(created)) startedAt = Math.min(created, now());
      save();
    }
    const { status } = next;
    if (status === 'queued' || status === 'processing') send({ type: 'status', status, progress: next.progress });
    for (const result of next.results) send({ type: 'result', result });
    if (status === 'cancelled') send({ type: 'cancel' });
    else if (status === 'failed' || status === 'expired' || (status === 'succeeded' && active())) {
      failedWhile = 'task';
      if (status === 'expired' && machine.status === 'succeeded') send({ type: 'expire' });
      else {
        send({
          type: 'error',
          error:
            status === 'failed'
              ? (next.error ?? kitError('unknown', 'unknown'))
              : status === 'succeeded'
                ? // The server finished with fewer results than asked: end here rather than wait forever.
                  kitError('provider', 'incomplete_results')
                : kitError('not_found', 'expired', false),
        });
      }
    }
    options.onSnapshot?.(next);
    if (isTerminal(status)) {
      stopFollowing();
      persist();
    }
  };

  const follow = (taskId: string, taskToken: string) => {
    stopFollowing();
    if (!attached) return;
    const mine = run;
    // Only the current run's news counts; each piece is published as it comes.
    const live =
      <A>(handle: (arg: A) => void) =>
      (arg: A) => {
        if (mine !== run) return;
        handle(arg);
        publish();
      };
    unfollow = client.subscribe(taskId, taskToken, live(apply), {
      lastEventId: snapshot?.id === taskId ? snapshot.version : undefined,
      onTransport: live((value) => (transport = value)),
      onError: live((error) => {
        unfollow = undefined;
        fail(error, 'follow');
      }),
    });
  };

  const create = async (mine: number, body: GenerationInput, key: string) => {
    const me: NonNullable<typeof creating> = (creating = { key, run: mine });
    save();
    try {
      const created = await client.createTask(body, { idempotencyKey: key });
      if (me.abandoned) {
        // Cancelled or reset before the server answered: the task exists now, so stop it there.
        void client.cancelTask(created.task.id, created.token).catch(() => undefined);
        return;
      }
      if (mine !== run) return;
      token = created.token;
      send({ type: 'ack', taskId: created.task.id });
      save();
      apply(created.task);
      if (!isTerminal(created.task.status)) follow(created.task.id, created.token);
    } catch (error) {
      if (mine !== run) return;
      fail(error, 'create');
    } finally {
      if (creating === me) creating = undefined;
      if (mine === run) publish();
    }
  };

  /** Starts a new run for `body`: validated, then created with `key`. */
  const start = async (body: GenerationInput, key: string, since = now()) => {
    const mine = ++run;
    input = body;
    idempotencyKey = key;
    startedAt = since;
    snapshot = token = failedWhile = undefined;
    awaitingFirst = false;
    attached = true;
    if (options.validate !== false) {
      const checked = validateGenerationInput(body);
      if (!checked.ok) {
        const { issues } = checked;
        failWith(
          defined<TaskError>({
            kind: 'validation',
            code: 'invalid_input',
            message: issues[0]?.message ?? DEFAULT_ERROR_MESSAGES.validation,
            retryable: false,
            parameter: parameterOf([...new Set(issues.map((i) => i.path).filter((p) => p !== ''))]),
            issues,
          }),
          'create',
        );
        publish();
        return;
      }
      body = checked.value;
    }
    publish();
    return create(mine, body, key);
  };

  function resumeWith(taskId: string, taskToken: string, stored?: StoredTask) {
    attached = true;
    if (machine.taskId === taskId && active()) {
      if (!unfollow) follow(taskId, taskToken);
      return;
    }
    stop(false);
    send({ type: 'reset' });
    snapshot = input = transport = failedWhile = undefined;
    token = taskToken;
    idempotencyKey = stored?.idempotencyKey ?? createIdempotencyKey();
    startedAt = stored?.startedAt ?? now();
    // Without stored details the task shows as submitting until its first snapshot arrives.
    send({ type: 'submit', numberResults: stored?.numberResults ?? 1 });
    if (stored) send({ type: 'ack', taskId });
    awaitingFirst = !stored;
    resumeId = taskId;
    persist({ v: 1, idempotencyKey, numberResults: stored?.numberResults ?? machine.numberResults, startedAt, taskId, token: taskToken });
    follow(taskId, taskToken);
    publish();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async submit(body) {
      if (active()) return;
      const count = body?.numberResults ?? seedanceProFast.numberResults.default;
      send({ type: 'submit', numberResults: Number.isInteger(count) && count > 0 ? count : 1 });
      return start(body, createIdempotencyKey());
    },
    async cancel() {
      if (!active()) return;
      const cancelled = stop(true);
      send({ type: 'cancel' });
      persist();
      publish();
      await cancelled;
    },
    async retry() {
      const { status, taskId, error } = machine;
      if ((status !== 'failed' && status !== 'cancelled' && status !== 'expired') || !input) return;
      send({ type: 'retry' });
      if (status === 'failed' && failedWhile === 'follow' && taskId && token) {
        // Only the connection failed: the task is still ours on the server, follow it again.
        stop(false);
        attached = true;
        failedWhile = undefined;
        send({ type: 'ack', taskId });
        save();
        follow(taskId, token);
        publish();
        return;
      }
      // A create whose answer was lost is sent again with its key, so the server cannot start it twice.
      const reuse = status === 'failed' && failedWhile === 'create' && error?.kind === 'network' && idempotencyKey;
      return start(input, reuse || createIdempotencyKey());
    },
    reset() {
      void stop(active());
      send({ type: 'reset' });
      snapshot = input = startedAt = token = idempotencyKey = transport = failedWhile = undefined;
      awaitingFirst = false;
      persist();
      publish();
    },
    resume(taskId, taskToken) {
      resumeWith(taskId, taskToken);
    },
    async restore() {
      attached = true;
      const stored = await readStored();
      if (!stored || !attached) return false;
      if (stored.taskId && stored.token) {
        resumeWith(stored.taskId, stored.token, stored);
        return true;
      }
      if (!stored.input) return false;
      if (creating?.key === stored.idempotencyKey || active()) return true;
      // A submit cut off before its answer (e.g. by a reload): the same key gets the same task.
      send({ type: 'submit', numberResults: stored.numberResults });
      await start(stored.input, stored.idempotencyKey, stored.startedAt);
      return true;
    },
    detach() {
      attached = false;
      stopFollowing();
    },
  };
}
