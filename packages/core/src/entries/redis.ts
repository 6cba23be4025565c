// @seedance-kit/core/redis: the Redis task store, for handlers on several instances (server only).
// Needs the `redis` package (node-redis v5), an optional peer dependency.
export { createRedisTaskStore, type RedisTaskStoreOptions } from '../server/store/redis-task-store.js';
export type { RedisClientLike, RedisMessageListener, RedisSubscriberLike } from '../server/store/redis-client-like.js';
