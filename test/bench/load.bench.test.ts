import { randomUUID } from 'node:crypto';
import { createSeedanceClient, type TaskSnapshot } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/core/local-runware';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEY, SECRET, type Listening } from '../server/support/harness.js';
import {
  createRunwareTap,
  pollingConflicts,
  startInstance,
  type InstanceConfig,
  type InstanceProcess,
  type InstanceUsage,
  type RunwareTap,
} from '../server/support/instance-process.js';
import { findRedisServer, startRedisServer, type RedisServer } from '../server/support/redis-server.js';
import { saveTable } from './support/report.js';

/**
 * Load: TASKS generations at once, each followed by an SSE subscriber (the kit's browser client,
 * fetch transport), on one handler process with the memory store and on three processes sharing
 * Redis (created on one instance, streamed from the next). The local Runware runs here behind a
 * tap, so the time its answer carried a result is known. Figures: latencies (p50/p99), CPU and
 * memory of each instance before, after the load, and after every task expired, over two rounds:
 * the second must end where the first did (no growth).
 *
 * BENCH_LOAD_TASKS (200), BENCH_LOAD_FFMPEG (2), BENCH_LOAD_TASK_TTL_MS (60 s), BENCH_LOAD_ROUNDS (2).
 */
const TASKS = Number(process.env.BENCH_LOAD_TASKS ?? 200);
/** ffmpeg processes at once in the simulator (2 cores here: more does not go faster). */
const FFMPEG = Number(process.env.BENCH_LOAD_FFMPEG ?? 2);
/**
 * How long a task is kept after its last change. Above the longest quiet spell of a task
 * (queued at the simulator behind ~TASKS/FFMPEG renders, progress unchanged): a shorter TTL
 * forgets tasks that are still running (see test/server/faults-matrix.test.ts, "a stall longer
 * than taskTtlMs").
 */
const TASK_TTL_MS = Number(process.env.BENCH_LOAD_TASK_TTL_MS ?? 60_000);
/** Rounds of TASKS: the second shows whether the first left anything behind. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_LOAD_ROUNDS ?? 2));
const INPUT = { width: 864, height: 480, duration: 1.2 } as const;
const POLLING = { firstDelayMs: 100, incrementMs: 100, factor: 1.5, maxDelayMs: 1_000 } as const;

let runware: LocalRunware;
let tap: RunwareTap;
let tapServer: Listening;
let redis: RedisServer | undefined;
const started: InstanceProcess[] = [];

beforeAll(async () => {
  tap = createRunwareTap();
  runware = createLocalRunware({
    apiKey: FAKE_KEY,
    timing: { ackDelayMs: 0, queueMs: 50, progressIntervalMs: 0, minRenderMs: 100 },
    concurrency: FFMPEG,
    fetch: tap.outboundFetch,
  });
  tapServer = await tap.listen(runware);
  const binary = findRedisServer();
  if (binary) redis = await startRedisServer({ binary });
  else console.warn('load bench: no redis-server, the three-instance run is skipped');
});

afterAll(async () => {
  await Promise.all(started.map((i) => i.stop()));
  await tapServer?.close();
  await runware?.close();
  await redis?.stop();
});

function instanceConfig(name: string, extra: Partial<InstanceConfig>): InstanceConfig {
  return {
    name,
    runwareUrl: `${tapServer.url}/v1`,
    apiKey: FAKE_KEY,
    secret: SECRET,
    polling: POLLING,
    retry: { requestTimeoutMs: 10_000 },
    heartbeatMs: 5_000,
    taskTtlMs: TASK_TTL_MS,
    rateLimit: null,
    ...extra,
  };
}

interface TaskTiming {
  readonly created: number;
  readonly firstSnapshot: number;
  readonly done: number;
  /** Simulator answer that carried the result → the SSE snapshot with it. */
  readonly resultToSnapshot: number;
  readonly last: TaskSnapshot;
}

