import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { estimateVideoCostUsd, stringifyJson, type TaskError } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware, type LocalRunwareFault, type LocalRunwareServer, type LocalRunwareStats } from '@seedance-kit/local-runware';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import { createMemoryTaskStore, createSeedanceHandler, type SeedanceHandler, type SeedanceHandlerOptions, type TaskSnapshot, type TaskStore } from '@seedance-kit/core/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, FAST_RETRY, FAST_TIMING, listen, quietLogger, SECRET, type Listening } from './support/harness.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';

/**
 * Every fault the local Runware can inject × both delivery paths × both stores: each task ends
 * in a typed error or a recovered result within its deadline, nothing hangs or rejects
 * unhandled, and Runware takes at most one task and one charge per create.
 *
 * One simulator serves every case; each case's faults match only its own prompt, and cases run
 * one after another so the simulator's `submitted` counter is exact per case. What a task made
 * and was charged is read from the simulator's own final answer for that task, so another
 * case's late work cannot blur it.
 */
const redisBinary = redisServerOrWarn('Fault matrix on the Redis store (test/server/faults-matrix.test.ts)');

type StoreKind = 'memory' | 'redis';
type Path = 'poll' | 'webhook';
type FaultSpec = Omit<LocalRunwareFault, 'match'>;
type Outcome = { readonly status: 'succeeded' } | { readonly status: 'failed'; readonly error: Partial<TaskError>; readonly onCreate?: boolean };

interface FaultCase {
  readonly name: string;
  /** In force from the submit on. */
  readonly before?: readonly FaultSpec[];
  /** Added once the create has answered, so they hit polls only. */
  readonly after?: readonly FaultSpec[];
  readonly handler?: {
    readonly retry?: SeedanceHandlerOptions['retry'];
    readonly polling?: SeedanceHandlerOptions['polling'];
    readonly taskTtlMs?: number;
    /** With webhooks: when the first fallback poll goes out. */
    readonly fallbackPollMs?: number;
  };
  readonly outcome: Outcome | { readonly [P in Path]: Outcome };
  /** Tasks the simulator accepted (0 when every submit was refused). */
  readonly submitted: 0 | 1;
  /** The simulator's task outlives the case (stuck for a minute): do not wait for it. */
  readonly leavesRunning?: boolean;
  /** Ms from create to the terminal snapshot, at most. */
  readonly deadlineMs?: number;
  readonly check?: (run: CaseRun) => Promise<void>;
}

interface CaseRun {
  readonly path: Path;
  readonly api: Api;
  readonly task: TaskSnapshot;
  readonly token: string;
  readonly last: TaskSnapshot;
  readonly before: LocalRunwareStats;
}

/** What one BASIC_INPUT video costs (the simulator charges Runware's rate). */
const BASIC_COST = estimateVideoCostUsd(BASIC_INPUT.width, BASIC_INPUT.height, BASIC_INPUT.duration);
const SUCCEEDED: Outcome = { status: 'succeeded' };
const WEBHOOK_FALLBACK_POLL_MS = 1_000;
// What a case proves is that nothing hangs: the deadlines leave room for a loaded 2-core CI box,
// where this file shares the cores with Chromium and ffmpeg.
const DEFAULT_DEADLINE_MS = 12_000;

