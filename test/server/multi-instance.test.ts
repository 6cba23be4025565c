import { randomUUID } from 'node:crypto';
import { createSeedanceClient, type TaskSnapshot } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/local-runware';
import { HEADERS } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, problemOf, SECRET, type Listening } from './support/harness.js';
import { createRunwareTap, freePort, pollingConflicts, startInstance, type InstanceConfig, type InstanceProcess, type RunwareTap } from './support/instance-process.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';

/**
 * Handler instances as real processes (test/server/support/instance-main.ts) sharing one real
 * redis-server and one local Runware, which runs here behind a tap that records every call and
 * which instance made it. Tasks take ~2 s at the simulator, so there is time to kill or restart
 * an instance in the middle of one.
 */
const redisBinary = redisServerOrWarn('Handler processes sharing one Redis (test/server/multi-instance.test.ts)');

const DAY_MS = 86_400_000;
const BUCKET_HEADER = 'x-test-bucket';
/** A task at the simulator: queued 100 ms, then at least 1.5 s of "rendering". */
const TIMING = { ackDelayMs: 0, queueMs: 100, progressIntervalMs: 0, minRenderMs: 1_500 } as const;
/** How long a dead instance's poll lease may hold a task up before another instance must have taken over. */
const TAKEOVER_MS = 15_000;
/** Per-request timeout the instances use towards Runware (a lease must outlive one such request). */
const REQUEST_TIMEOUT_MS = 2_000;

