import { localRunwareProvider } from '@seedance-kit/local-runware';
import { createServer, request as httpRequest } from 'node:http';
import { createSeedanceRequestListener, sendWebResponse, toWebRequest } from '@seedance-kit/core/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exerciseAdapter } from '../support/adapter-contract.js';
import { countingStore } from '../support/counting-store.js';
import { Api, FAST_POLLING, FAST_TIMING, listen, quietLogger, type Listening } from '../support/harness.js';

let server: Listening | undefined;
beforeEach(() => {
  vi.stubEnv('RUNWARE_API_KEY', '');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
});

describe('@seedance-kit/core/node', () => {
  it('createSeedanceRequestListener serves the whole protocol on http.createServer', async () => {
    const store = countingStore();
    const listener = createSeedanceRequestListener({ store, provider: localRunwareProvider({ timing: FAST_TIMING }), polling: FAST_POLLING, logger: quietLogger() });
    server = await listen(createServer(listener));
    try {
      await exerciseAdapter(new Api(`${server.url}/api/seedance`), store);
    } finally {
      await listener.handler?.close();
    }
  });

  it('toWebRequest and sendWebResponse carry method, URL, headers, body and every Set-Cookie', async () => {
    let seen: { method: string; url: string; body: string; headers: Record<string, string> } | undefined;
    server = await listen(
      createServer(async (req, res) => {
        const request = toWebRequest(req, res, { trustProxy: true });
        seen = { method: request.method, url: request.url, body: await request.text(), headers: Object.fromEntries(request.headers) };
        const headers = new Headers({ 'content-type': 'text/plain' });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        await sendWebResponse(res, new Response('made', { status: 202, headers }));
      }),
    );
    const answer = await new Promise<{ status: number; cookies: string[]; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server!.url}/a/b?c=d`, { method: 'PUT', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example', 'x-custom': 'yes' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [], body }));
      });
      req.on('error', reject);
      req.end('payload');
    });
    expect(answer).toEqual({ status: 202, cookies: ['a=1', 'b=2'], body: 'made' });
    expect(seen).toMatchObject({ method: 'PUT', url: 'https://app.example/a/b?c=d', body: 'payload', headers: { 'x-custom': 'yes' } });
  });

  it('ignores X-Forwarded-* unless told to trust the proxy', async () => {
    let url = '';
    server = await listen(
      createServer((req, res) => {
        url = toWebRequest(req, res).url;
        res.end();
      }),
    );
    await fetch(`${server.url}/x`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    expect(url).toBe(`${server.url}/x`);
  });

  it('aborts the Request signal when the client disconnects mid-response', async () => {
    let aborted: Promise<void> | undefined;
    server = await listen(
      createServer((req, res) => {
        const request = toWebRequest(req, res);
        aborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve()));
        void sendWebResponse(res, new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('first')) })));
      }),
    );
    const controller = new AbortController();
    const response = await fetch(`${server.url}/`, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    controller.abort();
    await aborted;
  });
});
