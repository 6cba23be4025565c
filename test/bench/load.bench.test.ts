import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeedanceClient, type TaskSnapshot } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/local-runware';
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
 * BENCH_LOAD_TASKS (200), BENCH_LOAD_FFMPEG (2), BENCH_LOAD_TASK_TTL_MS (10 s), BENCH_LOAD_ROUNDS (2).
 */
const TASKS = Number(process.env.BENCH_LOAD_TASKS ?? 200);
/** ffmpeg processes at once in the simulator (2 cores here: more does not go faster). */
const FFMPEG = Number(process.env.BENCH_LOAD_FFMPEG ?? 2);
/**
 * How long a finished task is kept after its last change (a task still running is kept until its
 * polling deadline whatever this says), so a round's tasks are all gone this long after it ends.
 */
const TASK_TTL_MS = Number(process.env.BENCH_LOAD_TASK_TTL_MS ?? 10_000);
/** Rounds of TASKS: the second shows whether the first left anything behind. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_LOAD_ROUNDS ?? 2));
const INPUT = { width: 864, height: 480, duration: 1.2 } as const;
const POLLING = { firstDelayMs: 100, secondDelayMs: 100, factor: 1.5, maxDelayMs: 1_000 } as const;

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
/** Every prompt names its task, so a heap snapshot shows whether anything of it is still held. */
const prompt = (label: string) => `Load task ${label}: a lantern drifting over a lake`;
const PROMPT_IN_HEAP = /Load task (r\d+-\d+):/g;

async function generate(creator: InstanceProcess, streamer: InstanceProcess, label: string): Promise<TaskTiming> {
  const start = performance.now();
  const { task, token } = await createSeedanceClient({ baseUrl: creator.base }).createTask({ ...INPUT, positivePrompt: prompt(label) });
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
  /** Per instance: load tasks (any round) whose prompt is still in the heap after expiry. */
  retainedTasks?: number[];
  readonly redisKeysLoaded?: number;
  redisKeysExpired?: number;
  /** Redis commands run during the load (every instance), when the deployment shares Redis. */
  readonly redisCommands?: number;
}