let redis: RedisServer;
let runware: LocalRunware;
let tap: RunwareTap;
let tapServer: Listening;
const instances: InstanceProcess[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

function config(name: string, prefix: string, extra: Partial<InstanceConfig> = {}): InstanceConfig {
  return {
    name,
    runwareUrl: `${tapServer.url}/v1`,
    apiKey: FAKE_KEY,
    secret: SECRET, // the same everywhere: a token from one instance opens the task on any other
    redisUrl: redis.url,
    redisPrefix: prefix,
    polling: FAST_POLLING,
    retry: { requestTimeoutMs: REQUEST_TIMEOUT_MS, submitRetries: 3, submitRetryDelayMs: 20 },
    heartbeatMs: 500,
    rateLimit: { max: 4, windowMs: DAY_MS },
    rateLimitHeader: BUCKET_HEADER,
    ...extra,
  };
}

async function start(cfg: InstanceConfig): Promise<InstanceProcess> {
  const instance = await startInstance(cfg);
  instances.push(instance);
  return instance;
}

/** A client of one instance, in its own rate-limit bucket. */
const api = (instance: InstanceProcess, bucket = randomUUID()) => new Api(instance.base, { [BUCKET_HEADER]: bucket });

/** Versions only grow, results are distinct videos, and a succeeded task has all of them. */
function expectWholeStory(snapshots: readonly TaskSnapshot[], numberResults = 1) {
  const versions = snapshots.map((s) => s.version);
  expect(versions).toEqual([...versions].sort((x, y) => x - y));
  expect(new Set(versions).size).toBe(versions.length);
  const last = snapshots.at(-1)!;
  expect(last.status).toBe('succeeded');
  expect(last.results).toHaveLength(numberResults);
  expect(new Set(last.results.map((r) => r.videoUUID)).size).toBe(numberResults);
}

/** Subscribes with the kit's own browser client (fetch transport) and resolves with the terminal snapshot. */
function followWithClient(base: string, id: string, token: string, timeoutMs: number) {
  const client = createSeedanceClient({ baseUrl: base, retry: { retries: 20, baseDelayMs: 50, maxDelayMs: 400 }, pollIntervalMs: 250 });
  const seen: TaskSnapshot[] = [];
  const done = new Promise<TaskSnapshot[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Task ${id} not finished after ${timeoutMs} ms; last seen ${JSON.stringify(seen.at(-1)?.status)}`));
    }, timeoutMs);
    const stop = client.subscribe(
      id,
      token,
      (snapshot) => {
        seen.push(snapshot);
        if (['succeeded', 'failed', 'cancelled', 'expired'].includes(snapshot.status)) {
          clearTimeout(timer);
          resolve(seen);
        }
      },
      { maxFailures: 50, onError: (error) => reject(error) },
    );
  });
  return { seen, done };
}

beforeAll(async () => {
  if (!redisBinary) return;
  process.on('unhandledRejection', onRejection);
  redis = await startRedisServer({ binary: redisBinary });
  tap = createRunwareTap();
  runware = createLocalRunware({ apiKey: FAKE_KEY, timing: TIMING, fetch: tap.outboundFetch });
  tapServer = await tap.listen(runware);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await Promise.all(instances.map((i) => i.stop()));
  await tapServer?.close();
  await runware?.close();
  await redis?.stop();
});

describe.skipIf(!redisBinary)('three handler processes, polling delivery', () => {
  let a: InstanceProcess;
  let b: InstanceProcess;
  let c: InstanceProcess;
  let prefix: string;

  beforeAll(async () => {
    prefix = `mi-poll-${randomUUID()}:`;
    [a, b, c] = await Promise.all([start(config('a', prefix)), start(config('b', prefix)), start(config('c', prefix))]);
  }, 60_000);

  afterAll(() => {
    // Across every task of this block: never two pollers at once, never a crash in an instance.
    expect(pollingConflicts(tap.calls)).toEqual([]);
    for (const instance of instances) expect(instance.unhandledRejections, instance.name).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('streams from one instance what another created, with one submit and one poller', async () => {
    const before = runware.stats.submitted;
    const bucket = randomUUID();
    const created = await api(a, bucket).create({ ...BASIC_INPUT, numberResults: 2 });
    expect(created.status).toBe(201);
    const { task, token } = created.body;
    const stream = await api(b, bucket).events(task.id, token, { timeoutMs: 20_000 });
    expect(stream.status).toBe(200);
    expectWholeStory(stream.snapshots, 2);
    // The third instance tells the same story.
    expect((await api(c, bucket).get(task.id, token)).body).toEqual(stream.snapshots.at(-1));
    expect(runware.stats.submitted).toBe(before + 1);
    expect(new Set(tap.pollsOf(task.id).map((p) => p.instance)).size).toBe(1);
  });

  it('finishes a task when the instance polling it is killed (SIGKILL) mid-task', async () => {
    const [x, y, z] = [await start(config('x', prefix)), b, c];
    const before = runware.stats.submitted;
    const bucket = randomUUID();
    const created = await api(x, bucket).create(BASIC_INPUT);
    const { task, token } = created.body;
    const firstPoll = await tap.nextCall((call) => call.kind === 'poll' && call.taskUUIDs.includes(task.id));
    expect(firstPoll.instance).toBe('x');
    // Another instance streams it (and tries to poll: the lease says x does).
    const stream = api(y, bucket).events(task.id, token, { timeoutMs: TAKEOVER_MS + 5_000 });
    await tap.nextCall((call) => call.kind === 'poll' && call.taskUUIDs.includes(task.id) && call.start > firstPoll.end);
    await x.kill();
    const killedAt = performance.now();
    expect((await api(z, bucket).get(task.id, token)).body.status).not.toBe('succeeded');

    const finished = await stream;
    expect(finished.snapshots.at(-1)?.status, 'the stream on a live instance ended with the result').toBe('succeeded');
    expectWholeStory(finished.snapshots);
    const after = tap.pollsOf(task.id).filter((p) => p.start > killedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((p) => p.instance !== 'x')).toBe(true);
    expect(runware.stats.submitted).toBe(before + 1);
  }, TAKEOVER_MS + 30_000);

  it('resumes a task on an instance restarted gracefully mid-task (its client reconnects)', async () => {
    const p = await start(config('p', prefix));
    const before = runware.stats.submitted;
    const created = await api(p).create(BASIC_INPUT);
    const { task, token } = created.body;
    const follow = followWithClient(p.base, task.id, token, 20_000);
    await tap.nextCall((call) => call.kind === 'poll' && call.taskUUIDs.includes(task.id) && call.instance === 'p');
    await p.stop();
    const restarted = await start(config('p-restarted', prefix, { port: p.port }));
    const seen = await follow.done;
    expectWholeStory(seen);
    expect(tap.pollsOf(task.id).at(-1)?.instance).toBe('p-restarted');
    expect(runware.stats.submitted).toBe(before + 1);
    expect(restarted.port).toBe(p.port);
  }, 40_000);

  it('resumes a task on an instance that crashed (SIGKILL) and came back mid-task', async () => {
    const q = await start(config('q', prefix));
    const before = runware.stats.submitted;
    const created = await api(q).create(BASIC_INPUT);
    const { task, token } = created.body;
    const follow = followWithClient(q.base, task.id, token, TAKEOVER_MS + 5_000);
    await tap.nextCall((call) => call.kind === 'poll' && call.taskUUIDs.includes(task.id) && call.instance === 'q');
    await q.kill();
    await start(config('q-restarted', prefix, { port: q.port }));
    const seen = await follow.done;
    expectWholeStory(seen);
    expect(tap.pollsOf(task.id).at(-1)?.instance).toBe('q-restarted');
    expect(runware.stats.submitted).toBe(before + 1);
  }, TAKEOVER_MS + 30_000);

  it('keeps one task per Idempotency-Key when the same key hits all three instances at once', async () => {
    const before = { ...runware.stats };
    const rounds = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const key = randomUUID();
        const bucket = randomUUID();
        return Promise.all([a, b, c].map((instance) => api(instance, bucket).create(BASIC_INPUT, { key })));
      }),
    );
    for (const answers of rounds) {
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.task.id)).size).toBe(1);
      for (const replay of answers.filter((r) => r.status === 200)) expect(replay.headers.get(HEADERS.idempotentReplay)).toBe('true');
    }
    expect(runware.stats.submitted).toBe(before.submitted + 5);
    const finished = await Promise.all(rounds.map((answers, i) => api([a, b, c][i % 3]!).finished(answers[0]!.body.task.id, answers[0]!.body.token)));
    for (const snapshot of finished) expect(snapshot.status).toBe('succeeded');
    // Charged once per key: five videos, each at the price one of them shows.
    const cost = finished[0]!.results[0]!.cost!;
    expect(runware.stats.rendered).toBe(before.rendered + 5);
    expect(runware.stats.charged).toBeCloseTo(before.charged + 5 * cost, 6);
  }, 30_000);

  it('holds the rate limit across instances under concurrent creates', async () => {
    const before = runware.stats.submitted;
    const bucket = randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => api([a, b, c][i % 3]!, bucket).create(BASIC_INPUT)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
    for (const refused of answers.filter((r) => r.status === 429)) {
      expect(problemOf(refused)).toMatchObject({ code: 'rate_limited', cap: 'rateLimit' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(runware.stats.submitted).toBe(before + 4);
  });
});

describe.skipIf(!redisBinary)('three handler processes, webhook delivery', () => {
  /** Fallback polls come this long apart: well after the simulator's webhook (~2 s). */
  const FALLBACK_POLL_MS = 5_000;
  let a: InstanceProcess;
  let b: InstanceProcess;
  let c: InstanceProcess;
  let extra: Partial<InstanceConfig>;
  let prefix: string;

  beforeAll(async () => {
    prefix = `mi-webhook-${randomUUID()}:`;
    // Runware posts every webhook to c, whoever submitted the task.
    const port = await freePort();
    extra = { webhookUrl: `http://127.0.0.1:${port}/api/seedance/webhooks/runware`, webhookFallbackPollMs: FALLBACK_POLL_MS };
    [a, b, c] = await Promise.all([start(config('wa', prefix, extra)), start(config('wb', prefix, extra)), start(config('wc', prefix, { ...extra, port }))]);
  }, 60_000);

  afterAll(() => {
    expect(pollingConflicts(tap.calls)).toEqual([]);
    for (const instance of [a, b, c]) expect(instance.unhandledRejections, instance.name).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('creates on one instance, streams from another, and the webhook lands on the third', async () => {
    const before = runware.stats.submitted;
    const bucket = randomUUID();
    const created = await api(a, bucket).create({ ...BASIC_INPUT, numberResults: 2 });
    const { task, token } = created.body;
    const stream = await api(b, bucket).events(task.id, token, { timeoutMs: 20_000 });
    expectWholeStory(stream.snapshots, 2);
    const hooks = tap.webhooks.filter((w) => w.taskUUID === task.id);
    expect(hooks).toHaveLength(2);
    // The stream can end before the simulator has read the webhook's answer.
    await vi.waitFor(() => expect(hooks.every((hook) => hook.status !== undefined)).toBe(true), { timeout: 5_000 });
    for (const hook of hooks) {
      expect(hook.url.startsWith(`${c.base}/webhooks/runware?`)).toBe(true);
      expect(hook).toMatchObject({ status: 200, applied: true });
    }
    // The results came by webhook, not by a poll.
    expect(tap.pollsOf(task.id)).toHaveLength(0);
    expect(runware.stats.submitted).toBe(before + 1);
  });

  it('a lost webhook is recovered by exactly one instance’s fallback poll', async () => {
    const prompt = `lost webhook ${randomUUID()}`;
    runware.injectFault({ kind: 'loseWebhook', match: (t) => t.positivePrompt === prompt });
    const bucket = randomUUID();
    const created = await api(a, bucket).create({ ...BASIC_INPUT, positivePrompt: prompt });
    const { task, token } = created.body;
    const streams = await Promise.all([b, c].map((instance) => api(instance, bucket).events(task.id, token, { timeoutMs: FALLBACK_POLL_MS * 3 })));
    for (const stream of streams) expectWholeStory(stream.snapshots);
    expect(tap.webhooks.filter((w) => w.taskUUID === task.id)).toHaveLength(0);
    const polls = tap.pollsOf(task.id);
    expect(polls.length).toBeGreaterThan(0);
    expect(new Set(polls.map((p) => p.instance)).size).toBe(1);
  }, 30_000);

  it('a duplicated webhook changes nothing on any instance', async () => {
    const prompt = `duplicate webhook ${randomUUID()}`;
    runware.injectFault({ kind: 'duplicateWebhook', match: (t) => t.positivePrompt === prompt });
    const bucket = randomUUID();
    const created = await api(b, bucket).create({ ...BASIC_INPUT, positivePrompt: prompt });
    const { task, token } = created.body;
    const stream = await api(a, bucket).events(task.id, token, { timeoutMs: 20_000 });
    expectWholeStory(stream.snapshots);
    // The copy goes out after the original was answered.
    await vi.waitFor(() => expect(tap.webhooks.filter((w) => w.taskUUID === task.id && w.status !== undefined)).toHaveLength(2), { timeout: 5_000 });
    expect(tap.webhooks.filter((w) => w.taskUUID === task.id).map((w) => w.applied)).toEqual([true, false]);
    const last = stream.snapshots.at(-1)!;
    for (const instance of [a, b, c]) {
      const read = await api(instance, bucket).get(task.id, token);
      expect(read.body.version).toBe(last.version);
      expect(read.body.results).toHaveLength(1);
    }
  });

  it('the creator dies right after the submit: the webhook still finishes the task for the others', async () => {
    const d = await start(config('wd', prefix, extra));
    const before = runware.stats.submitted;
    const bucket = randomUUID();
    const created = await api(d, bucket).create(BASIC_INPUT);
    const { task, token } = created.body;
    await d.kill();
    const stream = await api(b, bucket).events(task.id, token, { timeoutMs: 20_000 });
    expectWholeStory(stream.snapshots);
    expect(runware.stats.submitted).toBe(before + 1);
  });
});
