import { createServer } from 'node:http';
import { SERVER_ONLY_FIELDS } from '@seedance-kit/core';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createSeedanceHandler, PROBLEM_CONTENT_TYPE } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, FAST_RETRY, listen, problemOf, quietLogger, SECRET, startStack, type Listening, type Stack } from './support/harness.js';

/** What a forging browser might send for each field only the server decides. */
const FORGED: Record<string, unknown> = {
  taskType: 'videoInference',
  taskUUID: '6f1c7a52-3d1e-4a8e-9c1b-2a7d5e9f0b13',
  model: 'bytedance:2@2',
  webhookURL: 'https://evil.example/hook',
  uploadEndpoint: 'https://evil.example/put',
  ttl: 60,
  includeCost: false,
  deliveryMethod: 'async',
  outputType: 'URL',
};
const SERVER_ONLY_CASES = SERVER_ONLY_FIELDS.map((field) => [field, FORGED[field]] as const);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('fields only the server decides', () => {
  it.each(SERVER_ONLY_CASES)('refuses %s in the body with a field error, and sends nothing to Runware', async (field, value) => {
    const before = stack.runware.stats.submitted;
    const res = await stack.api.create({ ...BASIC_INPUT, [field]: value });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ code: 'validation_failed', kind: 'validation', retryable: false, status: 422 });
    expect(problem.issues).toContainEqual(expect.objectContaining({ path: field, code: 'server_only' }));
    expect(stack.runware.stats.submitted).toBe(before);
  });

  it('names unknown fields and bad values field by field', async () => {
    const res = await stack.api.create({ positivePrompt: 'x', width: 864, duration: 20, colour: 'red' });
    expect(res.status).toBe(422);
    const paths = problemOf(res).issues?.map((i) => `${i.path}:${i.code}`);
    expect(paths).toEqual(expect.arrayContaining(['positivePrompt:too_short', 'duration:too_big', 'colour:unknown_field', 'height:incomplete_pair']));
  });
});

