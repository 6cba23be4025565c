import { createMemoryTaskStore, type TaskRecord } from '@seedance-kit/core/server';
import { initialTaskState, transition } from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

function record(id: string, now: number, extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id,
    version: 0,
    owner: 'anonymous',
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 1_000,
    input: { positivePrompt: 'A calm lake', width: 864, height: 480 },
    delivery: 'poll',
    state: transition(initialTaskState, { type: 'submit', numberResults: 1 }).state,
    estimatedCostUsd: 0.03,
    ...extra,
  };
}

describe('createMemoryTaskStore', () => {
  it('creates at version 1 and bumps the version on every update', async () => {
    let now = 1_000;
    const store = createMemoryTaskStore({ now: () => now });
    const { created, record: stored } = await store.create(record('a', now));
    expect(created).toBe(true);
    expect(stored.version).toBe(1);
    now += 5;
    const updated = await store.update('a', (r) => ({ ...r, state: transition(r.state, { type: 'ack', taskId: 'a' }).state }));
    expect(updated?.version).toBe(2);
    expect(updated?.updatedAt).toBe(1_005);
    expect(updated?.state.status).toBe('queued');
    // A mutation that returns undefined changes nothing.
    expect((await store.update('a', () => undefined))?.version).toBe(2);
    expect(await store.update('missing', (r) => r)).toBeUndefined();
  });

  it('binds an idempotency key to one task, atomically under concurrency', async () => {
    const store = createMemoryTaskStore();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.create(record(`t${i}`, Date.now(), { idempotencyKey: 'anonymous key-1' }))),
    );
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    const winner = created[0]!.record.id;
    expect(results.every((r) => r.record.id === winner)).toBe(true);
    expect((await store.findByIdempotencyKey('anonymous key-1'))?.id).toBe(winner);
    expect(await store.findByIdempotencyKey('anonymous other')).toBeUndefined();
    expect(await store.get('t9')).toBe(winner === 't9' ? await store.get('t9') : undefined);
  });

  it('forgets records and their keys once they expire', async () => {
    let now = 0;
    const store = createMemoryTaskStore({ now: () => now, sweepIntervalMs: 0 });
    await store.create(record('old', now, { idempotencyKey: 'k', expiresAt: 100 }));
    now = 99;
    expect(await store.get('old')).toBeDefined();
    now = 100;
    expect(await store.get('old')).toBeUndefined();
    expect(await store.findByIdempotencyKey('k')).toBeUndefined();
    // The key is free again.
    expect((await store.create(record('new', now, { idempotencyKey: 'k', expiresAt: 500 }))).created).toBe(true);
  });

  it('tells subscribers about every new version until they unsubscribe', async () => {
    const store = createMemoryTaskStore();
    await store.create(record('s', Date.now()));
    const seen: number[] = [];
    const unsubscribe = await store.subscribe('s', (r) => seen.push(r.version));
    await store.update('s', (r) => ({ ...r }));
    await store.update('s', (r) => ({ ...r }));
    unsubscribe();
    await store.update('s', (r) => ({ ...r }));
    expect(seen).toEqual([2, 3]);
  });

  it('keeps counters per window and lets them expire', async () => {
    let now = 0;
    const store = createMemoryTaskStore({ now: () => now });
    expect(await store.increment('rate', 1, 1_000)).toBe(1);
    expect(await store.increment('rate', 1, 1_000)).toBe(2);
    expect(await store.increment('rate', -1, 1_000)).toBe(1);
    now = 1_000;
    expect(await store.increment('rate', 1, 1_000)).toBe(1);
    await expect(store.increment('rate', 0.5, 1_000)).rejects.toThrow(TypeError);
  });

  it('gives a lease to one holder at a time until it expires or is released', async () => {
    let now = 0;
    const store = createMemoryTaskStore({ now: () => now });
    expect(await store.acquireLease('poll:x', 'a', 100)).toBe(true);
    expect(await store.acquireLease('poll:x', 'b', 100)).toBe(false);
    expect(await store.acquireLease('poll:x', 'a', 100)).toBe(true); // renewal
    now = 100;
    expect(await store.acquireLease('poll:x', 'b', 100)).toBe(true);
    await store.releaseLease('poll:x', 'a'); // not a's any more: no effect
    expect(await store.acquireLease('poll:x', 'a', 100)).toBe(false);
    await store.releaseLease('poll:x', 'b');
    expect(await store.acquireLease('poll:x', 'a', 100)).toBe(true);
  });
});
