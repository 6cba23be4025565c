import { randomUUID } from 'node:crypto';
import { createLocalRunware, type LocalRunware, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import { createSeedanceHandler, HEADERS, type SeedanceHandler, type SeedancePolicy, type TaskStore } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, FAST_RETRY, FAST_TIMING, problemOf, quietLogger, SECRET, serve, type Listening } from './support/harness.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';

const redisBinary = redisServerOrWarn('Two handler instances on one Redis (test/server/redis-handler.test.ts)');

/** One server instance: its own handler, its own store connections, its own HTTP port. */
interface Instance {
  readonly handler: SeedanceHandler;
  readonly store: TaskStore;
  readonly http: Listening;
  /** A client whose rate-limit bucket is `bucket`, so tests do not share a window. */
  api(bucket: string): Api;
}

describe.skipIf(!redisBinary)('handlers on two instances sharing one Redis', () => {
  let redis: RedisServer;
  let runware: LocalRunware;
  let runwareServer: LocalRunwareServer;
  let a: Instance;
  let b: Instance;

  const start = async (prefix: string, policy: SeedancePolicy = {}): Promise<Instance> => {
    const store = createRedisTaskStore({ url: redis.url, prefix, logger: quietLogger() });
    const handler = createSeedanceHandler({
      apiKey: FAKE_KEY,
      baseUrl: `${runwareServer.url}/v1`,
      secret: SECRET, // shared, so a token from one instance works on the other
      store,
      polling: FAST_POLLING,
      retry: FAST_RETRY,
      heartbeatMs: 1_000,
      logger: quietLogger(),
      policy: { rateLimit: { max: 3, windowMs: 60_000 }, ...policy },
      rateLimitKey: (request) => request.headers.get('x-test-bucket') ?? 'default',
    });
    const http = await serve(handler);
    return { handler, store, http, api: (bucket) => new Api(`${http.url}/api/seedance`, { 'x-test-bucket': bucket }) };
  };

  beforeAll(async () => {
    redis = await startRedisServer({ binary: redisBinary });
    runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING });
    runwareServer = await runware.listen();
    const prefix = `handlers-${randomUUID()}:`;
    [a, b] = await Promise.all([start(prefix), start(prefix)]);
  });
  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance) continue;
      await instance.http.close();
      await instance.handler.close();
      await instance.store.close?.();
    }
    await runware?.close();
    await redis?.stop();
  });

  it('counts the site-wide hourly cap across instances and identities', async () => {
    const prefix = `site-cap-${randomUUID()}:`;
    const [c, d] = await Promise.all([start(prefix, { maxSiteHourlyCostUsd: 0.02 }), start(prefix, { maxSiteHourlyCostUsd: 0.02 })]);
    try {
      expect((await c.api('one').create(BASIC_INPUT)).status).toBe(201);
      expect((await d.api('two').create(BASIC_INPUT)).status).toBe(201);
      for (const [instance, bucket] of [[c, 'three'], [d, 'four']] as const) {
        const res = await instance.api(bucket).create(BASIC_INPUT);
        expect(res.status).toBe(429);
        expect(problemOf(res)).toMatchObject({ code: 'hourly_cost_exceeded', cap: 'maxSiteHourlyCostUsd' });
      }
    } finally {
      for (const instance of [c, d]) {
        await instance.http.close();
        await instance.handler.close();
        await instance.store.close?.();
      }
    }
  });

  it('streams a task created on one instance to the end from the other', async () => {
    const bucket = randomUUID();
    const before = runware.stats.submitted;
    const created = await a.api(bucket).create({ ...BASIC_INPUT, numberResults: 2 });
    expect(created.status).toBe(201);
    const { task, token } = created.body;
    const stream = await b.api(bucket).events(task.id, token);
    expect(stream.status).toBe(200);
    const versions = stream.snapshots.map((s) => s.version);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
    const last = stream.snapshots.at(-1)!;
    expect(last.status).toBe('succeeded');
    expect(last.results).toHaveLength(2);
    // Both instances tell the same story, and Runware got the task once.
    const fromA = await a.api(bucket).get(task.id, token);
    expect(fromA.body).toEqual(last);
    expect(runware.stats.submitted).toBe(before + 1);
  });

  it('replays an idempotent retry on the other instance, even when both arrive at once', async () => {
    const bucket = randomUUID();
    const before = runware.stats.submitted;
    const key = randomUUID();
    const first = await a.api(bucket).create(BASIC_INPUT, { key });
    const retry = await b.api(bucket).create(BASIC_INPUT, { key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get(HEADERS.idempotentReplay)).toBe('true');
    expect(retry.body.task.id).toBe(first.body.task.id);

    const raceKey = randomUUID();
    const raced = await Promise.all([a.api(`${bucket}-race`).create(BASIC_INPUT, { key: raceKey }), b.api(`${bucket}-race`).create(BASIC_INPUT, { key: raceKey })]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(raced[0].body.task.id).toBe(raced[1].body.task.id);
    expect(runware.stats.submitted).toBe(before + 2);
    // The loser of the race gave its rate-limit share back: two more creates still fit the window of 3.
    expect((await a.api(`${bucket}-race`).create(BASIC_INPUT)).status).toBe(201);
    expect((await b.api(`${bucket}-race`).create(BASIC_INPUT)).status).toBe(201);
    expect((await a.api(`${bucket}-race`).create(BASIC_INPUT)).status).toBe(429);
  });

  it('counts the rate limit across instances', async () => {
    const bucket = randomUUID();
    const statuses = [];
    for (const instance of [a, b, a]) statuses.push((await instance.api(bucket).create(BASIC_INPUT)).status);
    expect(statuses).toEqual([201, 201, 201]);
    const over = await b.api(bucket).create(BASIC_INPUT);
    expect(over.status).toBe(429);
    expect(problemOf(over)).toMatchObject({ code: 'rate_limited', cap: 'rateLimit' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('cancels on one instance what the other created and polls', async () => {
    const bucket = randomUUID();
    const created = await a.api(bucket).create({ ...BASIC_INPUT, duration: 12 });
    const { task, token } = created.body;
    const cancelled = await b.api(bucket).cancel(task.id, token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const fromA = await a.api(bucket).get(task.id, token);
    expect(fromA.body.status).toBe('cancelled');
    expect(fromA.body.version).toBe(cancelled.body.version);
    // A stream opened afterwards ends at once with the terminal snapshot.
    const stream = await a.api(bucket).events(task.id, token);
    expect(stream.snapshots.map((s) => s.status)).toEqual(['cancelled']);
  });
});
