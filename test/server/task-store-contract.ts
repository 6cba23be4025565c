import { randomUUID } from 'node:crypto';
import { initialTaskState, transition, type TaskResult } from '@seedance-kit/core';
import type { TaskRecord, TaskStore } from '@seedance-kit/core/server';
import { describe, expect, it } from 'vitest';

/**
 * Opens `count` store instances over one shared backing, as `count` server instances would
 * (Redis: one server and prefix, separate connections). A store that lives in one process gives
 * the same instance `count` times. Each call starts from an empty store; the suite closes them.
 */
export type OpenStores = (count: number) => Promise<readonly TaskStore[]>;

/** int64 edges: the largest seed, the first integer a double cannot hold, zero. */
export const INT64_SEEDS = ['9223372036854775807', '9007199254740993', '0'] as const;

/** Text that breaks naive encoders: a lone surrogate, RTL, zero-width joiner, combining marks, an emoji family. */
export const TRICKY_PROMPT = 'A \ud800 lone half, עברית مرحبا, zero\u200bwidth, e\u0301\u0301, 👨‍👩‍👧 family, "quotes" \\ and \u0000 nul';

export function taskRecord(extra: Partial<TaskRecord> = {}): TaskRecord {
  const now = Date.now();
  return {
    id: randomUUID(),
    version: 0,
    owner: 'anonymous',
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 60_000,
    input: { positivePrompt: 'A calm lake at dawn', width: 864, height: 480, seed: INT64_SEEDS[0] },
    delivery: 'poll',
    state: transition(initialTaskState, { type: 'submit', numberResults: 3 }).state,
    estimatedCostUsd: 0,
    ...extra,
  };
}

/** Counts one more with every update: the field the concurrency tests add to. */
const bump = (record: TaskRecord): TaskRecord => ({ ...record, estimatedCostUsd: record.estimatedCostUsd + 1 });

function result(seed: string, n: number): TaskResult {
  return { videoUUID: `00000000-0000-4000-8000-00000000000${n}`, videoURL: `https://cdn.example/${n}.mp4`, seed, cost: 0.0367 };
}

/** Polls `check` until it holds. Only for expiry, which no event announces. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** A listener that records what it sees and lets a test await a version. */
function recorder() {
  const seen: TaskRecord[] = [];
  const waiters: { version: number; resolve: () => void }[] = [];
  return {
    seen,
    versions: () => seen.map((r) => r.version),
    listener: (record: TaskRecord) => {
      seen.push(record);
      for (const waiter of [...waiters]) {
        if (record.version >= waiter.version) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    reached: (version: number) =>
      seen.some((r) => r.version >= version) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ version, resolve })),
  };
}

/**
 * The `TaskStore` contract, as one suite any store must pass. Timing uses the real clock (a Redis
 * server keeps its own time), so expiry tests wait a few hundred milliseconds.
 */
