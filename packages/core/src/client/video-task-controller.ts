import { SeedanceError, toTaskError, type TaskError } from '../errors/seedance-error.js';
import { DEFAULT_ERROR_MESSAGES } from '../errors/seedance-error.js';
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
  let creating: { key: string; run: number } | undefined;
  /** A resume by id and token alone: the first snapshot tells how many results to wait for. */
  let awaitingFirst = false;
  /** The task being resumed while `awaitingFirst`, before the machine knows its id. */
  let resumeId: string | undefined;
  let unfollow: (() => void) | undefined;
  const abandoned = new Set<number>();
  const listeners = new Set<VideoTaskListener>();

  const compose = (): VideoTaskState => {
    const costs = machine.results.flatMap((r) => (typeof r.cost === 'number' ? [r.cost] : []));
    const estimate = snapshot?.estimatedCostUsd ?? (input ? estimateGenerationCost(input).estimatedUsd : undefined);
    return {
      ...machine,
      isActive: isActive(machine.status),
      ...(snapshot && { snapshot }),
      ...(input && { input }),
      ...(startedAt !== undefined && { startedAt }),
      ...(estimate !== undefined && { estimatedCostUsd: estimate }),
      ...(costs.length > 0 && { costUsd: costs.reduce((a, b) => a + b, 0) }),
      ...(transport && { transport }),
    };
  };
  let state = compose();
  const publish = () => {
    state = compose();
    for (const listener of [...listeners]) listener(state);
  };
  const send = (event: TaskEvent) => {
    machine = transition(machine, event).state;
  };

  const persist = (record: StoredTask | undefined) => {
    if (!storage) return;
    try {
      void Promise.resolve(record ? storage.set(storageKey, JSON.stringify(record)) : storage.remove(storageKey)).catch(() => undefined);
    } catch {
      // A full or refusing storage only costs the resume after a reload.
    }
  };
  const readStored = async (): Promise<StoredTask | undefined> => {
    try {
      const text = await storage?.get(storageKey);
      if (!text) return undefined;
      const value = JSON.parse(text) as Partial<StoredTask>;
      if (value?.v !== 1 || typeof value.idempotencyKey !== 'string' || !Number.isInteger(value.numberResults) || typeof value.startedAt !== 'number') return undefined;
      return value as StoredTask;
    } catch {
      return undefined;
    }
  };
  const record = (): StoredTask | undefined =>
    idempotencyKey === undefined
      ? undefined
      : {
          v: 1,
          idempotencyKey,
          numberResults: machine.numberResults,
          startedAt: startedAt ?? now(),
          ...(machine.taskId && token ? { taskId: machine.taskId, token } : input && { input }),
        };

  const stopFollowing = () => {
    unfollow?.();
    unfollow = undefined;
  };

  const fail = (error: unknown, where: 'create' | 'follow' | 'task') => {
    const taskError: TaskError = SeedanceError.is(error) ? toTaskError(error) : { kind: 'unknown', code: 'unknown', message: DEFAULT_ERROR_MESSAGES.unknown, retryable: true };
    failedWhile = where;
    send({ type: 'error', error: taskError });
    // After a lost connection the task may still run: keep it, so a reload or retry finds it.
    if (taskError.kind !== 'network') persist(undefined);
  };

  /** Feeds one snapshot to the machine as the events it stands for. */
  const apply = (next: TaskSnapshot) => {
    snapshot = next;
    if (input === undefined) input = next.input;
    if (awaitingFirst) {
      // A resume without stored details: the first snapshot says how many results to wait for.
      awaitingFirst = false;
      send({ type: 'reset' });
      send({ type: 'submit', numberResults: next.numberResults });
      send({ type: 'ack', taskId: next.id });
      const created = Date.parse(next.createdAt);
      if (Number.isFinite(created)) startedAt = Math.min(created, now());
      persist(record());
    }
    if (next.status === 'queued' || next.status === 'processing') send({ type: 'status', status: next.status, ...(next.progress !== undefined && { progress: next.progress }) });
    for (const result of next.results) send({ type: 'result', result });
    if (next.status === 'failed') {
      failedWhile = 'task';
      send({ type: 'error', error: next.error ?? { kind: 'unknown', code: 'unknown', message: DEFAULT_ERROR_MESSAGES.unknown, retryable: true } });
    } else if (next.status === 'cancelled') send({ type: 'cancel' });
    else if (next.status === 'expired') {
      failedWhile = 'task';
      send(machine.status === 'succeeded' ? { type: 'expire' } : { type: 'error', error: { kind: 'not_found', code: 'expired', message: DEFAULT_ERROR_MESSAGES.not_found, retryable: false } });
    } else if (next.status === 'succeeded' && isActive(machine.status)) {
      // The server finished with fewer results than asked: end here rather than wait forever.
      failedWhile = 'task';
      send({ type: 'error', error: { kind: 'provider', code: 'incomplete_results', message: DEFAULT_ERROR_MESSAGES.provider, retryable: true } });
    }
    options.onSnapshot?.(next);
    if (isTerminal(next.status)) {
      stopFollowing();
      persist(undefined);
    }
  };

  const follow = (taskId: string, taskToken: string) => {
    stopFollowing();
    if (!attached) return;
    const mine = run;
    unfollow = client.subscribe(
      taskId,
      taskToken,
      (next) => {
        if (mine !== run) return;
        apply(next);
        publish();
      },
      {
        ...(snapshot?.id === taskId && { lastEventId: snapshot.version }),
        onTransport: (value) => {
          if (mine !== run) return;
          transport = value;
          publish();
        },
        onError: (error) => {
          if (mine !== run) return;
          unfollow = undefined;
          fail(error, 'follow');
          publish();
        },
      },
    );
  };

  const create = async (mine: number, body: GenerationInput, key: string) => {
    creating = { key, run: mine };
    persist(record());
    try {
      const created = await client.createTask(body, { idempotencyKey: key });
      if (abandoned.delete(mine)) {
        // Cancelled or reset before the server answered: the task exists now, so stop it there.
        void client.cancelTask(created.task.id, created.token).catch(() => undefined);
        return;
      }
      if (mine !== run) return;
      token = created.token;
      send({ type: 'ack', taskId: created.task.id });
      persist(record());
      apply(created.task);
      if (!isTerminal(created.task.status)) follow(created.task.id, created.token);
    } catch (error) {
      abandoned.delete(mine);
      if (mine !== run) return;
      fail(error, 'create');
    } finally {
      if (creating?.run === mine) creating = undefined;
      if (mine === run) publish();
    }
  };

  /** Starts a new run for `body`: validated, then created with `key`. */
  const start = (body: GenerationInput, key: string, since = now()) => {
    const mine = ++run;
    input = body;
    idempotencyKey = key;
    startedAt = since;
    snapshot = undefined;
    token = undefined;
    failedWhile = undefined;
    awaitingFirst = false;
    attached = true;
    if (options.validate !== false) {
      const checked = validateGenerationInput(body);
      if (!checked.ok) {
        const paths = [...new Set(checked.issues.map((i) => i.path).filter((p) => p !== ''))];
        fail(
          new SeedanceError({
            kind: 'validation',
            code: 'invalid_input',
            message: checked.issues[0]?.message ?? DEFAULT_ERROR_MESSAGES.validation,
            retryable: false,
            issues: checked.issues,
            ...(paths.length > 0 && { parameter: paths.length === 1 ? (paths[0] as string) : paths }),
          }),
          'create',
        );
        publish();
        return Promise.resolve();
      }
      body = checked.value;
    }
    publish();
    return create(mine, body, key);
  };

  const numberResultsOf = (body: GenerationInput) => body?.numberResults ?? seedanceProFast.numberResults.default;

  const controller: VideoTaskController = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    submit(body) {
      if (isActive(machine.status)) return Promise.resolve();
      send({ type: 'submit', numberResults: Number.isInteger(numberResultsOf(body)) && numberResultsOf(body) > 0 ? numberResultsOf(body) : 1 });
      return start(body, createIdempotencyKey());
    },
    async cancel() {
      if (!isActive(machine.status)) return;
      const taskId = machine.taskId ?? (awaitingFirst ? resumeId : undefined);
      const taskToken = token;
      if (creating?.run === run) abandoned.add(run);
      run++;
      stopFollowing();
      send({ type: 'cancel' });
      persist(undefined);
      publish();
      if (taskId && taskToken) await client.cancelTask(taskId, taskToken).catch(() => undefined);
    },
    async retry() {
      const { status, taskId } = machine;
      if ((status !== 'failed' && status !== 'cancelled' && status !== 'expired') || !input) return;
      if (status === 'failed' && failedWhile === 'follow' && taskId && token) {
        // Only the connection failed: the task is still ours on the server, follow it again.
        run++;
        attached = true;
        failedWhile = undefined;
        send({ type: 'retry' });
        send({ type: 'ack', taskId });
        persist(record());
        follow(taskId, token);
        publish();
        return;
      }
      // A create whose answer was lost is sent again with its key, so the server cannot start it twice.
      const reuse = status === 'failed' && failedWhile === 'create' && machine.error?.kind === 'network' && idempotencyKey;
      send({ type: 'retry' });
      return start(input, reuse || createIdempotencyKey());
    },
    reset() {
      if (isActive(machine.status)) {
        if (creating?.run === run) abandoned.add(run);
        else {
          const taskId = machine.taskId ?? (awaitingFirst ? resumeId : undefined);
          if (taskId && token) void client.cancelTask(taskId, token).catch(() => undefined);
        }
      }
      run++;
      stopFollowing();
      send({ type: 'reset' });
      snapshot = input = startedAt = token = idempotencyKey = transport = failedWhile = undefined;
      awaitingFirst = false;
      persist(undefined);
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
      if (creating?.key === stored.idempotencyKey || isActive(machine.status)) return true;
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

  function resumeWith(taskId: string, taskToken: string, stored?: StoredTask) {
    attached = true;
    if (machine.taskId === taskId && isActive(machine.status)) {
      if (!unfollow) follow(taskId, taskToken);
      return;
    }
    run++;
    stopFollowing();
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

  return controller;
}
