import { expect, vi } from 'vitest';
import type { Api } from './harness.js';
import { BASIC_INPUT } from './harness.js';
import type { CountingStore } from './counting-store.js';

/**
 * What every framework adapter must do over real HTTP: JSON in and out, problem+json, SSE that
 * arrives event by event and stops when the client leaves, and file bytes with Range.
 */
export async function exerciseAdapter(api: Api, store: CountingStore): Promise<void> {
  const limits = await api.request<{ provider: string }>('/limits');
  expect(limits.status).toBe(200);
  expect(limits.body.provider).toBe('local');

  const refused = await api.create({ ...BASIC_INPUT, model: 'other' });
  expect(refused.status).toBe(422);
  expect(refused.headers.get('content-type')).toBe('application/problem+json');

  const created = await api.create(BASIC_INPUT, { key: crypto.randomUUID(), headers: { origin: new URL(api.base).origin } });
  expect(created.status).toBe(201);
  expect(created.headers.get('location')).toBe(`${api.base}/tasks/${created.body.task.id}`);
  const { task, token } = created.body;

  // A stream the client leaves early: the server lets go of it.
  const early = await api.events(task.id, token, { until: (events) => events.length >= 1 });
  expect(early.snapshots.length).toBeGreaterThanOrEqual(1);
  await vi.waitFor(() => expect(store.subscribers).toBe(0));

  const stream = await api.events(task.id, token);
  expect(stream.status).toBe(200);
  expect(stream.ended).toBe(true);
  const done = stream.snapshots.at(-1)!;
  expect(done.status).toBe('succeeded');

  const read = await api.get(task.id, token);
  expect(read.body.version).toBe(done.version);

  const file = await fetch(done.results[0]!.videoURL, { headers: { range: 'bytes=0-99' } });
  expect(file.status).toBe(206);
  expect((await file.arrayBuffer()).byteLength).toBe(100);

  const cancel = await api.cancel(task.id, token);
  expect(cancel.status).toBe(409);
  expect(store.subscribers).toBe(0);
}