export function describeTaskStoreContract(name: string, openStores: OpenStores): void {
  describe(`TaskStore contract: ${name}`, () => {
    const open = async (count: number, body: (stores: readonly TaskStore[]) => Promise<void>) => {
      const stores = await openStores(count);
      try {
        await body(stores);
      } finally {
        await Promise.all([...new Set(stores)].map((s) => s.close?.()));
      }
    };
    const pick = (stores: readonly TaskStore[], i: number) => stores[i % stores.length] as TaskStore;

    it('creates at version 1 and reads back exactly what was stored, unicode and int64 seeds included', () =>
      open(2, async ([a, b]) => {
        const record = taskRecord({ input: { positivePrompt: TRICKY_PROMPT, resolution: '1080p', seed: INT64_SEEDS[1], frameImage: 'https://example.com/a.png' } });
        const created = await a!.create(record);
        expect(created).toEqual({ created: true, record: { ...record, version: 1 } });
        const read = await b!.get(record.id);
        expect(read).toEqual({ ...record, version: 1 });
        expect(read?.input.positivePrompt).toBe(TRICKY_PROMPT);
        expect(read?.input.seed).toBe(INT64_SEEDS[1]);
        expect(await b!.get(randomUUID())).toBeUndefined();
      }));

    it('refuses a second record with an id already taken', () =>
      open(2, async ([a, b]) => {
        const record = taskRecord();
        await a!.create(record);
        await expect(b!.create({ ...record, owner: 'user:mallory' })).rejects.toThrow(/already exists/);
        expect((await a!.get(record.id))?.owner).toBe('anonymous');
      }));

    it('bumps the version and updatedAt on every update; undefined changes nothing; a missing task gives undefined', () =>
      open(2, async ([a, b]) => {
        const record = taskRecord({ updatedAt: 0 });
        await a!.create(record);
        const before = Date.now();
        const updated = await b!.update(record.id, (r) => ({ ...r, state: transition(r.state, { type: 'ack', taskId: r.id }).state, version: 999, id: 'forged' }));
        expect(updated).toMatchObject({ id: record.id, version: 2, state: { status: 'queued', taskId: record.id } });
        expect(updated!.updatedAt).toBeGreaterThanOrEqual(before);
        expect(await a!.get(record.id)).toEqual(updated);
        expect(await a!.update(record.id, () => undefined)).toEqual(updated);
        expect((await b!.get(record.id))?.version).toBe(2);
        let called = false;
        expect(
          await a!.update(randomUUID(), (r) => {
            called = true;
            return r;
          }),
        ).toBeUndefined();
        expect(called).toBe(false);
      }));

    it('lets exactly one of many concurrent creates with the same idempotency key win, across instances', () =>
      open(2, async (stores) => {
        const key = `anonymous ${randomUUID()}`;
        const candidates = Array.from({ length: 24 }, () => taskRecord({ idempotencyKey: key, requestHash: 'h' }));
        const results = await Promise.all(candidates.map((record, i) => pick(stores, i).create(record)));
        const winners = results.filter((r) => r.created);
        expect(winners).toHaveLength(1);
        const winner = winners[0]!.record;
        expect(results.every((r) => r.record.id === winner.id && r.record.version === 1)).toBe(true);
        for (const store of stores) expect((await store.findByIdempotencyKey(key))?.id).toBe(winner.id);
        const losers = candidates.filter((c) => c.id !== winner.id);
        for (const [i, loser] of losers.entries()) expect(await pick(stores, i).get(loser.id)).toBeUndefined();
        // Another key is another task; no key at all never collides.
        expect((await stores[0]!.create(taskRecord({ idempotencyKey: `anonymous ${randomUUID()}` }))).created).toBe(true);
        expect((await stores[0]!.create(taskRecord())).created).toBe(true);
        expect(await stores[0]!.findByIdempotencyKey(`anonymous ${randomUUID()}`)).toBeUndefined();
      }));

    it('loses no update: 50 parallel increments of a field end at 50, each at its own version', () =>
      open(2, async (stores) => {
        const record = taskRecord();
        await stores[0]!.create(record);
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => pick(stores, i).update(record.id, bump)));
        const versions = results.map((r) => r!.version).sort((x, y) => x - y);
        expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
        // Each update saw the one before it: the field is its version minus one, every time.
        for (const r of results) expect(r!.estimatedCostUsd).toBe(r!.version - 1);
        for (const store of stores) expect(await store.get(record.id)).toMatchObject({ version: 51, estimatedCostUsd: 50 });
      }));

    it('tells subscribers every version in order, on any instance, until they unsubscribe', () =>
      open(2, async (stores) => {
        const [a, b] = [stores[0]!, pick(stores, 1)];
        const record = taskRecord();
        await a.create(record);
        const onB = recorder();
        const onA = recorder();
        const leaving = recorder();
        const unsubscribeB = await b.subscribe(record.id, onB.listener);
        const unsubscribeA = await a.subscribe(record.id, onA.listener);
        const unsubscribeLeaving = await b.subscribe(record.id, leaving.listener);
        const unsubscribeBroken = await b.subscribe(record.id, () => {
          throw new Error('a broken subscriber');
        });
        // Writers on both instances, in sequence and in bursts.
        for (let i = 0; i < 10; i++) await pick(stores, i).update(record.id, bump);
        await Promise.all(Array.from({ length: 20 }, (_, i) => pick(stores, i).update(record.id, bump)));
        await Promise.all([onA.reached(31), onB.reached(31), leaving.reached(31)]);
        const expected = Array.from({ length: 30 }, (_, i) => i + 2);
        expect(onB.versions()).toEqual(expected);
        expect(onA.versions()).toEqual(expected);
        for (const seen of onB.seen) expect(seen).toMatchObject({ id: record.id, estimatedCostUsd: seen.version - 1, input: record.input });
        expect(onB.seen.at(-1)).toEqual(await a.get(record.id));

        unsubscribeLeaving();
        unsubscribeLeaving(); // twice is harmless
        unsubscribeBroken();
        await a.update(record.id, bump);
        await onB.reached(32);
        await onA.reached(32);
        expect(leaving.versions().at(-1)).toBe(31);
        unsubscribeB();
        await a.update(record.id, bump);
        await onA.reached(33);
        expect(onB.versions().at(-1)).toBe(32);
        unsubscribeA();
      }));

    it('subscribes again after the last listener left', () =>
      open(2, async (stores) => {
        const [a, b] = [stores[0]!, pick(stores, 1)];
        const record = taskRecord();
        await a.create(record);
        for (let round = 0; round < 3; round++) {
          const seen = recorder();
          const unsubscribe = await b.subscribe(record.id, seen.listener);
          const written = await a.update(record.id, bump);
          await seen.reached(written!.version);
          expect(seen.versions()).toEqual([written!.version]);
          unsubscribe();
        }
      }));

    it('keeps int64 seeds of results exact through updates, reads and subscriptions', () =>
      open(2, async (stores) => {
        const [a, b] = [stores[0]!, pick(stores, 1)];
        const record = taskRecord();
        await a.create(record);
        const seen = recorder();
        const unsubscribe = await b.subscribe(record.id, seen.listener);
        await a.update(record.id, (r) => ({ ...r, state: transition(r.state, { type: 'ack', taskId: r.id }).state }));
        for (const [n, seed] of INT64_SEEDS.entries()) {
          await b.update(record.id, (r) => ({ ...r, state: transition(r.state, { type: 'result', result: result(seed, n) }).state }));
        }
        await seen.reached(5);
        const final = await a.get(record.id);
        expect(final?.state.status).toBe('succeeded');
        expect(final?.state.results.map((r) => r.seed)).toEqual([...INT64_SEEDS]);
        expect(seen.seen.at(-1)?.state.results.map((r) => r.seed)).toEqual([...INT64_SEEDS]);
        expect(final?.input.seed).toBe(INT64_SEEDS[0]);
        unsubscribe();
      }));

    it('counts in fixed windows: totals across instances, negative steps, integers only, expiry from the first increment', () =>
      open(2, async (stores) => {
        const key = `rate:${randomUUID()}`;
        expect(await stores[0]!.increment(key, 1, 60_000)).toBe(1);
        expect(await pick(stores, 1).increment(key, 2, 60_000)).toBe(3);
        expect(await stores[0]!.increment(key, -1, 60_000)).toBe(2);
        const totals = await Promise.all(Array.from({ length: 100 }, (_, i) => pick(stores, i).increment(key, 1, 60_000)));
        expect(new Set(totals).size).toBe(100);
        expect(Math.max(...totals)).toBe(102);
        await expect(stores[0]!.increment(key, 0.5, 60_000)).rejects.toThrow(TypeError);
        expect(await stores[0]!.increment(`rate:${randomUUID()}`, 1, 60_000)).toBe(1); // keys are separate

        // Fixed window: a later increment does not push the expiry back.
        const windowKey = `cost:${randomUUID()}`;
        const started = Date.now();
        expect(await stores[0]!.increment(windowKey, 5, 1_000)).toBe(5);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await pick(stores, 1).increment(windowKey, 5, 1_000)).toBe(10);
        await eventually(async () => (await stores[0]!.increment(windowKey, 0, 1_000)) === 0, 4_000, 'the counter to expire');
        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(990);
        // A window restarted by the second increment would last until 1500 ms at the earliest.
        expect(elapsed).toBeLessThan(1_450);
        expect(await stores[0]!.increment(windowKey, 1, 1_000)).toBe(1);
      }));

    it('gives a lease to one holder at a time: renewal, release only by the holder, takeover after expiry', () =>
      open(2, async (stores) => {
        const key = `poll:${randomUUID()}`;
        const holders = Array.from({ length: 10 }, (_, i) => `instance-${i}`);
        const taken = await Promise.all(holders.map((holder, i) => pick(stores, i).acquireLease(key, holder, 60_000)));
        expect(taken.filter(Boolean)).toHaveLength(1);
        const holder = holders[taken.indexOf(true)]!;
        const other = holders.find((h) => h !== holder)!;
        expect(await pick(stores, 1).acquireLease(key, holder, 300)).toBe(true); // renewal, now short
        expect(await stores[0]!.acquireLease(key, other, 300)).toBe(false);
        await stores[0]!.releaseLease(key, other); // not the holder: no effect
        expect(await pick(stores, 1).acquireLease(key, other, 300)).toBe(false);
        const waited = await eventually(() => stores[0]!.acquireLease(key, other, 60_000), 3_000, 'the lease to expire');
        expect(waited).toBeGreaterThan(150);
        expect(await stores[0]!.acquireLease(key, holder, 60_000)).toBe(false);
        await pick(stores, 1).releaseLease(key, holder); // no longer the holder: no effect
        expect(await stores[0]!.acquireLease(key, holder, 60_000)).toBe(false);
        await pick(stores, 1).releaseLease(key, other);
        expect(await stores[0]!.acquireLease(key, holder, 60_000)).toBe(true);
        // Leases are separate per key.
        expect(await stores[0]!.acquireLease(`poll:${randomUUID()}`, other, 60_000)).toBe(true);
      }));

    it('forgets records and their idempotency keys when they expire, and frees the key', () =>
      open(2, async (stores) => {
        const [a, b] = [stores[0]!, pick(stores, 1)];
        const key = `anonymous ${randomUUID()}`;
        const record = taskRecord({ idempotencyKey: key, expiresAt: Date.now() + 300 });
        await a.create(record);
        expect(await b.get(record.id)).toBeDefined();
        expect((await b.findByIdempotencyKey(key))?.id).toBe(record.id);
        await eventually(async () => (await b.get(record.id)) === undefined, 3_000, 'the record to expire');
        expect(await a.findByIdempotencyKey(key)).toBeUndefined();
        expect(await a.update(record.id, bump)).toBeUndefined();
        const again = taskRecord({ idempotencyKey: key });
        expect(await b.create(again)).toMatchObject({ created: true, record: { id: again.id } });
        expect((await a.findByIdempotencyKey(key))?.id).toBe(again.id);
      }));

    it('moves expiry forward on update, and the idempotency key with it', () =>
      open(2, async (stores) => {
        const [a, b] = [stores[0]!, pick(stores, 1)];
        const key = `anonymous ${randomUUID()}`;
        const firstExpiry = Date.now() + 300;
        const record = taskRecord({ idempotencyKey: key, expiresAt: firstExpiry });
        await a.create(record);
        await b.update(record.id, (r) => ({ ...r, expiresAt: Date.now() + 60_000 }));
        // Past the first expiry (no event marks it, so wait it out).
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstExpiry - Date.now()) + 200));
        expect(await a.get(record.id)).toMatchObject({ id: record.id, version: 2 });
        expect((await b.findByIdempotencyKey(key))?.id).toBe(record.id);
        const replay = await b.create(taskRecord({ idempotencyKey: key }));
        expect(replay).toMatchObject({ created: false, record: { id: record.id, version: 2 } });
      }));
  });
}
