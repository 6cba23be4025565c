/**
 * An in-memory `SeedanceClient` for controller, hook and widget tests: no server, no ffmpeg, no
 * sockets. Everything it hands out is built from core's own types and functions (snapshots typed
 * `TaskSnapshot`, errors through `errorFromResponse` from a typed `Problem`, provider failures
 * through `errorFromRunware`, the estimate by `estimateGenerationCost`, the input checked by
 * `validateGenerationInput`), so it cannot drift from the wire protocol unnoticed: a change there
 * breaks its compile. Time runs on `setTimeout`, so tests drive it with `vi.useFakeTimers()` and
 * `vi.advanceTimersByTimeAsync`.
 */
import {
  errorFromResponse,
  errorFromRunware,
  estimateGenerationCost,
  isTerminal,
  networkError,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_PREFIX,
  SeedanceError,
  validateGenerationInput,
  type CreateTaskResponse,
  type EffectiveLimits,
  type GenerationInput,
  type Problem,
  type SeedanceClient,
  type SubscribeOptions,
  type TaskResult,
  type TaskSnapshot,
  type TaskTransport,
} from '@seedance-kit/core';
import { effectiveLimits, resolvePolicy } from '@seedance-kit/core/server';

export interface FakeClientOptions {
  readonly baseUrl?: string;
  /** How long a create takes to answer. Default 10 ms. */
  readonly createMs?: number;
  /** Queued for this long, then processing. Default 100 ms. */
  readonly queueMs?: number;
  /** Each video takes this long after the previous one. Default 400 ms. */
  readonly renderMs?: number;
  /** How `subscribe` says it follows. Default `fetch`. */
  readonly transport?: TaskTransport;
  /** The server's policy cap on videos per task; over it, a create is refused as the handler would. */
  readonly maxNumberResults?: number;
}

/** One task the fake "server" holds. */
interface FakeTask {
  snapshot: TaskSnapshot;
  readonly token: string;
  readonly idempotencyKey: string;
  readonly listeners: Set<(snapshot: TaskSnapshot) => void>;
  readonly timers: ReturnType<typeof setTimeout>[];
}

export interface FakeSeedanceClient extends SeedanceClient {
  /** Tasks made (replays of a key not counted): what would have been paid for. */
  readonly submitted: () => number;
  /** Every create call: its input and key, replays and lost answers included. */
  readonly creates: { readonly input: GenerationInput; readonly idempotencyKey: string | undefined }[];
  /** Ids of tasks cancelled through `cancelTask`. */
  readonly cancels: string[];
  /** The task as the server holds it. */
  task(id: string): TaskSnapshot | undefined;
  /** Prompts containing this never finish (until cancelled). Default `[hold]`. */
  holdMarker: string;
  /** Fails the next task whose prompt contains `marker` with a Runware `code` (e.g. contentPolicyViolation). */
  failNext(marker: string, code: string): void;
  /** The next create reaches the server (the task is made) but its answer is lost. */
  loseNextCreateAnswer(): void;
  /** While true, following a task fails with a network error (the task itself runs on). */
  offline: boolean;
  /** Follows asked for (`subscribe` calls), how many the callers have not stopped yet, and the most at once. */
  readonly subscriptions: { readonly opened: number; readonly open: number; readonly mostOpen: number };
}

const problem = async (status: number, fields: Omit<Problem, 'type' | 'status' | 'title' | 'detail'> & { detail: string }) => {
  const body: Problem = { type: PROBLEM_TYPE_PREFIX + fields.code, title: fields.detail, status, ...fields };
  return errorFromResponse(new Response(JSON.stringify(body), { status, headers: { 'content-type': PROBLEM_CONTENT_TYPE } }));
};