describe('request shape', () => {
  it('takes JSON only (415 otherwise)', async () => {
    const res = await stack.api.create(null, { raw: 'positivePrompt=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type' });
    const plain = await stack.api.create(null, { raw: JSON.stringify(BASIC_INPUT), headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
  });

  it('answers 400 with an invalid_json issue for a broken body', async () => {
    const res = await stack.api.create(null, { raw: '{"positivePrompt": "a cat",' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_json', issues: [{ path: '', code: 'invalid_json' }] });
  });

  it('refuses a body over the limit with 413 naming maxBodyBytes (by Content-Length and while streaming)', async () => {
    const small = await startStack({ handler: { policy: { maxBodyBytes: 2_000 } } });
    try {
      const big = { ...BASIC_INPUT, positivePrompt: 'a'.repeat(2_500) };
      const res = await small.api.create(big);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'payload_too_large', cap: 'maxBodyBytes' });
      // Chunked, no Content-Length: counted as it streams.
      const chunked = await fetch(`${small.api.base}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(small.runware.stats.submitted).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('answers unknown routes 404 and wrong methods 405 with Allow', async () => {
    expect((await stack.api.request('/nope')).status).toBe(404);
    const res = await stack.api.request('/tasks', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect((await stack.api.request('/limits', { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await stack.api.create(BASIC_INPUT, { key: 'short' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_idempotency_key' });
  });

  it('refuses an Idempotency-Key under 16 characters, naming the header (it is as good as a credential)', async () => {
    const before = stack.runware.stats.submitted;
    const res = await stack.api.create(BASIC_INPUT, { key: 'fifteen-chars-k' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(problemOf(res)).toMatchObject({ code: 'invalid_idempotency_key', status: 400 });
    expect(problemOf(res).detail).toContain('Idempotency-Key');
    expect(problemOf(res).detail).toContain('16');
    expect(stack.runware.stats.submitted).toBe(before);
    expect((await stack.api.create(BASIC_INPUT, { key: 'sixteen-chars-ok' })).status).toBe(201);
  });
});

describe('CSRF: the Origin check', () => {
  it('refuses a create or cancel from another origin with 403', async () => {
    const res = await stack.api.create(BASIC_INPUT, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'origin_not_allowed', kind: 'policy' });
    expect((await stack.api.create(BASIC_INPUT, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await stack.api.create(BASIC_INPUT, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);

    const own = await stack.api.create(BASIC_INPUT, { headers: { origin: stack.origin } });
    expect(own.status).toBe(201);
    const { task, token } = own.body;
    const cancel = await stack.api.cancel(task.id, token, { origin: 'https://evil.example' });
    expect(cancel.status).toBe(403);
    expect((await stack.api.cancel(task.id, token, { origin: stack.origin })).status).toBe(200);
  });

  it('allows configured origins, and servers that send no Origin', async () => {
    const other = await startStack({ handler: { policy: { allowedOrigins: ['https://app.example'] } } });
    try {
      expect((await other.api.create(BASIC_INPUT, { headers: { origin: 'https://app.example' } })).status).toBe(201);
      expect((await other.api.create(BASIC_INPUT, { headers: { origin: 'https://other.example' } })).status).toBe(403);
      expect((await other.api.create(BASIC_INPUT)).status).toBe(201);
    } finally {
      await other.close();
    }
  });

  it('answers CORS for allowed origins only: preflight, then readable answers', async () => {
    const other = await startStack({ handler: { policy: { allowedOrigins: ['https://app.example'] } } });
    try {
      const preflight = await other.api.request('/tasks', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Seedance-Task-Token/);
      const refused = await other.api.request('/tasks', { method: 'OPTIONS', headers: { origin: 'https://other.example' } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const created = await other.api.create(BASIC_INPUT, { headers: { origin: 'https://app.example' } });
      expect(created.status).toBe(201);
      expect(created.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(created.headers.get('access-control-expose-headers')).toMatch(/Location/);
      const read = await other.api.get(created.body.task.id, created.body.token, { origin: 'https://other.example' });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await other.close();
    }
  });
});

describe('ownership without sign-in: the signed task token', () => {
  it('reads, streams and cancels only with the task’s token; anything else is 404', async () => {
    const a = await stack.api.create(BASIC_INPUT);
    const b = await stack.api.create(BASIC_INPUT);
    const { task, token } = a.body;
    expect(token).toMatch(/^[\w-]{43}$/);

    expect((await stack.api.get(task.id, token)).status).toBe(200);
    expect((await stack.api.request(`/tasks/${task.id}?token=${token}`)).status).toBe(200);
    for (const wrong of [undefined, b.body.token, 'x'.repeat(43), `${token}x`]) {
      const read = await stack.api.get(task.id, wrong);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ code: 'task_not_found' });
      expect((await stack.api.events(task.id, wrong)).status).toBe(404);
      expect((await stack.api.cancel(task.id, wrong)).status).toBe(404);
    }
    // An unknown id answers exactly like someone else's.
    const unknown = await stack.api.get('00000000-0000-4000-8000-000000000000', token);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual((await stack.api.get(task.id, b.body.token)).body);
    expect((await stack.api.get(task.id, token)).body.status).not.toBe('cancelled');
  });
});

describe('ownership with sign-in: the identify hook', () => {
  let server: Listening;
  let api: Api;
  beforeAll(async () => {
    const handler = createSeedanceHandler({
      apiKey: FAKE_KEY,
      baseUrl: `${stack.runwareUrl}/v1`,
      secret: SECRET,
      polling: FAST_POLLING,
      retry: FAST_RETRY,
      logger: quietLogger(),
      identify: (request) => request.headers.get('x-user') ?? undefined,
    });
    server = await listen(createServer(createSeedanceRequestListener(handler)));
    api = new Api(`${server.url}/api/seedance`);
  });
  afterAll(() => server.close());

  it('needs a signed-in user to create (401 otherwise)', async () => {
    const res = await api.create(BASIC_INPUT);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'unauthenticated', kind: 'auth' });
  });

  it('lets only the creating user read, stream and cancel; another user gets 404 even with the token', async () => {
    const created = await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } });
    expect(created.status).toBe(201);
    const { task, token } = created.body;
    expect((await api.get(task.id, undefined, { 'x-user': 'alice' })).status).toBe(200);
    expect((await api.get(task.id, token, { 'x-user': 'bob' })).status).toBe(404);
    expect((await api.events(task.id, token, { headers: { 'x-user': 'bob' } })).status).toBe(404);
    expect((await api.cancel(task.id, token, { 'x-user': 'bob' })).status).toBe(404);
    expect((await api.get(task.id, token)).status).toBe(401);
    const cancelled = await api.cancel(task.id, undefined, { 'x-user': 'alice' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('scopes idempotency keys per user', async () => {
    const key = crypto.randomUUID();
    const alice = await api.create(BASIC_INPUT, { key, headers: { 'x-user': 'alice' } });
    const bob = await api.create(BASIC_INPUT, { key, headers: { 'x-user': 'bob' } });
    expect(alice.status).toBe(201);
    expect(bob.status).toBe(201);
    expect(bob.body.task.id).not.toBe(alice.body.task.id);
  });
});

describe('the API key', () => {
  it('appears in no answer, header or log line, even when Runware rejects it', async () => {
    const lines: string[] = [];
    const handler = createSeedanceHandler({
      // A key the local Runware does not accept: Runware answers invalidApiKey.
      apiKey: `${FAKE_KEY}-wrong`,
      baseUrl: `${stack.runwareUrl}/v1`,
      secret: SECRET,
      polling: FAST_POLLING,
      retry: FAST_RETRY,
      logger: quietLogger(lines),
    });
    const server = await listen(createServer(createSeedanceRequestListener(handler)));
    const api = new Api(`${server.url}/api/seedance`);
    try {
      const res = await api.create(BASIC_INPUT);
      expect(res.status).toBe(201);
      expect(res.body.task.status).toBe('failed');
      expect(res.body.task.error).toMatchObject({ kind: 'auth', code: 'invalidApiKey', retryable: false });
      await api.get(res.body.task.id, res.body.token);
      await api.request('/limits');
      expect(api.transcript.text).not.toContain(FAKE_KEY);
      expect(lines.join('\n')).not.toContain(FAKE_KEY);
    } finally {
      await server.close();
      await handler.close();
    }
  });
});