const CASES: readonly FaultCase[] = [
  { name: 'slowAck within the request timeout', before: [{ kind: 'slowAck', delayMs: 300 }], outcome: SUCCEEDED, submitted: 1 },
  {
    name: 'slowAck past the request timeout (retried with the same taskUUID)',
    before: [{ kind: 'slowAck', delayMs: 1_500, times: 1 }],
    handler: { retry: { requestTimeoutMs: 400 } },
    outcome: SUCCEEDED,
    submitted: 1,
  },
  {
    name: 'timeout (timeoutProvider)',
    before: [{ kind: 'timeout', delayMs: 150 }],
    outcome: { status: 'failed', error: { kind: 'provider', code: 'timeoutProvider', retryable: true } },
    submitted: 1,
  },
  {
    name: 'timeout past the polling deadline',
    before: [{ kind: 'timeout', delayMs: 60_000 }],
    handler: { polling: { deadlineMs: 600 } },
    outcome: { status: 'failed', error: { kind: 'timeout', code: 'pollDeadline', retryable: true } },
    submitted: 1,
    leavesRunning: true,
  },
  {
    // The task says nothing new for longer than taskTtlMs (stuck at 90 %): it must not be
    // forgotten while Runware still works on it, or its end (here a failure) is never seen.
    name: 'a stall longer than taskTtlMs, then timeoutProvider',
    before: [{ kind: 'timeout', delayMs: 1_200 }],
    handler: { taskTtlMs: 300 },
    outcome: { status: 'failed', error: { kind: 'provider', code: 'timeoutProvider', retryable: true } },
    submitted: 1,
    deadlineMs: 8_000,
  },
  { name: '5xx on the submit, twice', before: [{ kind: 'serverError', status: 503, times: 2 }], outcome: SUCCEEDED, submitted: 1 },
  {
    name: '5xx on every submit',
    before: [{ kind: 'serverError', status: 500 }],
    outcome: { status: 'failed', error: { kind: 'provider', retryable: true, status: 500 }, onCreate: true },
    submitted: 0,
  },
  { name: '5xx on polls, three times', after: [{ kind: 'serverError', status: 503, times: 3 }], outcome: SUCCEEDED, submitted: 1 },
  {
    name: '5xx on every poll',
    // Exactly as many as the handler tolerates, so the simulator answers again afterwards.
    after: [{ kind: 'serverError', status: 502, times: 4 }],
    // With webhooks the result arrives long before the first fallback poll, even on a loaded machine.
    handler: { polling: { maxConsecutiveFailures: 4 }, fallbackPollMs: 6_000 },
    outcome: { poll: { status: 'failed', error: { kind: 'provider', retryable: true, status: 502 } }, webhook: SUCCEEDED },
    submitted: 1,
  },
  { name: 'malformed JSON on the ack (the task was accepted)', before: [{ kind: 'malformedJson', times: 1 }], outcome: SUCCEEDED, submitted: 1 },
  { name: 'malformed JSON on polls, twice', after: [{ kind: 'malformedJson', times: 2 }], outcome: SUCCEEDED, submitted: 1 },
  {
    name: 'moderation',
    before: [{ kind: 'moderation' }],
    outcome: { status: 'failed', error: { kind: 'moderation', code: 'contentPolicyViolation', retryable: false } },
    submitted: 1,
  },
  {
    name: 'lost webhook',
    before: [{ kind: 'loseWebhook' }],
    outcome: SUCCEEDED,
    submitted: 1,
    check: async ({ path, task, before }) => {
      if (path !== 'webhook') return;
      // Recovered by the fallback poll: no webhook was sent for it.
      expect(webhooksFor(task.id)).toBe(0);
      expect(runware.stats.polls - before.polls).toBeGreaterThan(0);
    },
  },
  {
    name: 'duplicated webhook',
    before: [{ kind: 'duplicateWebhook' }],
    outcome: SUCCEEDED,
    submitted: 1,
    check: async ({ path, api, task, token, last }) => {
      if (path !== 'webhook') return;
      await vi.waitFor(() => expect(webhooksFor(task.id)).toBe(2), { timeout: 3_000 });
      const again = await api.get(task.id, token);
      expect(again.body.version).toBe(last.version);
      expect(again.body.results).toHaveLength(1);
    },
  },
  {
    name: 'expired URL',
    before: [{ kind: 'expireUrl' }],
    outcome: SUCCEEDED,
    submitted: 1,
    check: async ({ last }) => {
      const file = await fetch(last.results[0]!.videoURL);
      await file.body?.cancel();
      expect(file.status).toBe(410);
    },
  },
  { name: '429 queueFull on the submit, twice', before: [{ kind: 'rateLimit', times: 2 }], handler: { retry: { submitRetryDelayMs: 10 } }, outcome: SUCCEEDED, submitted: 1 },
  {
    name: '429 queueFull on every submit',
    before: [{ kind: 'rateLimit' }],
    handler: { retry: { submitRetries: 1 } },
    outcome: { status: 'failed', error: { kind: 'rate_limit', code: 'queueFull', retryable: true, status: 429 }, onCreate: true },
    submitted: 0,
  },
  {
    name: 'insufficient credits',
    before: [{ kind: 'insufficientCredits' }],
    outcome: { status: 'failed', error: { kind: 'credits', code: 'insufficientCredits', retryable: false, status: 402 }, onCreate: true },
    submitted: 0,
  },
];

let runware: LocalRunware;
/** Webhook POSTs the simulator made, per task: another case's late retries must not count here. */
const webhooks = new Map<string, number>();
const webhooksFor = (taskUUID: string) => webhooks.get(taskUUID) ?? 0;
const countingWebhooks: typeof fetch = async (input, init) => {
  if (init?.method === 'POST' && typeof init.body === 'string') {
    const taskUUID = /"taskUUID":"([^"]+)"/.exec(init.body)?.[1];
    if (taskUUID) webhooks.set(taskUUID, webhooksFor(taskUUID) + 1);
  }
  return fetch(input, init);
};
let runwareServer: LocalRunwareServer;
let redis: RedisServer | undefined;
let redisStore: TaskStore | undefined;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING, fetch: countingWebhooks });
  runwareServer = await runware.listen();
  if (redisBinary) {
    redis = await startRedisServer({ binary: redisBinary });
    redisStore = createRedisTaskStore({ url: redis.url, prefix: `faults-${randomUUID()}:`, logger: quietLogger() });
  }
});

afterEach(() => {
  // An unhandled rejection anywhere (handler, store, simulator) fails the case that caused it.
  expect(rejections).toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await redisStore?.close?.();
  await redis?.stop();
  await runware?.close();
});

interface Served {
  readonly api: Api;
  readonly handler: SeedanceHandler;
  close(): Promise<void>;
}

