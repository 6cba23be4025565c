import { createHash } from 'node:crypto';

/**
 * The Lua scripts behind the Redis task store. Each runs atomically on the server, so a
 * check and the write that depends on it can never be split by another instance.
 *
 * Every key a script writes is passed in KEYS. `create` also reads the task an idempotency key
 * points to, a key it can only name at run time: on Redis Cluster, give the store a prefix with a
 * hash tag (`{seedance}:`) so all its keys share one slot.
 */
export interface RedisScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

const script = (name: string, source: string): RedisScript => ({ name, source, sha: createHash('sha1').update(source).digest('hex') });

/**
 * A record's hash holds `v` (version), `meta`, `input` and `ih`, a tag that changes whenever
 * the input does, so an instance holding the input already is sent only the small fields.
 * KEYS: task hash. ARGV: the `ih` the caller holds ('' = none).
 * → {} no such task | {v, meta, ih} the caller's input is current | {v, meta, ih, input}.
 */
export const READ_SCRIPT = script(
  'read',
  `
local r = redis.call('HMGET', KEYS[1], 'v', 'meta', 'ih')
if not r[1] then return {} end
if r[3] == ARGV[1] then return {r[1], r[2], r[3]} end
return {r[1], r[2], r[3], redis.call('HGET', KEYS[1], 'input')}
`,
);

/**
 * KEYS: task hash, [idempotency key]. ARGV: meta, input, ttl ms, id, task key prefix, ih,
 * expiresAt, now (epoch ms, the store's clock). A key bound to a task whose `exp` has passed by
 * that clock is free: Redis may not have dropped it yet, but every read already treats it as gone.
 * → {'created'} | {'bound', v, meta, input, ih} (the key's live task) | {'exists'} (the id is taken).
 */
export const CREATE_SCRIPT = script(
  'create',
  `
local ttl = ARGV[3]
if #KEYS == 2 then
  local bound = redis.call('GET', KEYS[2])
  if bound then
    local existing = redis.call('HMGET', ARGV[5] .. bound, 'v', 'meta', 'input', 'ih', 'exp')
    local live = not existing[5] or tonumber(existing[5]) > tonumber(ARGV[8])
    if existing[1] and existing[2] and existing[3] and existing[4] and live then
      return {'bound', existing[1], existing[2], existing[3], existing[4]}
    end
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists'} end
redis.call('HSET', KEYS[1], 'v', '1', 'meta', ARGV[1], 'input', ARGV[2], 'ih', ARGV[6], 'exp', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ttl)
if #KEYS == 2 then redis.call('SET', KEYS[2], ARGV[4], 'PX', ttl) end
return {'created'}
`,
);

/**
 * Compare-and-set on the version, then publish, in one step: subscribers get versions in the
 * order they were written. KEYS: task hash, [idempotency key]. ARGV: expected version, new
 * version, meta, input ('' = unchanged), ttl ms, channel, message, id, new ih (with a new input),
 * expiresAt.
 * → 1 written, 0 no such task, -1 another instance wrote first (read again and retry).
 */
export const UPDATE_SCRIPT = script(
  'update',
  `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return 0 end
if v ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'meta', ARGV[3], 'exp', ARGV[10])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'input', ARGV[4], 'ih', ARGV[9]) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if #KEYS == 2 and redis.call('GET', KEYS[2]) == ARGV[8] then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 1
`,
);

/** A fixed window: only a counter without an expiry (a new one) gets one. KEYS: counter. ARGV: by, ttl ms. */
export const INCREMENT_SCRIPT = script(
  'increment',
  `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`,
);

/** Free, expired or already ours: take or renew it. KEYS: lease. ARGV: holder, ttl ms. → 1 held, 0 someone else's. */
export const ACQUIRE_LEASE_SCRIPT = script(
  'acquireLease',
  `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`,
);

/** Only the holder may give a lease up. KEYS: lease. ARGV: holder. */
export const RELEASE_LEASE_SCRIPT = script(
  'releaseLease',
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`,
);
