import type { CreateTaskResult, TaskListener, TaskMutation, TaskRecord, TaskStore } from './task-store.js';

export interface MemoryTaskStoreOptions {
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
  /** How often expired entries are swept, at most (ms). Default 60 s. */
  readonly sweepIntervalMs?: number;
}

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * The default store: one process, everything in Maps. Expired records, idempotency keys,
 * counters and leases are dropped lazily on access and by a sweep that runs during operations
 * (no timers, so an idle process holds nothing open).
 */
export function createMemoryTaskStore(options: MemoryTaskStoreOptions = {}): TaskStore {
  const now = options.now ?? Date.now;
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  const records = new Map<string, TaskRecord>();
  const idempotency = new Map<string, Expiring<string>>();
  const counters = new Map<string, Expiring<number>>();
  const leases = new Map<string, Expiring<string>>();
  const listeners = new Map<string, Set<TaskListener>>();
  let lastSweep = now();

  const sweep = () => {
    const t = now();
    if (t - lastSweep < sweepIntervalMs) return;
    lastSweep = t;
    for (const [id, record] of records) if (record.expiresAt <= t) records.delete(id);
    for (const map of [idempotency, counters, leases] as Map<string, Expiring<unknown>>[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= t) map.delete(key);
    }
  };

  const live = (id: string): TaskRecord | undefined => {
    const record = records.get(id);
    if (record && record.expiresAt <= now()) {
      records.delete(id);
      return undefined;
    }
    return record;
  };

  const notify = (record: TaskRecord) => {
    for (const listener of [...(listeners.get(record.id) ?? [])]) {
      try {
        listener(record);
      } catch {
        // One broken subscriber must not stop the others or the writer.
      }
    }
  };

  return {
    async create(record): Promise<CreateTaskResult> {
      sweep();
      const { idempotencyKey } = record;
      if (idempotencyKey !== undefined) {
        const bound = idempotency.get(idempotencyKey);
        const existing = bound && bound.expiresAt > now() ? live(bound.value) : undefined;
        if (existing) return { created: false, record: existing };
      }
      if (live(record.id)) throw new Error(`Task ${record.id} already exists`);
      const stored: TaskRecord = { ...record, version: 1 };
      records.set(stored.id, stored);
      if (idempotencyKey !== undefined) idempotency.set(idempotencyKey, { value: stored.id, expiresAt: stored.expiresAt });
      return { created: true, record: stored };
    },

    async get(id) {
      return live(id);
    },

    async findByIdempotencyKey(idempotencyKey) {
      const bound = idempotency.get(idempotencyKey);
      return bound && bound.expiresAt > now() ? live(bound.value) : undefined;
    },

    async update(id, mutate: TaskMutation) {
      const current = live(id);
      if (!current) return undefined;
      const next = mutate(current);
      if (next === undefined) return current;
      const stored: TaskRecord = { ...next, id: current.id, version: current.version + 1, updatedAt: now() };
      records.set(id, stored);
      // The key lives as long as its record.
      const bound = stored.idempotencyKey === undefined ? undefined : idempotency.get(stored.idempotencyKey);
      if (bound?.value === id) bound.expiresAt = stored.expiresAt;
      notify(stored);
      return stored;
    },

    async subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },

    async increment(key, by, ttlMs) {
      if (!Number.isInteger(by)) throw new TypeError('Counters take integer increments');
      sweep();
      const t = now();
      const entry = counters.get(key);
      if (!entry || entry.expiresAt <= t) {
        counters.set(key, { value: by, expiresAt: t + ttlMs });
        return by;
      }
      entry.value += by;
      return entry.value;
    },

    async acquireLease(key, holder, ttlMs) {
      const t = now();
      const lease = leases.get(key);
      if (lease && lease.expiresAt > t && lease.value !== holder) return false;
      leases.set(key, { value: holder, expiresAt: t + ttlMs });
      return true;
    },

    async releaseLease(key, holder) {
      if (leases.get(key)?.value === holder) leases.delete(key);
    },

    async close() {
      listeners.clear();
    },
  };
}
