import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskSnapshot } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/local-runware';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, SECRET, type Listening } from './support/harness.js';
import { createRunwareTap, freePort, startInstance, type InstanceConfig, type InstanceProcess, type RunwareTap } from './support/instance-process.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';

/**
 * `keepResult` on handler processes sharing one real redis-server: each finished video is kept
 * by exactly one of them, whichever instance got the result first (a webhook, its duplicate or
 * a fallback poll), and a video whose keeping instance was killed is kept by another one.
 */
const redisBinary = redisServerOrWarn('keepResult across handler processes sharing one Redis (test/server/multi-instance-keep.test.ts)');

const TIMING = { ackDelayMs: 0, queueMs: 100, progressIntervalMs: 0, minRenderMs: 800 } as const;
/** The keep timeout the instances use: a claim is taken over this + 5 s margin after its holder died. */
const KEEP_TIMEOUT_MS = 1_000;

let redis: RedisServer;
let runware: LocalRunware;
let tap: RunwareTap;
let tapServer: Listening;
let dir: string;
let log: string;
const instances: InstanceProcess[] = [];

function config(name: string, prefix: string, extra: Partial<InstanceConfig> = {}): InstanceConfig {
  return {
    name,
    runwareUrl: `${tapServer.url}/v1`,
    apiKey: FAKE_KEY,
    secret: SECRET,
    redisUrl: redis.url,
    redisPrefix: prefix,
    polling: FAST_POLLING,
    retry: { requestTimeoutMs: 2_000, submitRetries: 3, submitRetryDelayMs: 20 },
    heartbeatMs: 500,
    keep: { dir, log, timeoutMs: KEEP_TIMEOUT_MS },
    ...extra,
  };
}

async function start(cfg: InstanceConfig): Promise<InstanceProcess> {
  const instance = await startInstance(cfg);
  instances.push(instance);
  return instance;
}

interface LogLine {
  readonly what: 'call' | 'kept';
  readonly instance: string;
  readonly videoUUID: string;
  readonly attempt: number;
}

async function keepLog(): Promise<LogLine[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [what, instance, videoUUID, attempt] = line.split(' ');
      return { what: what as LogLine['what'], instance: instance!, videoUUID: videoUUID!, attempt: Number(attempt) };
    });
}