async function serveHandler(store: StoreKind, path: Path, extra: FaultCase['handler'] = {}): Promise<Served> {
  let handler: SeedanceHandler | undefined;
  const server: Listening = await listen(createServer(createSeedanceRequestListener((request) => handler!(request))));
  const publicUrl = `${server.url}/api/seedance`;
  handler = createSeedanceHandler({
    apiKey: FAKE_KEY,
    baseUrl: `${runwareServer.url}/v1`,
    secret: SECRET,
    store: store === 'redis' ? redisStore! : createMemoryTaskStore(),
    publicUrl,
    ...(path === 'webhook' && { webhook: { fallbackPollMs: extra.fallbackPollMs ?? WEBHOOK_FALLBACK_POLL_MS } }),
    polling: { ...FAST_POLLING, maxConsecutiveFailures: 4, ...extra.polling },
    retry: { ...FAST_RETRY, ...extra.retry },
    heartbeatMs: 1_000,
    ...(extra.taskTtlMs !== undefined && { taskTtlMs: extra.taskTtlMs }),
    policy: { rateLimit: null },
    logger: quietLogger(),
  });
  const made = handler;
  return {
    api: new Api(publicUrl),
    handler: made,
    async close() {
      await server.close();
      await made.close();
    },
  };
}

/** A result the simulator made, from its `getResponse` answer. */
interface MadeResult {
  readonly status: string;
  readonly cost?: number;
}

/**
 * Asks the simulator itself until it has nothing in progress for the task (or never had it),
 * and returns the results it made for it.
 */
async function settle(taskUUID: string, timeoutMs = 10_000): Promise<MadeResult[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const response = await runware.fetch(
      new Request(`${runwareServer.url}/v1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_KEY}`, 'content-type': 'application/json' },
        body: stringifyJson([{ taskType: 'getResponse', taskUUID }]),
      }),
    );
    const text = await response.text();
    if (response.status < 500 && !/"status":"processing"/.test(text) && text.startsWith('{') && text.endsWith('}')) {
      const { data = [] } = JSON.parse(text) as { data?: MadeResult[] };
      return data.filter((item) => item.status === 'success');
    }
    if (performance.now() > deadline) throw new Error(`The simulator did not settle task ${taskUUID}: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const STORES: readonly StoreKind[] = redisBinary ? ['memory', 'redis'] : ['memory'];
const PATHS: readonly Path[] = ['poll', 'webhook'];

describe.each(STORES)('%s store', (store) => {
  describe.each(PATHS)('%s delivery', (path) => {
    it.each(CASES)('$name', async (fault) => {
      const prompt = `${fault.name} (${store}, ${path}) ${randomUUID()}`;
      const match = (task: { positivePrompt?: string }) => task.positivePrompt === prompt;
      for (const spec of fault.before ?? []) runware.injectFault({ ...spec, match });
      const before = runware.stats;
      const served = await serveHandler(store, path, fault.handler);
      try {
        const deadlineMs = fault.deadlineMs ?? DEFAULT_DEADLINE_MS;
        const started = performance.now();
        const created = await served.api.create({ ...BASIC_INPUT, positivePrompt: prompt });
        expect(created.status).toBe(201);
        for (const spec of fault.after ?? []) runware.injectFault({ ...spec, match });
        const { task, token } = created.body;
        const expected: Outcome = 'status' in fault.outcome ? fault.outcome : fault.outcome[path];
        if (expected.status === 'failed' && expected.onCreate) expect(task.status).toBe('failed');
        else expect(task.status).not.toBe('failed');

        const stream = await served.api.events(task.id, token, { timeoutMs: deadlineMs });
        const elapsed = performance.now() - started;
        expect(stream.ended, 'the stream ended by itself').toBe(true);
        const last = stream.snapshots.at(-1)!;
        expect(last, 'a terminal snapshot').toBeDefined();
        expect(elapsed).toBeLessThan(deadlineMs);
        expect(last.status).toBe(expected.status);
        if (expected.status === 'failed') {
          expect(last.error).toMatchObject(expected.error);
          expect(last.error?.message).toEqual(expect.any(String));
          expect(last.results).toHaveLength(0);
        } else {
          expect(last.results).toHaveLength(1);
          expect(last.results[0]!.cost).toBeGreaterThan(0);
        }
        await fault.check?.({ path, api: served.api, task, token, last, before });
        expect(served.api.transcript.text).not.toContain(FAKE_KEY);

        const made = fault.leavesRunning ? [] : await settle(task.id);
        // One task at Runware at most, one video made at most, and charged only for it.
        expect(runware.stats.submitted - before.submitted).toBe(fault.submitted);
        expect(made.length).toBeLessThanOrEqual(1);
        const charged = made.reduce((sum, result) => sum + (result.cost ?? 0), 0);
        if (last.status === 'succeeded') expect(charged).toBeCloseTo(last.results[0]!.cost!, 9);
        else if (fault.submitted === 0) expect(charged).toBe(0);
        else expect(charged).toBeLessThanOrEqual(BASIC_COST + 1e-9);
      } finally {
        await served.close();
      }
    }, 30_000);
  });
});
