import { connect } from 'node:net';
import { createSeedanceHandler, PROBLEM_CONTENT_TYPE, type Problem, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAST_POLLING, FAST_TIMING, problemOf, quietLogger, serve, type Listening } from './support/harness.js';

let handler: SeedanceHandler | undefined;
let server: Listening | undefined;

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
async function start(options: SeedanceHandlerOptions = {}) {
  handler = createSeedanceHandler({ localRunware: { timing: FAST_TIMING }, polling: FAST_POLLING, logger: quietLogger(), ...options });
  server = await serve(handler);
  return { handler, api: new Api(`${server.url}/api/seedance`), origin: server.url, port: new URL(server.url).port };
}

/** During an attack the server must still answer others quickly. */
async function expectLimitsAnswerQuickly(api: Api): Promise<void> {
  const started = performance.now();
  const res = await fetch(`${api.base}/limits`);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
}

/** A raw HTTP exchange, so a test can send any Host header and drip a body. */
function rawRequest(port: string, head: string, drip?: { chunk: string; everyMs: number }): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), '127.0.0.1');
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
      if (timer !== undefined) clearInterval(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text, ms: performance.now() - started });
    };
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', reject);
  });
}

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