/** Reads the task from `instance` until every result is served from /videos/. */
async function untilKept(instance: InstanceProcess, id: string, token: string, timeoutMs: number): Promise<TaskSnapshot> {
  const api = new Api(instance.base);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.get(id, token);
    if (body.status === 'succeeded' && body.results.every((r) => r.videoURL.startsWith('/videos/'))) return body;
    if (Date.now() > deadline) throw new Error(`Task ${id} not kept after ${timeoutMs} ms: ${JSON.stringify(body)}\n${(await keepLog()).map((l) => JSON.stringify(l)).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!redisBinary) return;
  dir = await mkdtemp(join(tmpdir(), 'seedance-mi-keep-'));
  log = join(dir, 'calls.log');
  await writeFile(log, '');
  redis = await startRedisServer({ binary: redisBinary });
  tap = createRunwareTap();
  runware = createLocalRunware({ apiKey: FAKE_KEY, timing: TIMING, fetch: tap.outboundFetch });
  tapServer = await tap.listen(runware);
});

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await tapServer?.close();
  await runware?.close();
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!redisBinary)('keepResult on three handler processes sharing Redis', () => {
  it('keeps every video exactly once, with duplicated webhooks to one instance and fallback polls on the others', async () => {
    const prefix = `mi-keep-${randomUUID()}:`;
    const port = await freePort();
    // Every webhook goes to c, twice; the creators poll as a safety net every 200 ms.
    const extra = { webhookUrl: `http://127.0.0.1:${port}/api/seedance/webhooks/runware`, webhookFallbackPollMs: 200 };
    const [a, b, c] = await Promise.all([start(config('ka', prefix, extra)), start(config('kb', prefix, extra)), start(config('kc', prefix, { ...extra, port }))]);
    const prompt = `kept once ${randomUUID()}`;
    runware.injectFault({ kind: 'duplicateWebhook', match: (t) => t.positivePrompt === prompt });

    const creators = [a, b, c];
    const created = await Promise.all(creators.map((instance) => new Api(instance.base).create({ ...BASIC_INPUT, positivePrompt: prompt, numberResults: 2 })));
    for (const answer of created) expect(answer.status).toBe(201);
    // Each task read from an instance other than its creator.
    const done = await Promise.all(created.map((answer, i) => untilKept(creators[(i + 1) % 3]!, answer.body.task.id, answer.body.token, 30_000)));
    // Late duplicates and fallback polls have had their chance.
    await new Promise((r) => setTimeout(r, 1_000));

    const videos = done.flatMap((snapshot) => snapshot.results.map((r) => r.videoUUID));
    expect(new Set(videos).size).toBe(6);
    const lines = await keepLog();
    const calls = lines.filter((l) => l.what === 'call' && videos.includes(l.videoUUID));
    expect(calls.map((l) => l.videoUUID).sort()).toEqual([...videos].sort());
    expect(calls.every((l) => l.attempt === 1)).toBe(true);
    expect(tap.webhooks.filter((w) => done.some((s) => s.id === w.taskUUID))).toHaveLength(12);
    const files = await readdir(dir);
    for (const videoUUID of videos) expect(files).toContain(`${videoUUID}.mp4`);

    // Every instance serves the same kept URLs, and the file itself.
    for (const [i, snapshot] of done.entries()) {
      for (const instance of creators) {
        const read = await new Api(instance.base).get(snapshot.id, created[i]!.body.token);
        expect(read.body.results.map((r) => r.videoURL)).toEqual(snapshot.results.map((r) => r.videoURL));
      }
    }
    const file = await fetch(`${b.origin}${done[0]!.results[0]!.videoURL}`);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
  }, 60_000);

  it('a video whose keeping instance was killed mid-call is kept by another instance, once', async () => {
    const prefix = `mi-keep-crash-${randomUUID()}:`;
    // k polls its own task, so k gets the result and the claim; its keep is held up long enough to kill it.
    const [k, survivor] = await Promise.all([start(config('kk', prefix, { keep: { dir, log, timeoutMs: KEEP_TIMEOUT_MS, delayMs: 30_000 } })), start(config('ks', prefix))]);
    const answer = await new Api(k.base).create(BASIC_INPUT);
    const { id } = answer.body.task;
    const token = answer.body.token;
    const deadline = Date.now() + 20_000;
    let call: LogLine | undefined;
    while (!(call = (await keepLog()).find((l) => l.what === 'call' && l.instance === 'kk'))) {
      if (Date.now() > deadline) throw new Error('k never started keeping');
      await new Promise((r) => setTimeout(r, 50));
    }
    await k.kill();
    const killedAt = Date.now();

    const done = await untilKept(survivor, id, token, 20_000);
    const tookOverAfterMs = Date.now() - killedAt;
    expect(done.results[0]!.videoURL).toBe(`/videos/${call.videoUUID}.mp4`);
    const lines = (await keepLog()).filter((l) => l.videoUUID === call.videoUUID);
    // k's call never finished; the survivor's is the second call and the one kept.
    expect(lines).toEqual([
      { what: 'call', instance: 'kk', videoUUID: call.videoUUID, attempt: 1 },
      { what: 'call', instance: 'ks', videoUUID: call.videoUUID, attempt: 2 },
      { what: 'kept', instance: 'ks', videoUUID: call.videoUUID, attempt: 2 },
    ]);
    // Not while the claim could still be a live one (timeout + 5 s margin, less the moment k held it before the kill), and soon after.
    expect(tookOverAfterMs).toBeGreaterThan(KEEP_TIMEOUT_MS + 5_000 - 1_000);
    expect(tookOverAfterMs).toBeLessThan(KEEP_TIMEOUT_MS + 5_000 + 5_000);
  }, 60_000);
});
