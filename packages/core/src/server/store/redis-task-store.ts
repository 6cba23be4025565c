import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { consoleLogger, type Logger } from '../logger.js';
import type { RedisClientLike } from './redis-client-like.js';
import { createInputCache, type CachedInput } from './redis-input-cache.js';
import { decodeInput, decodeMeta, encodeInput, encodeMessage, encodeMeta, encodeRecord } from './redis-record-codec.js';
import { ACQUIRE_LEASE_SCRIPT, CREATE_SCRIPT, INCREMENT_SCRIPT, READ_SCRIPT, RELEASE_LEASE_SCRIPT, UPDATE_SCRIPT, type RedisScript } from './redis-scripts.js';
import { closeClient, createRedisSubscriptions } from './redis-subscriptions.js';
import { TaskStoreUnavailableError, type CreateTaskResult, type TaskRecord, type TaskStore } from './task-store.js';

export interface RedisTaskStoreOptions {
  /**
   * A node-redis v5 client (`createClient()` from `redis`), connected or not (the store connects
   * it if needed). It stays yours: `close()` leaves it open. Give this or `url`.
   */
  readonly redis?: RedisClientLike;
  /** `redis[s]://[[user][:password]@]host[:port][/db]`: the store makes, and `close()` closes, its own client. */
  readonly url?: string;
  /**
   * Before every key and channel, so several apps can share one Redis. Default `seedance:`. On
   * Redis Cluster use a hash tag, e.g. `{seedance}:`, so every key lands in one slot.
   */
  readonly prefix?: string;
  /**
   * At most this long (ms) is a record kept after its last write, whatever its `expiresAt` says:
   * a cap on what Redis holds. Default: none (the record's `expiresAt` decides).
   */
  readonly recordTtlMs?: number;
  /**
   * Every Redis command fails after this long (ms), so an unreachable Redis gives the handler an
   * error to answer with instead of a hung request. A command that timed out may still have run.
   * Default 10 s.
   */
  readonly commandTimeoutMs?: number;
  /** The clock `expiresAt` is read against (epoch ms). Default `Date.now`; pass the handler's clock when it has its own. */
  readonly now?: () => number;
  /** Where connection trouble is reported. Default `console`. */
  readonly logger?: Logger;
}

const DEFAULT_PREFIX = 'seedance:';
const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
/** Compare-and-set rounds before an update gives up: only reached under absurd contention. */
const MAX_UPDATE_ATTEMPTS = 100;
/** Inputs kept decoded in memory, in characters of JSON: thousands of ordinary inputs, or four 13 MB frame images. */
const INPUT_CACHE_CHARS = 64 * 1024 * 1024;

/** A refusal of the store's own (not a Redis failure): passed on as it is. */
class StoreRefusal extends Error {
  override readonly name = 'TaskStoreError';
}

/**
 * A `TaskStore` in Redis, for handlers on many instances: tasks, idempotency keys, rate and cost
 * counters and poll leases are shared, and every update is published so an SSE stream on any
 * instance sees each version in order.
 *
 * Every check-then-write is one Lua script (atomic on the server): create-if-key-free, update as
 * compare-and-set on the version (the mutation is re-run on a fresh read when another instance
 * wrote first), fixed-window counters, leases. Records are int64-safe JSON and expire with
 * their `expiresAt`; so do their idempotency keys.
 */