/** Creates one task on `creator` and follows it on `streamer` until it ends. */
async function generate(creator: InstanceProcess, streamer: InstanceProcess, index: number): Promise<TaskTiming> {
  const start = performance.now();
  const { task, token } = await createSeedanceClient({ baseUrl: creator.base }).createTask({ ...INPUT, positivePrompt: `Load task ${index}: a lantern drifting over a lake` });
  const created = performance.now() - start;
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    createSeedanceClient({ baseUrl: streamer.base, streamIdleTimeoutMs: 60_000 }).subscribe(
      task.id,
      token,
      (snapshot) => {
        const now = performance.now();
        first ??= now - start;
        if (!['succeeded', 'failed', 'cancelled', 'expired'].includes(snapshot.status)) return;
        const videoUUID = snapshot.results[0]?.videoUUID;
        const seen = videoUUID === undefined ? undefined : tap.resultSeenAt.get(videoUUID);
        resolve({ created, firstSnapshot: first, done: now - start, resultToSnapshot: seen === undefined ? Number.NaN : now - seen, last: snapshot });
      },
      { onError: reject },
    );
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const MB = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const signedMB = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1_048_576).toFixed(2)} MB`;
const msCell = (values: readonly number[]) => `${percentile(values, 50).toFixed(0)} / ${percentile(values, 99).toFixed(0)} ms`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** One way of running the handler: its instances, and its Redis prefix when it shares Redis. */
interface Deployment {
  readonly name: string;
  readonly instances: readonly InstanceProcess[];
  readonly prefix?: string;
  readonly baseline: InstanceUsage[];
  readonly rounds: Round[];
}

interface Round {
  readonly timings: TaskTiming[];
  readonly wallMs: number;
  readonly finishedAt: number;
  /** Per instance: after the load (SSE streams ended), and after every task of the round expired. */
  readonly loaded: InstanceUsage[];
  expired?: InstanceUsage[];
  readonly redisKeysLoaded?: number;
  redisKeysExpired?: number;
}

async function countKeys(prefix: string): Promise<number> {
  if (!redis) return 0;
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return (await client.keys(`${prefix}*`)).length;
  } finally {
    await client.close();
  }
}

const usageOf = (deployment: Deployment) => Promise.all(deployment.instances.map((i) => i.usage()));

/** TASKS generations at once, created round-robin and each streamed from the next instance. */
async function load(deployment: Deployment): Promise<Round> {
  const { instances } = deployment;
  const n = instances.length;
  const submitted = runware.stats.submitted;
  const t0 = performance.now();
  const timings = await Promise.all(Array.from({ length: TASKS }, (_, i) => generate(instances[i % n]!, instances[(i + 1) % n]!, i)));
  const finishedAt = performance.now();
  expect(timings.filter((t) => t.last.status === 'succeeded'), deployment.name).toHaveLength(TASKS);
  expect(new Set(timings.map((t) => t.last.results[0]?.videoUUID)).size).toBe(TASKS);
  expect(runware.stats.submitted - submitted).toBe(TASKS);
  const loaded = await usageOf(deployment);
  return { timings, wallMs: finishedAt - t0, finishedAt, loaded, ...(deployment.prefix !== undefined && { redisKeysLoaded: await countKeys(deployment.prefix) }) };
}

/** After the round's tasks expired: the memory store sweeps on writes, so one more task per instance (itself live) triggers it. */
async function afterExpiry(deployment: Deployment, round: Round): Promise<void> {
  await Promise.all(deployment.instances.map((instance) => generate(instance, instance, -100)));
  round.expired = await usageOf(deployment);
  if (deployment.prefix !== undefined) round.redisKeysExpired = await countKeys(deployment.prefix);
}

describe('load: concurrent generations with SSE subscribers', () => {
  it(`${TASKS} at once on one instance (memory store) and on three instances sharing Redis`, async () => {
    const prefix = `load-${randomUUID()}:`;
    const [single, ...trio] = await Promise.all([
      startInstance(instanceConfig('mem', { memorySweepIntervalMs: 1_000 })),
      ...(redis ? ['r1', 'r2', 'r3'].map((name) => startInstance(instanceConfig(name, { redisUrl: redis!.url, redisPrefix: prefix }))) : []),
    ]);
    started.push(single!, ...trio);
    const deployments: Deployment[] = [
      { name: '1 instance, memory', instances: [single!], baseline: [], rounds: [] },
      ...(trio.length > 0 ? [{ name: '3 instances, Redis', instances: trio, prefix, baseline: [], rounds: [] }] : []),
    ];

    for (const deployment of deployments) {
      // Warm up (lazy modules, JIT, Redis scripts) with one task per instance, end to end.
      const { instances } = deployment;
      await Promise.all(instances.map((instance, i) => generate(instance, instances[(i + 1) % instances.length]!, -1 - i)));
      deployment.baseline.push(...(await usageOf(deployment)));
    }
    // Loads one deployment at a time (clean latencies); the expiry waits overlap.
    for (let r = 0; r < ROUNDS; r++) {
      for (const deployment of deployments) deployment.rounds.push(await load(deployment));
      await sleep(Math.max(...deployments.map((d) => d.rounds[r]!.finishedAt)) + TASK_TTL_MS + 1_500 - performance.now());
      for (const deployment of deployments) await afterExpiry(deployment, deployment.rounds[r]!);
    }
    expect(pollingConflicts(tap.calls)).toEqual([]);
    for (const instance of started) expect(instance.unhandledRejections, instance.name).toEqual([]);

    await saveTable('load-latency', {
      order: 10,
      title: `Load: ${TASKS} generations at once, each with an SSE subscriber (1.2 s 864×480 videos, ${FFMPEG} ffmpeg at a time; p50 / p99)`,
      columns: ['run', 'round', 'done', 'wall', 'POST /tasks', 'create → 1st snapshot', 'result → SSE snapshot', 'create → done', 'instance CPU'],
      rows: deployments.flatMap((d) =>
        d.rounds.map((round, r) => {
          const before = r === 0 ? d.baseline : d.rounds[r - 1]!.expired!;
          const cpu = round.loaded.reduce((sum, u, i) => sum + (u.cpu.user + u.cpu.system - before[i]!.cpu.user - before[i]!.cpu.system), 0);
          return [
            d.name,
            String(r + 1),
            `${round.timings.filter((t) => t.last.status === 'succeeded').length}/${TASKS}`,
            `${(round.wallMs / 1000).toFixed(1)} s`,
            msCell(round.timings.map((t) => t.created)),
            msCell(round.timings.map((t) => t.firstSnapshot)),
            msCell(round.timings.map((t) => t.resultToSnapshot)),
            msCell(round.timings.map((t) => t.done)),
            `${(cpu / 1e6).toFixed(1)} s`,
          ];
        }),
      ),
      notes: [
        '"result → SSE snapshot": from the simulator answer that first carried the video to the subscriber receiving the snapshot with it',
        '(poll answer read, store write, Redis pub/sub to the streaming instance, SSE write, client parse). With Redis each task is',
        'streamed from another instance than the one that created it. "instance CPU": user + system time of the handler processes in the',
        'round (the simulator, ffmpeg and the 2×TASKS clients run in the bench process on the same 2 cores).',
      ],
    });
    await saveTable('load-memory', {
      order: 11,
      title: `Load: memory per instance (after 2 full GCs) through ${ROUNDS} rounds of ${TASKS} tasks; "expired" = every task of the round gone (taskTtlMs ${TASK_TTL_MS / 1000} s)`,
      columns: ['run', 'instance', 'RSS start', 'RSS loaded', 'RSS expired', 'heap start', 'heap loaded', ...Array.from({ length: ROUNDS }, (_, r) => `heap expired #${r + 1}`), 'growth/round', 'Redis keys'],
      rows: deployments.flatMap((d) =>
        d.instances.map((instance, i) => {
          const expired = d.rounds.map((round) => round.expired![i]!.memory.heapUsed);
          const growth = ROUNDS > 1 ? (expired.at(-1)! - expired[0]!) / (ROUNDS - 1) : expired[0]! - d.baseline[i]!.memory.heapUsed;
          return [
            d.name,
            instance.name,
            MB(d.baseline[i]!.memory.rss),
            MB(d.rounds[0]!.loaded[i]!.memory.rss),
            MB(d.rounds.at(-1)!.expired![i]!.memory.rss),
            MB(d.baseline[i]!.memory.heapUsed),
            MB(d.rounds[0]!.loaded[i]!.memory.heapUsed),
            ...expired.map(MB),
            signedMB(growth),
            d.prefix === undefined ? '–' : d.rounds.map((round) => `${round.redisKeysLoaded} → ${round.redisKeysExpired}`).join(', '),
          ];
        }),
      ),
      notes: [
        '"growth/round": heap after the last round expired minus after the first, per round (with one round: minus the start). The first',
        'load also warms code paths up (optimized code counts in the heap); later rounds show whether tasks leave anything behind.',
        '"Redis keys": keys under the run’s prefix after the load → after expiry (what remains is the live task that triggered the sweep).',
      ],
    });

    for (const d of deployments) {
      for (const [i, instance] of d.instances.entries()) {
        const expired = d.rounds.map((round) => round.expired![i]!.memory.heapUsed);
        const loadedGrowth = d.rounds[0]!.loaded[i]!.memory.heapUsed - d.baseline[i]!.memory.heapUsed;
        // No growth once the tasks are gone: later rounds end where the first ended (GC noise aside).
        if (ROUNDS > 1) expect(expired.at(-1)! - expired[0]!, `${d.name} ${instance.name}`).toBeLessThan(Math.max(1_000_000, 0.25 * loadedGrowth));
      }
      for (const round of d.rounds) if (round.redisKeysExpired !== undefined) expect(round.redisKeysExpired).toBeLessThanOrEqual(2 * d.instances.length);
    }
  }, 1_800_000);
});
