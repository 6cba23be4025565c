import { randomUUID } from 'node:crypto';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import { createSeedanceHandler, TaskStoreUnavailableError, type TaskRecord, type TaskStore } from '@seedance-kit/core/server';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from './support/harness.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';
import { INT64_SEEDS, taskRecord } from './task-store-contract.js';

const redisBinary = redisServerOrWarn('Redis task store (test/server/redis-task-store.test.ts)');

type Client = ReturnType<typeof createClient>;

/** Polls until `check` holds: for things Redis does on its own clock (connections closing). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with the first record a subscription delivers that passes `accept`. */
function nextRecord(store: TaskStore, id: string, accept: (r: TaskRecord) => boolean = () => true) {
  let unsubscribe: () => void = () => undefined;
  const seen = new Promise<TaskRecord>((resolve) => {
    void store
      .subscribe(id, (record) => {
        if (accept(record)) resolve(record);
      })
      .then((u) => (unsubscribe = u));
  });
  return { seen, stop: () => unsubscribe() };
}

describe.skipIf(!redisBinary)('createRedisTaskStore', () => {
  let server: RedisServer;
  let admin: Client;
  const opened: TaskStore[] = [];
  const open = (options: Partial<Parameters<typeof createRedisTaskStore>[0]> = {}) => {
    const store = createRedisTaskStore({ url: server.url, prefix: `t-${randomUUID()}:`, commandTimeoutMs: 5_000, ...options } as Parameters<typeof createRedisTaskStore>[0]);
    opened.push(store);
    return store;
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    server = await startRedisServer({ binary: redisBinary });
    admin = createClient({ url: server.url });
    await admin.connect();
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close?.()));
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await admin?.close();
    await server?.stop();
  });

  it('needs exactly one of a client or a URL, and sane numbers', () => {
    expect(() => createRedisTaskStore({})).toThrow(TypeError);
    expect(() => createRedisTaskStore({ url: 'redis://127.0.0.1:1', redis: admin })).toThrow(/exactly one/);
    expect(() => createRedisTaskStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
    expect(() => createRedisTaskStore({ url: 'redis://127.0.0.1:1', recordTtlMs: Number.NaN })).toThrow(/recordTtlMs/);
  });

  it('keeps every key under its prefix, each with an expiry', async () => {
    const prefix = `layout-${randomUUID()}:`;
    const store = open({ prefix });
    const record = taskRecord({ idempotencyKey: 'user:7 key-0001', expiresAt: Date.now() + 120_000 });
    await store.create(record);
    await store.increment('rate:user:7:1', 1, 60_000);
    await store.acquireLease(`poll:${record.id}`, 'instance-a', 30_000);
    const keys = (await admin.keys(`${prefix}*`)).sort();
    expect(keys).toEqual(
      [`${prefix}counter:rate:user:7:1`, `${prefix}idempotency:user:7 key-0001`, `${prefix}lease:poll:${record.id}`, `${prefix}task:${record.id}`].sort(),
    );
    const ttl = async (key: string) => Number(await admin.pTTL(`${prefix}${key}`));
    expect(await ttl(`task:${record.id}`)).toBeGreaterThan(115_000);
    expect(await ttl(`task:${record.id}`)).toBeLessThanOrEqual(120_000);
    expect(await ttl('idempotency:user:7 key-0001')).toBeGreaterThan(115_000);
    expect(await ttl('counter:rate:user:7:1')).toBeGreaterThan(55_000);
    expect(await ttl(`lease:poll:${record.id}`)).toBeGreaterThan(25_000);
    // Nothing under another prefix saw it.
    expect(await open().get(record.id)).toBeUndefined();
  });

  it('caps how long Redis keeps a record with recordTtlMs', async () => {
    const prefix = `cap-${randomUUID()}:`;
    const store = open({ prefix, recordTtlMs: 5_000 });
    const record = taskRecord({ expiresAt: Date.now() + 24 * 3_600_000 });
    await store.create(record);
    const ttl = Number(await admin.pTTL(`${prefix}task:${record.id}`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('reads expiry against the clock it is given', async () => {
    let now = Date.now();
    const store = open({ now: () => now });
    const record = taskRecord({ expiresAt: now + 60_000 });
    await store.create(record);
    expect(await store.get(record.id)).toBeDefined();
    now += 60_000;
    expect(await store.get(record.id)).toBeUndefined();
    expect(await store.update(record.id, (r) => r)).toBeUndefined();
  });

  it('frees an idempotency key by that clock too, before Redis has dropped it', async () => {
    let now = Date.now();
    const store = open({ now: () => now });
    const key = `anonymous ${randomUUID()}`;
    const first = taskRecord({ idempotencyKey: key, expiresAt: now + 60_000 });
    await store.create(first);
    const updated = await store.update(first.id, (r) => ({ ...r, expiresAt: now + 120_000 }));
    expect(updated?.version).toBe(2);
    now += 60_000;
    // Still bound: the update moved the expiry on.
    expect(await store.create(taskRecord({ idempotencyKey: key, expiresAt: now + 60_000 }))).toMatchObject({ created: false, record: { id: first.id } });
    now += 60_000;
    expect(await store.findByIdempotencyKey(key)).toBeUndefined();
    const again = taskRecord({ idempotencyKey: key, expiresAt: now + 60_000 });
    expect(await store.create(again)).toMatchObject({ created: true, record: { id: again.id } });
    expect((await store.findByIdempotencyKey(key))?.id).toBe(again.id);
  });

  it('publishes a large frame image once, not with every update', async () => {
    const prefix = `big-${randomUUID()}:`;
    const [writer, reader] = [open({ prefix }), open({ prefix })];
    const image = `data:image/png;base64,${'A'.repeat(2_000_000)}`;
    const record = taskRecord({ input: { positivePrompt: 'A big picture', frameImage: image, seed: INT64_SEEDS[0] } });
    await writer.create(record);

    const raw = admin.duplicate();
    await raw.connect();
    const sizes: number[] = [];
    await raw.subscribe(`${prefix}task-events:${record.id}`, (message) => sizes.push(message.length));

    const first = nextRecord(reader, record.id, (r) => r.version === 2);
    await writer.update(record.id, (r) => ({ ...r, estimatedCostUsd: 1 }));
    const seen = await first.seen;
    expect(seen.input.frameImage).toBe(image);
    expect(seen.input.seed).toBe(INT64_SEEDS[0]);
    first.stop();

    // A changed input travels once, and later updates go back to the small message.
    const smaller = `data:image/png;base64,${'B'.repeat(1_000)}`;
    const after = nextRecord(reader, record.id, (r) => r.version === 4);
    await writer.update(record.id, (r) => ({ ...r, input: { ...r.input, frameImage: smaller } }));
    await writer.update(record.id, (r) => ({ ...r, estimatedCostUsd: 2 }));
    expect((await after.seen).input.frameImage).toBe(smaller);
    expect((await reader.get(record.id))?.input.frameImage).toBe(smaller);
    after.stop();

    await eventually(async () => sizes.length === 3);
    await raw.close();
    expect(sizes[0]).toBeLessThan(2_000);
    expect(sizes[1]).toBeGreaterThan(1_000);
    expect(sizes[2]).toBeLessThan(2_000);
  }, 20_000); // 2 MB through Redis several times: seconds on a loaded 2-core machine.

  it('pulls a large input out of Redis once per instance, and again only after it changed', async () => {
    const prefix = `reads-${randomUUID()}:`;
    const [writer, reader] = [open({ prefix }), open({ prefix })];
    const image = `data:image/png;base64,${'A'.repeat(2_000_000)}`;
    const record = taskRecord({ input: { positivePrompt: 'A big picture', frameImage: image } });
    await writer.create(record);
    const bytesSent = async () => Number(/total_net_output_bytes:(\d+)/.exec(await admin.info('stats'))?.[1]);
    const before = await bytesSent();
    for (let i = 0; i < 10; i++) expect((await reader.get(record.id))?.input.frameImage).toBe(image);
    for (let i = 0; i < 5; i++) await reader.update(record.id, (r) => ({ ...r, estimatedCostUsd: r.estimatedCostUsd + 1 }));
    for (let i = 0; i < 5; i++) expect((await writer.get(record.id))?.input.frameImage).toBe(image);
    // Twenty reads and five updates of a 2 MB input: the reader fetched it once, the writer never.
    expect((await bytesSent()) - before).toBeLessThan(2_500_000);

    const smaller = `data:image/png;base64,${'B'.repeat(1_000)}`;
    await writer.update(record.id, (r) => ({ ...r, input: { ...r.input, frameImage: smaller } }));
    expect((await reader.get(record.id))?.input.frameImage).toBe(smaller);
    expect(await reader.get(record.id)).toEqual(await writer.get(record.id));
  });

  it('works with a RESP3 client it was given, and leaves that client open on close', async () => {
    const client = createClient({ url: server.url, RESP: 3 });
    await client.connect();
    const store = createRedisTaskStore({ redis: client, prefix: `resp3-${randomUUID()}:` });
    const record = taskRecord({ idempotencyKey: 'k-resp3-0001' });
    expect((await store.create(record)).created).toBe(true);
    expect((await store.create(taskRecord({ idempotencyKey: 'k-resp3-0001' }))).record.id).toBe(record.id);
    expect(await store.get(randomUUID())).toBeUndefined();
    expect((await store.update(record.id, (r) => ({ ...r, estimatedCostUsd: 3 })))?.version).toBe(2);
    expect(await store.increment('c', 2, 1_000)).toBe(2);
    expect(await store.acquireLease('l', 'a', 1_000)).toBe(true);
    expect(await store.acquireLease('l', 'b', 1_000)).toBe(false);
    await store.close?.();
    expect(client.isOpen).toBe(true);
    expect(await client.ping()).toBe('PONG');
    await client.close();
  });

  it('connects a client it was given that was not connected yet', async () => {
    const client = createClient({ url: server.url });
    const store = createRedisTaskStore({ redis: client, prefix: `lazy-${randomUUID()}:` });
    const record = taskRecord();
    await store.create(record);
    expect((await store.get(record.id))?.id).toBe(record.id);
    await store.close?.();
    await client.close();
  });

  it('loads its scripts again after SCRIPT FLUSH', async () => {
    const store = open();
    const record = taskRecord();
    await store.create(record);
    await admin.sendCommand(['SCRIPT', 'FLUSH']);
    expect((await store.update(record.id, (r) => ({ ...r, estimatedCostUsd: 1 })))?.version).toBe(2);
    await admin.sendCommand(['SCRIPT', 'FLUSH']);
    expect(await store.increment('after-flush', 1, 1_000)).toBe(1);
  });

  it('closes its own connections, and refuses work afterwards', async () => {
    const connections = async () => (await admin.sendCommand<string>(['CLIENT', 'LIST'])).trim().split('\n').length;
    const baseline = await connections();
    const store = createRedisTaskStore({ url: server.url, prefix: `close-${randomUUID()}:` });
    const record = taskRecord();
    await store.create(record);
    const unsubscribe = await store.subscribe(record.id, () => undefined);
    expect(await connections()).toBe(baseline + 2); // commands + subscriber
    await store.close?.();
    await store.close?.(); // twice is fine
    unsubscribe(); // after close: harmless
    await eventually(async () => (await connections()) === baseline);
    await expect(store.get(record.id)).rejects.toThrow(/closed/);
    await expect(store.subscribe(record.id, () => undefined)).rejects.toThrow(/closed/);
  });

  it('subscribes, unsubscribes and subscribes again in one tick without losing the last listener', async () => {
    const prefix = `churn-${randomUUID()}:`;
    const [writer, reader] = [open({ prefix }), open({ prefix })];
    const record = taskRecord();
    await writer.create(record);
    const first = reader.subscribe(record.id, () => undefined);
    const firstUnsubscribe = await first;
    firstUnsubscribe();
    const last = nextRecord(reader, record.id);
    const extra = await reader.subscribe(record.id, () => undefined);
    extra();
    // Wait until the new subscription is in place (it is, once `subscribe` resolved), then write.
    await new Promise((resolve) => setImmediate(resolve));
    await eventually(async () => Number((await admin.sendCommand<[string, number]>(['PUBSUB', 'NUMSUB', `${prefix}task-events:${record.id}`]))[1]) === 1);
    await writer.update(record.id, (r) => ({ ...r, estimatedCostUsd: 9 }));
    expect((await last.seen).estimatedCostUsd).toBe(9);
    last.stop();
  });

  it('fails fast with a clear error when Redis is unreachable, and leaks no rejection', async () => {
    const lines: string[] = [];
    // Port 1 on loopback: nothing listens there, connections are refused.
    const store = createRedisTaskStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 300, logger: quietLogger(lines) });
    const record = taskRecord({ idempotencyKey: 'k-unreachable' });
    const started = Date.now();
    const outcomes = await Promise.allSettled([
      store.create(record),
      store.get(record.id),
      store.findByIdempotencyKey('k-unreachable'),
      store.update(record.id, (r) => r),
      store.subscribe(record.id, () => undefined),
      store.increment('c', 1, 1_000),
      store.acquireLease('l', 'a', 1_000),
      store.releaseLease('l', 'a'),
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/Redis/);
    }
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/Redis task store: get failed: no answer from Redis within 300 ms/);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TaskStoreUnavailableError);

    // Through the handler, a store outage is a retryable 503 with Retry-After, not a 500.
    const handler = createSeedanceHandler({ store, logger: quietLogger(lines) });
    const response = await handler(
      new Request('http://localhost/api/seedance/tasks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ positivePrompt: 'a paper boat', resolution: '480p' }),
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ code: 'store_unavailable', retryable: true });
    await handler.close();
    await store.close?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(lines.some((l) => l.includes('Redis'))).toBe(true);
  });

  it('keeps working when Redis restarts: commands recover and subscriptions come back', async () => {
    const own = await startRedisServer({ binary: redisBinary });
    const lines: string[] = [];
    const logger = quietLogger(lines);
    const prefix = `restart-${randomUUID()}:`;
    const writer = createRedisTaskStore({ url: own.url, prefix, commandTimeoutMs: 500, logger });
    const reader = createRedisTaskStore({ url: own.url, prefix, commandTimeoutMs: 500, logger });
    try {
      const record = taskRecord();
      await writer.create(record);
      const versions: number[] = [];
      const unsubscribe = await reader.subscribe(record.id, (r) => versions.push(r.version));
      await own.stop();
      await expect(writer.get(record.id)).rejects.toThrow(/Redis task store/);
      const again = await startRedisServer({ binary: redisBinary, port: own.port });
      try {
        // The data is gone with the old server (no persistence); the connections come back.
        await eventually(async () => (await writer.get(record.id).then(() => true, () => false)), 10_000);
        await writer.create(record);
        await eventually(async () => {
          await writer.update(record.id, (r) => ({ ...r, estimatedCostUsd: r.estimatedCostUsd + 1 }));
          return versions.length > 0;
        }, 10_000);
        expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
        unsubscribe();
      } finally {
        await writer.close?.();
        await reader.close?.();
        await again.stop();
      }
    } finally {
      await own.stop();
    }
    expect(unhandled).toEqual([]);
  }, 30_000);
});
