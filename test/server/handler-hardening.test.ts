import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createSeedanceHandler, PROBLEM_CONTENT_TYPE, type Problem, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { localRunwareProvider, type LocalRunware, type LocalRunwareOptions } from '@seedance-kit/local-runware';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAST_POLLING, FAST_TIMING, problemOf, quietLogger, serve, type Listening } from './support/harness.js';

let handler: SeedanceHandler | undefined;
let server: Listening | undefined;
let simulator: LocalRunware | undefined;

beforeEach(() => {
  vi.stubEnv('RUNWARE_API_KEY', '');
});
afterEach(async () => {
  await server?.close();
  await handler?.close();
  server = undefined;
  handler = undefined;
  vi.unstubAllEnvs();
});

/** The handler with the embedded local Runware, on real HTTP at 127.0.0.1. */
async function start(options: SeedanceHandlerOptions = {}, local: LocalRunwareOptions = { timing: FAST_TIMING }) {
  const provider = localRunwareProvider(local);
  simulator = provider.localRunware;
  handler = createSeedanceHandler({ provider, polling: FAST_POLLING, logger: quietLogger(), ...options });
  server = await serve(handler);
  return { handler, api: new Api(`${server.url}/api/seedance`), origin: server.url, port: new URL(server.url).port };
}

// A queue long enough that a task stays running while a test holds its streams.
const SLOW_QUEUE: LocalRunwareOptions = { timing: { ...FAST_TIMING, queueMs: 60_000 } };

/** During an attack the server must still answer others quickly. */
async function expectLimitsAnswerQuickly(api: Api): Promise<void> {
  const started = performance.now();
  const res = await fetch(`${api.base}/limits`);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
}

/** A raw HTTP exchange, so a test can send any Host header and drip a body. */
function rawRequest(port: string, head: string, drip?: { chunk: string; everyMs: number }, giveUpMs = 5_000): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), '127.0.0.1');
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    let text = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(head);
      if (drip) timer = setInterval(() => socket.writable && socket.write(drip.chunk), drip.everyMs);
    });
    socket.on('data', (data: string) => {
      text += data;
      // One answer is all a test needs; stop dripping once it starts.
      if (/\r\n\r\n/.test(text) && timer !== undefined) clearInterval(timer);
    });
    const done = () => {
      clearTimeout(giveUp);
      if (timer !== undefined) clearInterval(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text, ms: performance.now() - started });
    };
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', reject);
  });
}

/** A request with any Host header (fetch cannot set one). */
function withHost(port: string, host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, method: init.method ?? 'GET', headers: { ...init.headers, host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('DNS rebinding: the Host must be one the server knows', () => {
  const createFrom = (host: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://${host}` },
    body: JSON.stringify(BASIC_INPUT),
  });

  it('refuses a foreign Host (and Origin) with 403 host_not_allowed, creating nothing', async () => {
    const { handler, api, port } = await start();
    const res = await withHost(port, `attacker.example:${port}`, '/api/seedance/tasks', createFrom(`attacker.example:${port}`));
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'host_not_allowed', status: 403 });
    expect(simulator!.stats.submitted).toBe(0);
    for (const path of ['/api/seedance/limits', '/api/seedance/tasks/x', '/api/seedance/files/a.mp4?token=x']) {
      expect((await withHost(port, 'attacker.example', path)).status).toBe(403);
    }
    await expectLimitsAnswerQuickly(api);
  });

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost', 'LOCALHOST'])('accepts the loopback Host %s', async (name) => {
    const { port } = await start();
    expect((await withHost(port, `${name}:${port}`, '/api/seedance/limits')).status).toBe(200);
    const created = await withHost(port, `${name}:${port}`, '/api/seedance/tasks', createFrom(`${name}:${port}`));
    expect(created.status).toBe(201);
  });

  it('accepts the hosts in allowedHosts (a leading dot for subdomains), or any with true', async () => {
    const { port } = await start({ allowedHosts: ['.example.com', 'box.lan'] });
    for (const host of ['example.com', 'app.example.com', 'box.lan']) expect((await withHost(port, host, '/api/seedance/limits')).status).toBe(200);
    for (const host of ['badexample.com', 'example.com.evil.io', 'other.lan']) expect((await withHost(port, host, '/api/seedance/limits')).status).toBe(403);
    await server!.close();
    await handler!.close();
    const open = await start({ allowedHosts: true });
    expect((await withHost(open.port, 'anything.example', '/api/seedance/limits')).status).toBe(200);
  });

  it("with publicUrl, accepts its host (and loopback) and refuses others", async () => {
    const { port } = await start({ publicUrl: 'https://app.example.com/api/seedance' });
    expect((await withHost(port, 'app.example.com', '/api/seedance/limits')).status).toBe(200);
    expect((await withHost(port, `localhost:${port}`, '/api/seedance/limits')).status).toBe(200);
    const res = await withHost(port, 'www.example.com', '/api/seedance/limits');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'host_not_allowed' });
  });
});