export function createFakeSeedanceClient(options: FakeClientOptions = {}): FakeSeedanceClient {
  const { baseUrl = 'http://localhost:3000/api/seedance', createMs = 10, queueMs = 100, renderMs = 400, transport = 'fetch' } = options;
  // The server's own figures for its policy, so the limits a form reads are the handler's.
  const limits: EffectiveLimits = effectiveLimits(resolvePolicy({ rateLimit: null, ...(options.maxNumberResults !== undefined && { maxNumberResults: options.maxNumberResults }) }), 'local');
  const tasks = new Map<string, FakeTask>();
  const byKey = new Map<string, string>();
  const failures: { marker: string; code: string }[] = [];
  let loseAnswers = 0;
  let made = 0;
  let ids = 0;
  const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const update = (task: FakeTask, patch: Partial<TaskSnapshot>) => {
    if (isTerminal(task.snapshot.status)) return;
    task.snapshot = { ...task.snapshot, ...patch, version: task.snapshot.version + 1, updatedAt: new Date().toISOString() };
    if (isTerminal(task.snapshot.status)) for (const t of task.timers) clearTimeout(t);
    for (const listener of [...task.listeners]) listener(task.snapshot);
  };

  /** The task's life on the "provider": queued, processing, one result per `renderMs`. */
  const run = (task: FakeTask, input: GenerationInput) => {
    const at = (ms: number, fn: () => void) => task.timers.push(setTimeout(fn, ms));
    const failure = failures.findIndex((f) => input.positivePrompt.includes(f.marker));
    if (failure >= 0) {
      const code = failures.splice(failure, 1)[0]?.code ?? 'taskFailed';
      at(queueMs, () => update(task, { status: 'failed', error: errorFromRunware({ code, message: 'The prompt was blocked by the content policy.' }) }));
      return;
    }
    at(queueMs, () => update(task, { status: 'processing', progress: 5 }));
    if (input.positivePrompt.includes(client.holdMarker)) return;
    const count = input.numberResults ?? 1;
    for (let n = 1; n <= count; n++) {
      at(queueMs + n * renderMs, () => {
        const result: TaskResult = {
          videoUUID: `${task.snapshot.id}-v${n}`,
          videoURL: `${baseUrl}/files/${task.snapshot.id}-v${n}.${(input.outputFormat ?? 'MP4').toLowerCase()}`,
          // The seed sent, or (unset) one the provider drew: here the task's number.
          seed: input.seed === undefined || input.seed === 'random' ? String(1000 + n) : input.seed,
          cost: 0.01,
        };
        const results = [...task.snapshot.results, result];
        update(task, { status: results.length === count ? 'succeeded' : 'processing', progress: Math.round((100 * results.length) / count), results });
      });
    }
  };

  const owned = async (id: string, token: string) => {
    const task = tasks.get(id);
    if (!task || task.token !== token) throw await problem(404, { code: 'task_not_found', kind: 'not_found', retryable: false, detail: 'No task with this id and token.' });
    return task;
  };

  const client: FakeSeedanceClient = {
    baseUrl,
    holdMarker: '[hold]',
    offline: false,
    subscriptions: { opened: 0, open: 0, mostOpen: 0 },
    creates: [],
    cancels: [],
    submitted: () => made,
    task: (id) => tasks.get(id)?.snapshot,
    failNext: (marker, code) => void failures.push({ marker, code }),
    loseNextCreateAnswer: () => void loseAnswers++,

    async createTask(input, { idempotencyKey, signal } = {}) {
      client.creates.push({ input, idempotencyKey });
      await delay(createMs);
      signal?.throwIfAborted();
      const checked = validateGenerationInput(input);
      if (!checked.ok) throw await problem(422, { code: 'validation_failed', kind: 'validation', retryable: false, detail: checked.issues[0]?.message ?? 'Invalid.', issues: checked.issues });
      const max = limits.numberResults.max;
      if ((checked.value.numberResults ?? 1) > max) {
        throw await problem(422, { code: 'policy_cap_exceeded', kind: 'policy', retryable: false, cap: 'maxNumberResults', detail: `At most ${max} videos per task.` });
      }
      const key = idempotencyKey ?? `key-${ids}`;
      let id = byKey.get(key);
      if (id === undefined) {
        id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
        const now = new Date().toISOString();
        const task: FakeTask = {
          token: `token-${id}`,
          idempotencyKey: key,
          listeners: new Set(),
          timers: [],
          snapshot: {
            id,
            status: 'queued',
            version: 1,
            createdAt: now,
            updatedAt: now,
            numberResults: checked.value.numberResults ?? 1,
            results: [],
            estimatedCostUsd: estimateGenerationCost(checked.value).estimatedUsd,
            input: checked.value,
          },
        };
        tasks.set(id, task);
        byKey.set(key, id);
        made++;
        run(task, checked.value);
      }
      const task = tasks.get(id)!;
      if (loseAnswers > 0) {
        loseAnswers--;
        throw new SeedanceError(networkError());
      }
      const answer: CreateTaskResponse = { task: task.snapshot, token: task.token };
      return answer;
    },

    async getTask(id, token) {
      return (await owned(id, token)).snapshot;
    },

    subscribe(id, token, onSnapshot, { onError, onTransport, lastEventId }: SubscribeOptions = {}) {
      const counts = client.subscriptions as { opened: number; open: number; mostOpen: number };
      counts.opened++;
      counts.mostOpen = Math.max(counts.mostOpen, ++counts.open);
      let released = false;
      let stopped = false;
      let seen = lastEventId === undefined ? -Infinity : Number(lastEventId);
      const deliver = (snapshot: TaskSnapshot) => {
        if (stopped || snapshot.version <= seen) return;
        seen = snapshot.version;
        onSnapshot(snapshot);
        if (isTerminal(snapshot.status)) stop();
      };
      let task: FakeTask | undefined;
      const stop = () => {
        stopped = true;
        task?.listeners.delete(deliver);
      };
      onTransport?.(transport);
      // Like the real stream: the current snapshot first, then each change, all asynchronously.
      void owned(id, token)
        .then(async (found) => {
          await delay(1);
          if (stopped) return;
          if (client.offline) throw new SeedanceError(networkError());
          task = found;
          found.listeners.add(deliver);
          deliver(found.snapshot);
        })
        .catch((error: unknown) => {
          if (stopped) return;
          stop();
          onError?.(error as SeedanceError);
        });
      // What the caller holds: open until it calls this, whether or not the stream ended.
      return () => {
        if (!released) counts.open--;
        released = true;
        stop();
      };
    },

    async cancelTask(id, token) {
      const task = await owned(id, token);
      client.cancels.push(id);
      update(task, { status: 'cancelled' });
      return task.snapshot;
    },

    async getLimits() {
      return limits;
    },
  };
  return client;
}
