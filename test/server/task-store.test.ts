import { randomUUID } from 'node:crypto';
import { createRedisTaskStore } from '@seedance-kit/core/redis';
import { createMemoryTaskStore, type TaskStore } from '@seedance-kit/core/server';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { redisServerOrWarn, startRedisServer, type RedisServer } from './support/redis-server.js';
import { describeTaskStoreContract } from './task-store-contract.js';

// One process, one Map: every "instance" is the same store.
describeTaskStoreContract('memory', async (count) => {
  const store = createMemoryTaskStore({ sweepIntervalMs: 0 });
  return Array.from({ length: count }, () => store);
});

const redisBinary = redisServerOrWarn('TaskStore contract on Redis (test/server/task-store.test.ts)');

describe.skipIf(!redisBinary)('on a real redis-server', () => {
  let server: RedisServer;
  const clients: ReturnType<typeof createClient>[] = [];
  beforeAll(async () => {
    server = await startRedisServer({ binary: redisBinary });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  // Each test gets its own prefix; instances alternate between a URL (the store's own
  // connection) and a client the test made, so both ways in are exercised.
  describeTaskStoreContract('redis', async (count) => {
    const prefix = `contract-${randomUUID()}:`;
    const stores: TaskStore[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) stores.push(createRedisTaskStore({ url: server.url, prefix, commandTimeoutMs: 5_000 }));
      else {
        const client = createClient({ url: server.url });
        clients.push(client);
        await client.connect();
        stores.push(createRedisTaskStore({ redis: client, prefix, commandTimeoutMs: 5_000 }));
      }
    }
    return stores;
  });
});