describe('a deadline for the request body', () => {
  it('answers a slow-drip body with 408 body_timeout and closes the socket, serving others meanwhile', async () => {
    const { api, port } = await start({ bodyTimeoutMs: 600 });
    const head = `POST /api/seedance/tasks HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`;
    const dripping = rawRequest(port, head, { chunk: ' ', everyMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectLimitsAnswerQuickly(api);
    const res = await dripping;
    expect(res.status).toBe(408);
    expect(res.text).toMatch(/content-type: application\/problem\+json/i);
    expect(res.text).toMatch(/x-content-type-options: nosniff/i);
    expect(JSON.parse(res.text.slice(res.text.indexOf('{'), res.text.lastIndexOf('}') + 1))).toMatchObject({ code: 'body_timeout', status: 408, retryable: true });
    // Answered at the deadline, not when the body would have ended (100 s) or at the test's give-up (5 s).
    expect(res.ms).toBeLessThan(2_500);
    // A body that arrives in time still works.
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
  });

  it('has a 10 s default', async () => {
    // The deadline's wiring over real sockets is the test above; here only its default, on a
    // body that never ends, with the clock moved instead of waited on.
    handler = createSeedanceHandler({ provider: localRunwareProvider({ timing: FAST_TIMING }), logger: quietLogger() });
    vi.useFakeTimers();
    try {
      const never = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) });
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: never, duplex: 'half' };
      let answered: Response | undefined;
      void handler(new Request('http://127.0.0.1/api/seedance/tasks', init as RequestInit)).then((response) => (answered = response));
      await vi.advanceTimersByTimeAsync(9_900);
      expect(answered).toBeUndefined();
      await vi.advanceTimersByTimeAsync(200);
      expect(answered?.status).toBe(408);
      expect(await answered?.json()).toMatchObject({ code: 'body_timeout', status: 408 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('open SSE streams per identity', () => {
  /** Opens a stream and leaves it open, unread; `close` disconnects. */
  async function openStream(api: Api, id: string, token: string, headers: Record<string, string> = {}) {
    const controller = new AbortController();
    const res = await fetch(`${api.base}/tasks/${id}/events?token=${token}`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    return { res, close: () => controller.abort() };
  }

  it('refuses the 9th open stream of one identity with 429 too_many_streams; closing one frees a slot', async () => {
    // A queue long enough that the task stays running while the test holds its streams.
    const { api } = await start({ identify: (request) => request.headers.get('x-user') }, SLOW_QUEUE);
    const created = await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } });
    const { id } = created.body.task;
    const { token } = created.body;
    const alice = { 'x-user': 'alice' };
    const open = [];
    for (let i = 0; i < 8; i++) {
      const stream = await openStream(api, id, token, alice);
      expect(stream.res.status).toBe(200);
      open.push(stream);
    }
    const refused = await openStream(api, id, token, alice);
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect((await refused.res.json()) as Problem).toMatchObject({ code: 'too_many_streams', status: 429, cap: 'maxOpenStreamsPerIdentity', retryable: true });
    await expectLimitsAnswerQuickly(api);
    // The task itself is still readable without a stream.
    expect((await api.get(id, token, alice)).status).toBe(200);

    open.shift()!.close();
    await vi.waitFor(async () => {
      const again = await openStream(api, id, token, alice);
      expect(again.res.status).toBe(200);
      open.push(again);
    });
    for (const stream of open) stream.close();
  });

  it('counts identities apart, follows the policy value, and null turns it off', async () => {
    const { api } = await start({ policy: { maxOpenStreamsPerIdentity: 2 }, identify: (request) => request.headers.get('x-user') }, SLOW_QUEUE);
    const a = await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } });
    const b = await api.create(BASIC_INPUT, { headers: { 'x-user': 'bob' } });
    const streams = [
      await openStream(api, a.body.task.id, a.body.token, { 'x-user': 'alice' }),
      await openStream(api, a.body.task.id, a.body.token, { 'x-user': 'alice' }),
      await openStream(api, b.body.task.id, b.body.token, { 'x-user': 'bob' }),
    ];
    expect(streams.map((s) => s.res.status)).toEqual([200, 200, 200]);
    expect((await openStream(api, a.body.task.id, a.body.token, { 'x-user': 'alice' })).res.status).toBe(429);
    for (const stream of streams) stream.close();
    await server!.close();
    await handler!.close();

    const off = await start({ policy: { maxOpenStreamsPerIdentity: null } }, SLOW_QUEUE);
    const c = await off.api.create(BASIC_INPUT);
    const many = await Promise.all(Array.from({ length: 12 }, () => openStream(off.api, c.body.task.id, c.body.token)));
    expect(many.every((s) => s.res.status === 200)).toBe(true);
    for (const stream of many) stream.close();
  });
});

