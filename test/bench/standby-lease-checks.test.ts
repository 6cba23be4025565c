import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import { createMemoryTaskStore, createSeedanceHandler, type CreateTaskResponse, type SeedanceHandler, type TaskStore } from '@seedance-kit/core/server';
import { afterAll, describe, expect, it } from 'vitest';
import { saveTable } from './support/report.js';

// Two instances on one store (as with Redis): the one that submits polls and holds the task's
// lease; the other watches the task for its SSE client and stands by, checking the lease. Counted
// per task at the load bench's polling (load.bench.test.ts), over a task that runs TASK_MS.
const POLLING = { firstDelayMs: 100, secondDelayMs: 100, factor: 1.5, maxDelayMs: 1_000 } as const;
const TASK_MS = Number(process.env.BENCH_STANDBY_TASK_MS ?? 20_000);
const BASE = 'http://localhost/api/seedance';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** The shared store, with the lease checks of one instance counted. */
function counted(store: TaskStore) {
  const counter = { leaseChecks: 0 };
  const view: TaskStore = Object.create(store) as TaskStore;
  view.acquireLease = (...args) => {
    counter.leaseChecks++;
    return store.acquireLease(...args);
  };
  return { store: view, counter };
}

function instance(store: TaskStore, localRunware: LocalRunware): SeedanceHandler {
  const handler = createSeedanceHandler({
    store,
    provider: localRunwareProvider(localRunware),
    secret: 'standby-bench-secret-0123456789abcdef',
    polling: POLLING,
    policy: { rateLimit: null },
    logger: { warn() {}, error: console.error },
  });
  closers.push(() => handler.close());
  return handler;
}

describe('standby instances', () => {
  it(`check a running task's lease this often (task of ${TASK_MS / 1000} s)`, async () => {
    const localRunware = createLocalRunware({ timing: { ackDelayMs: 0, queueMs: TASK_MS, minRenderMs: 0 } });
    closers.push(() => localRunware.close());
    const shared = createMemoryTaskStore();
    const a = counted(shared);
    const b = counted(shared);
    const holder = instance(a.store, localRunware);
    const standby = instance(b.store, localRunware);

    const created = await holder(
      new Request(`${BASE}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ positivePrompt: 'A lantern drifting over a lake', width: 864, height: 480, duration: 1.2 }) }),
    );
    expect(created.status).toBe(201);
    const { task, token } = (await created.json()) as CreateTaskResponse;
    // A read on the other instance makes it watch the task, as a stream there would.
    const read = await standby(new Request(`${BASE}/tasks/${task.id}?token=${encodeURIComponent(token)}`));
    expect(read.status).toBe(200);
    const startedAt = performance.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await holder(new Request(`${BASE}/tasks/${task.id}?token=${encodeURIComponent(token)}`));
      const { status } = (await now.json()) as { status: string };
      if (status === 'succeeded' || status === 'failed') break;
    }
    const ranMs = performance.now() - startedAt;
    await saveTable('standby-lease-checks', {
      order: 12,
      title: `Standby lease checks: two instances on one store, polling ${POLLING.firstDelayMs} ms → ${POLLING.maxDelayMs} ms (the load bench's)`,
      columns: ['task ran', 'holder lease checks', 'standby lease checks', 'standby checks per second'],
      rows: [[`${(ranMs / 1000).toFixed(1)} s`, String(a.counter.leaseChecks), String(b.counter.leaseChecks), (b.counter.leaseChecks / (ranMs / 1000)).toFixed(1)]],
      notes: ['Idle standbys back off ×2 per look up to the polling maxDelayMs; before, they looked every 250 ms (4 per second).'],
    });
    expect(b.counter.leaseChecks).toBeGreaterThan(0);
  }, TASK_MS + 30_000);
});
