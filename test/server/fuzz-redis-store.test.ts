import { randomUUID } from 'node:crypto';
import type { GenerationInput, TaskResult } from '@seedance-kit/core';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import type { TaskRecord, TaskStore } from '@seedance-kit/core/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputBody, meaning, unicodeText } from './fuzz-generation-input.js';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';
import { taskRecord } from './task-store-contract.js';
import { fuzzSeed } from './fuzz-seed.js';

/**
 * The Redis store's encoding under fuzzing: records full of hostile text (lone surrogates, RTL,
 * NUL, emoji), int64 seeds, `__proto__` keys and exact big integers come back from Redis, and
 * through pub/sub on another instance, exactly as JSON means them.
 */
const redisBinary = redisServerOrWarn('Redis store encoding fuzz (test/server/fuzz-redis-store.test.ts)');
const seed = fuzzSeed('fuzz-redis-store');
let cases = 0;

/**
 * What a value means once written as JSON and read back int64-safe: non-finite numbers become
 * null, -0 becomes 0, and a double too big to be a safe integer but written as digits reads back
 * as the exact integer those digits say (a bigint).
 */
function asJson(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    return /^-?\d+$/.test(text) && !Number.isSafeInteger(value) ? BigInt(text) : value + 0;
  }
  if (Array.isArray(value)) return value.map(asJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJson(v)]));
  return value;
}

const result: fc.Arbitrary<TaskResult> = fc.record({
  videoUUID: fc.uuid(),
  videoURL: unicodeText(30).map((t) => `https://cdn.example/${t}`),
  seed: fc.bigInt(0n, 9223372036854775807n).map(String),
  cost: fc.double({ min: 0, max: 10, noNaN: true }),
});

const record: fc.Arbitrary<TaskRecord> = fc
  .record({ input: inputBody, owner: unicodeText(20), results: fc.array(result, { maxLength: 4 }), message: unicodeText(40), progress: fc.integer({ min: 0, max: 100 }) })
  .map(({ input, owner, results, message, progress }) =>
    taskRecord({
      owner: `user:${owner}`,
      input: meaning(input) as GenerationInput,
      state: { status: 'failed', numberResults: 4, results, progress, attempt: 1, error: { kind: 'provider', code: 'taskFailed', message, retryable: true } },
      estimatedCostUsd: progress / 7,
    }),
  );

describe.skipIf(!redisBinary)('Redis task store encoding under fuzzing', () => {
  let server: RedisServer;
  let writer: TaskStore;
  let reader: TaskStore;
  beforeAll(async () => {
    server = await startRedisServer({ binary: redisBinary });
    const prefix = `fuzz-${randomUUID()}:`;
    writer = createRedisTaskStore({ url: server.url, prefix });
    reader = createRedisTaskStore({ url: server.url, prefix });
  });
  afterAll(async () => {
    console.log(`fuzz-redis-store: ${cases} records (seed ${seed})`);
    await writer?.close?.();
    await reader?.close?.();
    await server?.stop();
  });

  it('gives back every record exactly, on another instance and through a subscription', async () => {
    await fc.assert(
      fc.asyncProperty(record, fc.boolean(), async (generated, subscribe) => {
        cases++;
        // Fresh ids on every call: fast-check runs a value again while shrinking.
        const original: TaskRecord = { ...generated, id: randomUUID(), idempotencyKey: `${generated.owner} ${randomUUID()}` };
        const created = await writer.create(original);
        expect(created.created).toBe(true);
        const expected = asJson({ ...original, version: 1 });
        expect(asJson(await reader.get(original.id))).toEqual(expected);
        expect(asJson(await reader.findByIdempotencyKey(original.idempotencyKey!))).toEqual(expected);

        let delivered: Promise<TaskRecord> | undefined;
        let unsubscribe = () => {};
        if (subscribe) {
          let resolve: (r: TaskRecord) => void = () => {};
          delivered = new Promise((r) => (resolve = r));
          unsubscribe = await reader.subscribe(original.id, resolve);
        }
        const updated = await writer.update(original.id, (r) => ({ ...r, owner: `${r.owner}\u202e`, state: { ...r.state, attempt: r.state.attempt + 1 } }));
        expect(updated?.version).toBe(2);
        expect(asJson(await reader.get(original.id))).toEqual(asJson(updated));
        if (delivered) expect(asJson(await delivered)).toEqual(asJson(updated));
        unsubscribe();
      }),
      { numRuns: 400, seed },
    );
  }, 60_000);
});