describe('file URLs expire with their task', () => {
  it('serves a file while the task record lives, then answers 410 problem+json', async () => {
    const { api } = await start({ taskTtlMs: 1_500 });
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    const url = new URL(done.results[0]!.videoURL);
    const token = url.searchParams.get('token')!;
    const [expiry] = token.split('.');
    // Signed to the second for when the record goes (its last change plus taskTtlMs).
    expect(parseInt(expiry!, 36) * 1000).toBeGreaterThanOrEqual(Date.parse(done.updatedAt) + 1_500);
    expect(parseInt(expiry!, 36) * 1000).toBeLessThanOrEqual(Date.parse(done.updatedAt) + 2_500);
    const live = await fetch(url);
    await live.arrayBuffer();
    expect(live.status).toBe(200);
    const range = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(range.status).toBe(206);
    expect((await range.arrayBuffer()).byteLength).toBe(10);

    // A longer expiry cannot be written in: the signature covers it.
    const forged = new URL(url);
    forged.searchParams.set('token', token.replace(/^[0-9a-z]+/, (parseInt(expiry!, 36) + 86_400).toString(36)));
    expect((await fetch(forged)).status).toBe(404);
    // A token without an expiry (the old format) is not a file token any more.
    const plain = new URL(url);
    plain.searchParams.set('token', token.split('.')[1]!);
    expect((await fetch(plain)).status).toBe(404);

    await new Promise((resolve) => setTimeout(resolve, parseInt(expiry!, 36) * 1000 - Date.now() + 50));
    const gone = await fetch(url);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect((await gone.json()) as Problem).toMatchObject({ code: 'file_not_found', status: 410, detail: 'This video link has expired.' });
    expect((await api.get(created.body.task.id, created.body.token)).status).toBe(404);
    await expectLimitsAnswerQuickly(api);
  });
});

describe('X-Content-Type-Options: nosniff on every answer', () => {
  it('sets it on JSON, problem+json, SSE, files and 404s', async () => {
    const { api } = await start();
    const limits = await fetch(`${api.base}/limits`);
    expect(limits.headers.get('x-content-type-options')).toBe('nosniff');
    const created = await api.create(BASIC_INPUT);
    expect(created.headers.get('x-content-type-options')).toBe('nosniff');
    const refused = await api.create({ positivePrompt: 'x' });
    expect(refused.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    const stream = await api.events(created.body.task.id, created.body.token);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    const file = await fetch(stream.snapshots.at(-1)!.results[0]!.videoURL);
    await file.arrayBuffer();
    expect(file.status).toBe(200);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/nope', '/files/unknown.mp4?token=x']) {
      const missing = await fetch(`${api.base}${path}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const outside = await fetch(`${new URL(api.base).origin}/elsewhere`);
    expect(outside.headers.get('x-content-type-options')).toBe('nosniff');
    const wrongMethod = await fetch(`${api.base}/limits`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