export function createRedisTaskStore(options: RedisTaskStoreOptions): TaskStore {
  if ((options.redis === undefined) === (options.url === undefined)) {
    throw new TypeError('createRedisTaskStore needs exactly one of `redis` (a node-redis client) or `url`');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TypeError('commandTimeoutMs must be a positive number');
  const recordTtlMs = options.recordTtlMs;
  if (recordTtlMs !== undefined && !(Number.isFinite(recordTtlMs) && recordTtlMs > 0)) throw new TypeError('recordTtlMs must be a positive number');
  const now = options.now ?? Date.now;
  const logger = options.logger ?? consoleLogger;

  const ownsClient = options.redis === undefined;
  const client: RedisClientLike = options.redis ?? createClient({ url: options.url });
  // An 'error' event without a listener would crash the process; ours are reported instead.
  if (ownsClient) client.on('error', (error) => logger.warn('seedance: Redis connection error', error));
  let closed = false;

  const taskKeyPrefix = `${prefix}task:`;
  const taskKey = (id: string) => `${taskKeyPrefix}${id}`;
  const idempotencyKey = (key: string) => `${prefix}idempotency:${key}`;
  const counterKey = (key: string) => `${prefix}counter:${key}`;
  const leaseKey = (key: string) => `${prefix}lease:${key}`;
  const channelFor = (id: string) => `${prefix}task-events:${id}`;

  /** One command with the timeout. Connecting is not awaited: node-redis queues commands until it is up. */
  const send = (args: readonly string[]): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('The Redis task store is closed'));
    if (!client.isOpen) client.connect().catch((error: unknown) => logger.warn('seedance: Redis could not connect', error));
    return client.sendCommand(args, { timeout: timeoutMs });
  };

  const run = async (script: RedisScript, keys: readonly string[], args: readonly string[]): Promise<unknown> => {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await send(['EVALSHA', script.sha, ...tail]);
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH): EVAL runs it and caches it by its SHA.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return send(['EVAL', script.source, ...tail]);
      throw error;
    }
  };

  /** Runs `op`; any failure becomes one clear error naming the operation (timeouts have no message of their own). */
  const guard = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      if (error instanceof TypeError || error instanceof StoreRefusal) throw error;
      // node-redis times a command out with a bare TimeoutError: no message of its own.
      const reason =
        error instanceof Error && error.message !== ''
          ? error.message
          : error instanceof Error && error.constructor.name === 'TimeoutError'
            ? `no answer from Redis within ${timeoutMs} ms (unreachable or overloaded)`
            : String(error);
      throw new TaskStoreUnavailableError(`Redis task store: ${what} failed: ${reason}`, { cause: error });
    }
  };

  /** Milliseconds Redis keeps a record written now. */
  const ttlFor = (expiresAt: number): string => {
    if (!Number.isFinite(expiresAt)) throw new TypeError('A task record needs a finite expiresAt (epoch ms)');
    let ttl = Math.ceil(expiresAt - now());
    if (recordTtlMs !== undefined) ttl = Math.min(ttl, Math.ceil(recordTtlMs));
    return String(Math.max(1, ttl));
  };
  /** When Redis drops the record (as last written): its cached input goes then too. */
  const goneAt = (record: TaskRecord): number => (recordTtlMs === undefined ? record.expiresAt : Math.min(record.expiresAt, record.updatedAt + recordTtlMs));

  const positiveMs = (ms: number, name: string): string => {
    if (!Number.isFinite(ms)) throw new TypeError(`${name} must be a finite number of milliseconds`);
    return String(Math.max(1, Math.ceil(ms)));
  };

  const inputs = createInputCache(INPUT_CACHE_CHARS, now);

  const toRecord = (version: string, meta: string, input: CachedInput): TaskRecord => ({ ...decodeMeta(meta), input: input.value, version: Number(version) });

  /** The live record and its input as stored (so an update can tell whether the input changed). */
  const read = async (id: string): Promise<{ record: TaskRecord; input: CachedInput } | undefined> => {
    const held = inputs.get(id);
    const reply = (await run(READ_SCRIPT, [taskKey(id)], [held?.tag ?? ''])) as (string | null)[];
    const [version, meta, tag, text] = reply;
    if (typeof version !== 'string' || typeof meta !== 'string' || typeof tag !== 'string') {
      inputs.delete(id);
      return undefined;
    }
    let input = held;
    if (typeof text === 'string') input = { tag, text, value: decodeInput(text) };
    if (input === undefined || input.tag !== tag) throw new Error(`the input of task ${id} could not be read`);
    const record = toRecord(version, meta, input);
    // Redis expires it too; this keeps an injected clock authoritative, as in the memory store.
    if (record.expiresAt <= now()) {
      inputs.delete(id);
      return undefined;
    }
    // Held no longer than the record lives (another instance's write may have extended it).
    if (input === held) inputs.extend(id, goneAt(record));
    else inputs.set(id, input, goneAt(record));
    return { record, input };
  };

  const subscriptions = createRedisSubscriptions({
    createSubscriber: () => client.duplicate(),
    channelFor,
    loadInput: async (id) => (await read(id))?.input.value,
    timeoutMs,
    logger,
  });

  return {
    create: (record) =>
      guard('create', async (): Promise<CreateTaskResult> => {
        const stored: TaskRecord = { ...record, version: 1 };
        const encoded = encodeRecord(stored);
        const tag = randomUUID();
        const keys = [taskKey(record.id), ...(record.idempotencyKey === undefined ? [] : [idempotencyKey(record.idempotencyKey)])];
        const reply = (await run(CREATE_SCRIPT, keys, [
          encoded.meta,
          encoded.input,
          ttlFor(stored.expiresAt),
          record.id,
          taskKeyPrefix,
          tag,
          String(stored.expiresAt),
          String(now()),
        ])) as string[];
        switch (reply[0]) {
          case 'created':
            inputs.set(record.id, { tag, text: encoded.input, value: stored.input }, goneAt(stored));
            return { created: true, record: stored };
          case 'bound': {
            const [, version = '', meta = '', text = '', boundTag = ''] = reply;
            const input: CachedInput = { tag: boundTag, text, value: decodeInput(text) };
            const existing = toRecord(version, meta, input);
            inputs.set(existing.id, input, goneAt(existing));
            return { created: false, record: existing };
          }
          case 'exists':
            throw new StoreRefusal(`Task ${record.id} already exists`);
          default:
            throw new Error(`Unexpected reply ${JSON.stringify(reply)}`);
        }
      }),

    get: (id) => guard('get', async () => (await read(id))?.record),

    findByIdempotencyKey: (key) =>
      guard('findByIdempotencyKey', async () => {
        const id = await send(['GET', idempotencyKey(key)]);
        return typeof id === 'string' ? (await read(id))?.record : undefined;
      }),

    update: (id, mutate) =>
      guard('update', async () => {
        for (let attempt = 1; ; attempt++) {
          const found = await read(id);
          if (!found) return undefined;
          const current = found.record;
          const next = mutate(current);
          if (next === undefined) return current;
          const stored: TaskRecord = { ...next, id: current.id, version: current.version + 1, updatedAt: now() };
          const meta = encodeMeta(stored);
          // Mutations spread the current record, so an untouched input is the same object.
          const inputText = stored.input === current.input ? undefined : encodeInput(stored.input);
          const changedInput = inputText === found.input.text ? undefined : inputText;
          const tag = changedInput === undefined ? '' : randomUUID();
          const keys = [taskKey(id), ...(stored.idempotencyKey === undefined ? [] : [idempotencyKey(stored.idempotencyKey)])];
          const result = await run(UPDATE_SCRIPT, keys, [
            String(current.version),
            String(stored.version),
            meta,
            changedInput ?? '',
            ttlFor(stored.expiresAt),
            channelFor(id),
            encodeMessage(meta, changedInput),
            id,
            tag,
            String(stored.expiresAt),
          ]);
          if (result === 1) {
            if (changedInput !== undefined) inputs.set(id, { tag, text: changedInput, value: stored.input }, goneAt(stored));
            else inputs.extend(id, goneAt(stored));
            return stored;
          }
          if (result === 0) {
            inputs.delete(id);
            return undefined;
          }
          if (attempt >= MAX_UPDATE_ATTEMPTS) throw new StoreRefusal(`Task ${id} kept changing: no update won in ${MAX_UPDATE_ATTEMPTS} attempts`);
          // Another instance wrote first: read again. A little jitter spreads out a crowd.
          if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, 2 ** attempt)));
        }
      }),

    subscribe: (id, listener) => guard('subscribe', () => subscriptions.subscribe(id, listener)),

    increment: (key, by, ttlMs) =>
      guard('increment', async () => {
        if (!Number.isSafeInteger(by)) throw new TypeError('Counters take integer increments');
        return Number(await run(INCREMENT_SCRIPT, [counterKey(key)], [String(by), positiveMs(ttlMs, 'ttlMs')]));
      }),

    acquireLease: (key, holder, ttlMs) =>
      guard('acquireLease', async () => (await run(ACQUIRE_LEASE_SCRIPT, [leaseKey(key)], [holder, positiveMs(ttlMs, 'ttlMs')])) === 1),

    releaseLease: (key, holder) =>
      guard('releaseLease', async () => {
        await run(RELEASE_LEASE_SCRIPT, [leaseKey(key)], [holder]);
      }),

    async close() {
      if (closed) return;
      closed = true;
      await subscriptions.close();
      if (ownsClient) await closeClient(client, timeoutMs);
    },
  };
}
