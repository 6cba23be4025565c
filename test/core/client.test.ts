import { HEADERS, SeedanceError, type TaskSnapshot } from '@seedance-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { follow, HOLD, INPUT, RENDER_TIMEOUT, startBackend, submitted, type Backend } from '../support/seedance-backend.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => {
  backend.intercept = undefined;
});

/** Passes the stream on until its first snapshot event, then breaks the connection. */
async function cutAfterFirstSnapshot(response: Response): Promise<Response> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  let text = '';
  while (!/event: snapshot[^]*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    text += decoder.decode(value, { stream: true });
  }
  void reader.cancel();
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pulls++ === 0) for (const chunk of chunks) controller.enqueue(chunk);
      else {
        // Give the bytes time to reach the client, then fail the connection.
        await new Promise((r) => setTimeout(r, 30));
        controller.error(new Error('connection cut'));
      }
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

describe('createSeedanceClient against the real handler', { timeout: RENDER_TIMEOUT }, () => {
  it('creates a task, reads it and streams it over SSE (fetch) to its results', async () => {
    const client = backend.client();
    const { task, token } = await client.createTask(INPUT);
    expect(['queued', 'processing']).toContain(task.status);
    expect(task).toMatchObject({ numberResults: 1, input: { positivePrompt: INPUT.positivePrompt } });
    expect(token).toEqual(expect.any(String));
    expect((await client.getTask(task.id, token)).id).toBe(task.id);

    const { snapshots, transports, done } = follow(client, task.id, token);
    const last = await done;
    expect(transports).toEqual(['fetch']);
    expect(last.status).toBe('succeeded');
    expect(last.results).toHaveLength(1);
    expect(last.results[0]?.seed).toMatch(/^\d+$/);
    expect(typeof last.results[0]?.cost).toBe('number');
    // Versions only go up, none repeated.
    const versions = snapshots.map((s) => s.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    // The video itself is served by the handler under a signed URL.
    const video = await fetch(new URL(last.results[0]?.videoURL ?? '', backend.baseUrl));
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toMatch(/^video\/mp4/);
    expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('polls when asked to, and after the end was already seen gets nothing more', async () => {
    const client = backend.client({ transport: 'polling' });
    const { task, token } = await client.createTask(INPUT);
    const first = follow(client, task.id, token);
    const last = await first.done;
    expect(first.transports).toEqual(['polling']);
    expect(last.status).toBe('succeeded');
    expect(backend.seen.filter((line) => line.endsWith('/events'))).not.toContain(`GET /api/seedance/tasks/${task.id}/events`);

    // Resuming after the terminal version: the stream answers 204, one poll settles it, no callback.
    const again = follow(backend.client(), task.id, token, { lastEventId: last.version });
    const outcome = await Promise.race([again.done.then(() => 'snapshot'), new Promise((r) => setTimeout(r, 300, 'quiet'))]);
    expect(outcome).toBe('quiet');
    expect(again.snapshots).toEqual([]);
    expect(again.transports).toEqual(['fetch', 'polling']);
  });

  it('falls back to polling when the events route answers with something that is not a stream', async () => {
    // As a buffering proxy or a backend without SSE would: a plain 200 with no event stream.
    backend.intercept = async (request, handler) =>
      request.url.includes('/events') ? new Response('streaming is not available here', { headers: { 'content-type': 'text/plain' } }) : handler(request);
    const client = backend.client();
    const { task, token } = await client.createTask(INPUT);
    const { transports, done } = follow(client, task.id, token);
    expect((await done).status).toBe('succeeded');
    expect(transports).toEqual(['fetch', 'polling']);
  });

  it('reconnects a dropped stream with Last-Event-ID, then polls when it keeps dropping without news', async () => {
    const lastEventIds: (string | null)[] = [];
    backend.intercept = async (request, handler) => {
      if (!request.url.includes('/events')) return handler(request);
      lastEventIds.push(request.headers.get(HEADERS.lastEventId));
      // The first two streams are cut right after their first snapshot; later ones fail outright.
      return lastEventIds.length <= 2 ? cutAfterFirstSnapshot(await handler(request)) : 'drop';
    };
    const client = backend.client();
    const { task, token } = await client.createTask({ ...INPUT, numberResults: 2 });
    const { snapshots, transports, done } = follow(client, task.id, token);
    const last = await done;
    expect(last.status).toBe('succeeded');
    expect(last.results).toHaveLength(2);
    expect(lastEventIds.slice(0, 2)).toEqual([null, String(snapshots[0]?.version)]);
    expect(lastEventIds[2]).toBe(String(snapshots[1]?.version));
    expect(transports).toEqual(['fetch', 'polling']);
  });

  it('cancels a running task, and refuses to cancel a finished one with a typed error', async () => {
    const client = backend.client();
    const { task, token } = await client.createTask(HOLD);
    const cancelled = await client.cancelTask(task.id, token);
    expect(cancelled.status).toBe('cancelled');
    expect((await client.getTask(task.id, token)).status).toBe('cancelled');
    expect((await client.cancelTask(task.id, token)).status).toBe('cancelled');

    const done = await client.createTask(INPUT);
    await follow(client, done.task.id, done.token).done;
    const error = await client.cancelTask(done.task.id, done.token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedanceError);
    expect(error).toMatchObject({ status: 409, code: 'task_not_cancellable', retryable: false });
  });

  it('reads the effective limits, narrowed by the server policy', async () => {
    const narrow = await startBackend({ policy: { maxNumberResults: 2, maxDuration: 6, resolutions: ['480p'], maxTaskCostUsd: 0.1 } });
    try {
      const limits = await narrow.client().getLimits();
      expect(limits).toMatchObject({ model: 'bytedance:2@2', provider: 'local', numberResults: { min: 1, max: 2 }, duration: { min: 1.2, max: 6, step: 0.1 }, resolutions: ['480p'], maxTaskCostUsd: 0.1 });
      expect(limits.dimensions.every((d) => d.resolution === '480p')).toBe(true);

      // Over a cap: a typed policy error naming the field.
      const error = await narrow.client().createTask({ ...INPUT, numberResults: 3 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedanceError);
      expect(error).toMatchObject({ kind: 'policy', parameter: 'numberResults', retryable: false });
      expect(submitted(narrow)).toBe(0);
    } finally {
      await narrow.close();
    }
  });

  it('retries a create whose answer was lost with the same Idempotency-Key: one task, one charge', async () => {
    const before = submitted(backend);
    const keys: (string | null)[] = [];
    backend.intercept = async (request, handler) => {
      if (!request.url.endsWith('/tasks')) return handler(request);
      keys.push(request.headers.get(HEADERS.idempotencyKey));
      const response = await handler(request);
      // The first answer is lost after the server did the work.
      return keys.length === 1 ? 'drop' : response;
    };
    const client = backend.client();
    const { task, token } = await client.createTask(INPUT);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(submitted(backend) - before).toBe(1);
    expect((await client.getTask(task.id, token)).id).toBe(task.id);

    // A caller's own key works the same way across separate calls.
    const again = await client.createTask(INPUT, { idempotencyKey: keys[0] ?? '' });
    expect(again.task.id).toBe(task.id);
    expect(submitted(backend) - before).toBe(1);
  });

  it('never retries an HTTP refusal and returns problem+json as a typed validation error', async () => {
    const client = backend.client();
    const before = backend.seen.length;
    const error = await client.createTask({ positivePrompt: 'x', width: 864, height: 480 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedanceError);
    expect(error).toMatchObject({ kind: 'validation', code: 'validation_failed', status: 422, retryable: false, parameter: 'positivePrompt' });
    expect((error as SeedanceError).issues?.[0]).toMatchObject({ path: 'positivePrompt', code: 'too_short' });
    expect(backend.seen.length - before).toBe(1);
  });

  it('answers a wrong token or an unknown task with not_found, for reads and for streams', async () => {
    const client = backend.client();
    const { task } = await client.createTask(INPUT);
    await expect(client.getTask(task.id, 'forged-token')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    const streamed = follow(client, task.id, 'forged-token');
    await expect(streamed.done).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    expect(streamed.snapshots).toEqual([]);
    await expect(client.getTask('', 'token')).rejects.toMatchObject({ kind: 'validation', parameter: 'id' });
  });

  it('gives a network error after its retries when nothing answers', async () => {
    const dead = await startBackend();
    const client = dead.client({ retry: { retries: 1, baseDelayMs: 5 } });
    await dead.close();
    const error = await client.getLimits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedanceError);
    expect(error).toMatchObject({ kind: 'network', code: 'network', retryable: true });
  });

  it('honours AbortSignal: before sending, while waiting for an answer, and while following', async () => {
    const client = backend.client();
    const before = submitted(backend);
    const early = new AbortController();
    early.abort();
    await expect(client.createTask(INPUT, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });

    backend.intercept = async (request, handler) => {
      if (request.url.endsWith('/limits')) await new Promise((r) => setTimeout(r, 500));
      return handler(request);
    };
    const late = new AbortController();
    const pending = client.getLimits({ signal: late.signal });
    setTimeout(() => late.abort(), 20);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(submitted(backend) - before).toBe(0);

    const { task, token } = await client.createTask(HOLD);
    const stop = new AbortController();
    const snapshots: TaskSnapshot[] = [];
    client.subscribe(task.id, token, (s) => snapshots.push(s), { signal: stop.signal });
    await expect.poll(() => snapshots.length).toBeGreaterThan(0);
    stop.abort();
    const count = snapshots.length;
    await client.cancelTask(task.id, token);
    await new Promise((r) => setTimeout(r, 100));
    expect(snapshots).toHaveLength(count);
  });
});