async function withRedis<T>(use: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const client = createClient({ url: redis!.url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

const countKeys = (prefix: string) => withRedis(async (client) => (await client.keys(`${prefix}*`)).length);

/** Commands the Redis server has run so far (INFO stats). */
const redisCommands = () =>
  withRedis(async (client) => Number(/total_commands_processed:(\d+)/.exec(await client.info('stats'))?.[1] ?? Number.NaN));

const usageOf = (deployment: Deployment) => Promise.all(deployment.instances.map((i) => i.usage()));

/** Distinct load-task prompts in a heap snapshot of the instance: what it still holds of expired tasks. */
async function retainedTasks(instance: InstanceProcess): Promise<number> {
  const path = join(tmpdir(), `seedance-load-${instance.pid}-${randomUUID()}.heapsnapshot`);
  try {
    await instance.heapSnapshot(path);
    return new Set([...(await readFile(path, 'utf8')).matchAll(PROMPT_IN_HEAP)].map((m) => m[1])).size;
  } finally {
    await rm(path, { force: true });
  }
}

/** TASKS generations at once, created round-robin and each streamed from the next instance. */
async function load(deployment: Deployment, round: number): Promise<Round> {
  const { instances } = deployment;
  const n = instances.length;
  const submitted = runware.stats.submitted;
  const commands = deployment.prefix === undefined ? undefined : await redisCommands();
  const t0 = performance.now();
  const timings = await Promise.all(Array.from({ length: TASKS }, (_, i) => generate(instances[i % n]!, instances[(i + 1) % n]!, `r${round}-${i}`)));
  const finishedAt = performance.now();
  expect(timings.filter((t) => t.last.status === 'succeeded'), deployment.name).toHaveLength(TASKS);
  expect(new Set(timings.map((t) => t.last.results[0]?.videoUUID)).size).toBe(TASKS);
  expect(runware.stats.submitted - submitted).toBe(TASKS);
  const ran = commands === undefined ? undefined : (await redisCommands()) - commands;
  const loaded = await usageOf(deployment);
  return {
    timings,
    wallMs: finishedAt - t0,
    finishedAt,
    loaded,
    ...(deployment.prefix !== undefined && { redisKeysLoaded: await countKeys(deployment.prefix) }),
    ...(ran !== undefined && { redisCommands: ran }),
  };
}

/** After the round's tasks expired: the memory store sweeps on writes, so one more task per instance (itself live) triggers it. */
async function afterExpiry(deployment: Deployment, round: Round): Promise<void> {
  await Promise.all(deployment.instances.map((instance) => generate(instance, instance, 'sweep')));
  round.expired = await usageOf(deployment);
  round.retainedTasks = await Promise.all(deployment.instances.map(retainedTasks));
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
      await Promise.all(instances.map((instance, i) => generate(instance, instances[(i + 1) % instances.length]!, `warm-up ${i}`)));
      deployment.baseline.push(...(await usageOf(deployment)));
    }
    // Loads one deployment at a time (clean latencies); the expiry waits overlap.
    for (let r = 0; r < ROUNDS; r++) {
      for (const deployment of deployments) deployment.rounds.push(await load(deployment, r + 1));
      await sleep(Math.max(...deployments.map((d) => d.rounds[r]!.finishedAt)) + TASK_TTL_MS + 1_500 - performance.now());
      for (const deployment of deployments) await afterExpiry(deployment, deployment.rounds[r]!);
    }
    expect(pollingConflicts(tap.calls)).toEqual([]);
    for (const instance of started) expect(instance.unhandledRejections, instance.name).toEqual([]);

    await saveTable('load-latency', {
      order: 10,
      title: `Load: ${TASKS} generations at once, each with an SSE subscriber (1.2 s 864×480 videos, ${FFMPEG} ffmpeg at a time; p50 / p99)`,
      columns: ['run', 'round', 'done', 'wall', 'POST /tasks', 'create → 1st snapshot', 'result → SSE snapshot', 'create → done', 'instance CPU', 'Redis cmds/task'],
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
            round.redisCommands === undefined ? '–' : (round.redisCommands / TASKS).toFixed(0),
          ];
        }),
      ),
      notes: [
        '"result → SSE snapshot": from the simulator answer that first carried the video to the subscriber receiving the snapshot with it',
        '(poll answer read, store write, Redis pub/sub to the streaming instance, SSE write, client parse). With Redis each task is',
        'streamed from another instance than the one that created it. "instance CPU": user + system time of the handler processes in the',
        'round (the simulator, ffmpeg and the 2×TASKS clients run in the bench process on the same 2 cores). "Redis cmds/task": every',
        'command the instances sent during the round, per task (polls, lease renewals, standby checks, pub/sub).',
      ],
    });
    await saveTable('load-memory', {
      order: 11,
      title: `Load: memory per instance (after 2 full GCs) through ${ROUNDS} rounds of ${TASKS} tasks; "expired" = every task of the round gone (taskTtlMs ${TASK_TTL_MS / 1000} s)`,
      columns: ['run', 'instance', 'RSS start', 'RSS loaded', 'RSS expired', 'heap start', 'heap loaded', ...Array.from({ length: ROUNDS }, (_, r) => `heap expired #${r + 1}`), 'growth/round', 'tasks in heap', 'Redis keys'],
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
            d.rounds.map((round) => String(round.retainedTasks![i])).join(', '),
            d.prefix === undefined ? '–' : d.rounds.map((round) => `${round.redisKeysLoaded} → ${round.redisKeysExpired}`).join(', '),
          ];
        }),
      ),
      notes: [
        '"growth/round": heap after the last round expired minus after the first, per round (with one round: minus the start). The first',
        'load also warms code paths up (optimized code counts in the heap); later rounds show whether tasks leave anything behind.',
        '"tasks in heap": load tasks whose prompt a heap snapshot of the instance still holds after each round expired (0 = nothing kept).',
        '"Redis keys": keys under the run’s prefix after the load → after expiry (what remains is the live task that triggered the sweep).',
      ],
    });

    for (const d of deployments) {
      for (const [i, instance] of d.instances.entries()) {
        const expired = d.rounds.map((round) => round.expired![i]!.memory.heapUsed);
        const loadedGrowth = d.rounds[0]!.loaded[i]!.memory.heapUsed - d.baseline[i]!.memory.heapUsed;
        // No growth once the tasks are gone: nothing of them is held, and the heap ends each round
        // about where the first ended (a kept record alone would be ~2 KB per task).
        for (const round of d.rounds) expect(round.retainedTasks![i], `${d.name} ${instance.name}: tasks still in the heap`).toBe(0);
        if (ROUNDS > 1) expect((expired.at(-1)! - expired[0]!) / (ROUNDS - 1), `${d.name} ${instance.name}`).toBeLessThan(Math.max(1_000_000, 0.25 * loadedGrowth));
      }
      for (const round of d.rounds) if (round.redisKeysExpired !== undefined) expect(round.redisKeysExpired).toBeLessThanOrEqual(2 * d.instances.length);
    }
  }, 1_800_000);
});
