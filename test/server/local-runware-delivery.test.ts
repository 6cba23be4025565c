import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorFromRunware, parseJson, parseRunwareResponse, parseRunwareValue, stringifyJson, type JsonValue } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware, type LocalRunwareOptions, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// Renders take well under a second each; the margin is for loaded CI machines.
vi.setConfig({ testTimeout: 30_000 });

// Webhooks, uploads, expiry and every fault, over real HTTP on 127.0.0.1.

const FAST = { ackDelayMs: 0, queueMs: 0, progressIntervalMs: 0, minRenderMs: 0 };

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A real HTTP receiver (webhook target or upload bucket) that records what arrives. */
async function receiver(status: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status(received.length));
      res.end();
      for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    /** Resolves once `count` requests have arrived. */
    waitFor(count: number): Promise<Received[]> {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: LocalRunwareOptions = {}): Promise<{ lr: LocalRunware; server: LocalRunwareServer }> {
  const lr = createLocalRunware({ timing: FAST, ...options });
  cleanups.push(() => lr.close());
  const server = await lr.listen();
  return { lr, server };
}

async function hook(status?: (n: number) => number) {
  const r = await receiver(status);
  cleanups.push(r.close);
  return r;
}

type Task = Record<string, JsonValue>;
const videoTask = (over: Task = {}): Task => ({
  taskType: 'videoInference',
  taskUUID: randomUUID(),
  model: 'bytedance:2@2',
  positivePrompt: 'A drummer procession under lanterns',
  width: 864,
  height: 480,
  duration: 1.2,
  deliveryMethod: 'async',
  ...over,
});

async function post(server: LocalRunwareServer, body: unknown) {
  const response = await fetch(`${server.url}/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stringifyJson(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Polls until all results succeeded or an error arrived; returns the parsed last answer. */
async function settle(server: LocalRunwareServer, taskUUID: string, count = 1) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const reply = parseRunwareResponse((await post(server, [{ taskType: 'getResponse', taskUUID }])).text);
    if (reply.errors.length > 0 || reply.data.filter((d) => d.status === 'success').length === count) return reply;
    if (Date.now() > deadline) throw new Error(`${taskUUID} did not settle`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const successOf = (reply: ReturnType<typeof parseRunwareResponse>) => {
  const item = reply.data[0];
  if (item?.status !== 'success') throw new Error('no success');
  return item;
};

describe('webhooks', () => {
  it('POSTs one flat result per video, int64 seed exact, to the URL with its secret token', async () => {
    const { lr, server } = await start();
    const target = await hook();
    const task = videoTask({ numberResults: 2, seed: 9223372036854775806n, includeCost: true, webhookURL: `${target.url}/hooks/runware?token=s3cret` });
    expect((await post(server, [task])).status).toBe(200);
    const calls = await target.waitFor(2);
    const bodies = calls.map((c) => c.body.toString('utf8'));
    for (const call of calls) {
      expect(call.method).toBe('POST');
      expect(call.url).toBe('/hooks/runware?token=s3cret');
      expect(call.headers['content-type']).toMatch(/^application\/json/);
    }
    for (const body of bodies) {
      const json = parseJson(body) as Record<string, JsonValue>;
      expect(json.data).toBeUndefined(); // flat: no envelope
      expect(json).toMatchObject({ taskType: 'videoInference', taskUUID: task.taskUUID, status: 'success', cost: 0.00762 });
    }
    expect(bodies.some((b) => b.includes('"seed":9223372036854775806'))).toBe(true);
    expect(bodies.some((b) => b.includes('"seed":9223372036854775807'))).toBe(true);
    const items = bodies.map((b) => parseRunwareValue(parseJson(b)).data[0]);
    expect(new Set(items.map((i) => (i?.status === 'success' ? i.videoUUID : ''))).size).toBe(2);
    // Polling sees the same results.
    expect((await settle(server, task.taskUUID as string, 2)).data).toHaveLength(2);
    expect(lr.stats.webhooksSent).toBe(2);
  });

  it('retries until the receiver answers 2xx', async () => {
    const { lr, server } = await start();
    const target = await hook((n) => (n <= 2 ? 500 : 200));
    const task = videoTask({ webhookURL: `${target.url}/hook` });
    await post(server, [task]);
    const calls = await target.waitFor(3);
    expect(calls[0]?.body.equals(calls[2]?.body ?? Buffer.alloc(0))).toBe(true);
    expect(lr.stats.webhooksSent).toBe(3);
  });

  it('POSTs a task failure as a flat error object', async () => {
    const { server } = await start({ faults: [{ kind: 'moderation' }] });
    const target = await hook();
    const task = videoTask({ webhookURL: `${target.url}/hook` });
    await post(server, [task]);
    const [call] = await target.waitFor(1);
    const parsed = parseRunwareValue(parseJson(call?.body.toString('utf8') ?? ''));
    expect(parsed.errors[0]).toMatchObject({ code: 'contentPolicyViolation', taskUUID: task.taskUUID, status: 'error' });
  });
});

describe('uploadEndpoint', () => {
  it('PUTs the finished file as the raw body before reporting success', async () => {
    const { server } = await start();
    const bucket = await hook();
    const task = videoTask({ outputFormat: 'MOV', uploadEndpoint: `${bucket.url}/bucket/clip.mov?X-Amz-Signature=abc123` });
    await post(server, [task]);
    const item = successOf(await settle(server, task.taskUUID as string));
    // Success is only reported once the upload went through.
    expect(bucket.received).toHaveLength(1);
    const [put] = bucket.received;
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe('/bucket/clip.mov?X-Amz-Signature=abc123');
    expect(put?.headers['content-type']).toBe('video/quicktime');
    const served = Buffer.from(await (await fetch(item.videoURL)).arrayBuffer());
    expect(put?.body.equals(served)).toBe(true);
    expect(served.length).toBeGreaterThan(1000);
  });

  it('fails the result (taskFailed, parameter uploadEndpoint) when the upload is refused', async () => {
    const { lr, server } = await start();
    const bucket = await hook(() => 403);
    const task = videoTask({ uploadEndpoint: `${bucket.url}/denied` });
    await post(server, [task]);
    const reply = await settle(server, task.taskUUID as string);
    expect(reply.errors[0]).toMatchObject({ code: 'taskFailed', parameter: 'uploadEndpoint', taskUUID: task.taskUUID });
    expect(reply.errors[0]?.message).toMatch(/HTTP 403/);
    expect(bucket.received.length).toBeGreaterThan(1);
    expect(lr.stats.charged).toBe(0);
  });
});

describe('ttl and expiry', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-runware-ttl-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 410 once ttl seconds have passed, and deletes the file', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const { server } = await start({ now: () => clock, outputDir: dir });
    const task = videoTask({ ttl: 60 });
    await post(server, [task]);
    const item = successOf(await settle(server, task.taskUUID as string));
    const name = item.videoURL.split('/').pop() ?? '';
    expect((await fetch(item.videoURL)).status).toBe(200);
    clock += 59_000;
    expect((await fetch(item.videoURL)).status).toBe(200);
    expect(existsSync(join(dir, name))).toBe(true);
    clock += 2_000;
    const gone = await fetch(item.videoURL);
    expect(gone.status).toBe(410);
    expect(existsSync(join(dir, name))).toBe(false);
    // The result itself is still reported; only its URL died.
    expect(successOf(await settle(server, task.taskUUID as string)).videoURL).toBe(item.videoURL);
  });

  it('keeps files without ttl, and leaves a caller’s outputDir in place on close', async () => {
    const own = mkdtempSync(join(tmpdir(), 'local-runware-own-'));
    cleanups.push(() => rmSync(own, { recursive: true, force: true }));
    const lr = createLocalRunware({ timing: FAST, outputDir: own });
    const server = await lr.listen();
    const task = videoTask();
    await post(server, [task]);
    await settle(server, task.taskUUID as string);
    await lr.close();
    expect(readdirSync(own).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
  });
});

describe('faults', () => {
  it('slowAck: holds the answer back, the task is accepted all the same', async () => {
    const { server } = await start({ faults: [{ kind: 'slowAck', delayMs: 600, times: 1 }] });
    const task = videoTask();
    const started = performance.now();
    const reply = await post(server, [task]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(reply.status).toBe(200);
    const quick = performance.now();
    await post(server, [videoTask()]);
    expect(performance.now() - quick).toBeLessThan(590);
    expect(successOf(await settle(server, task.taskUUID as string)).taskUUID).toBe(task.taskUUID);
  });

  it('timeout: the task ends with timeoutProvider, nothing charged', async () => {
    const { lr, server } = await start({ faults: [{ kind: 'timeout', delayMs: 150 }] });
    const task = videoTask({ numberResults: 2 });
    await post(server, [task]);
    const during = parseRunwareResponse((await post(server, [{ taskType: 'getResponse', taskUUID: task.taskUUID }])).text);
    expect(during.data.every((d) => d.status === 'processing')).toBe(true);
    const reply = await settle(server, task.taskUUID as string, 2);
    expect(reply.data).toEqual([]);
    expect(reply.errors).toEqual([expect.objectContaining({ code: 'timeoutProvider', taskUUID: task.taskUUID })]);
    expect(errorFromRunware(reply.errors[0]!)).toMatchObject({ kind: 'provider', retryable: true });
    expect(lr.stats).toMatchObject({ rendered: 0, charged: 0 });
  });

  it.each([
    [undefined, 503, 'serviceUnavailable'],
    [500, 500, 'internalServerError'],
    [504, 504, 'serverError'],
  ])('serverError (status %s): HTTP %i %s, nothing accepted, a retry goes through', async (status, expected, code) => {
    const { lr, server } = await start({ faults: [{ kind: 'serverError', times: 1, ...(status !== undefined && { status }) }] });
    const task = videoTask();
    const failed = await post(server, [task]);
    expect(failed.status).toBe(expected);
    const parsed = parseRunwareResponse(failed.text);
    expect(parsed.errors[0]).toMatchObject({ code });
    expect(errorFromRunware(parsed.errors[0]!, failed.status)).toMatchObject({ kind: 'provider', retryable: true });
    expect(lr.stats.submitted).toBe(0);
    expect((await post(server, [task])).status).toBe(200);
  });

  it('serverError on a poll, only for the matched task', async () => {
    const { lr, server } = await start();
    const task = videoTask();
    const other = videoTask();
    await post(server, [task, other]);
    lr.injectFault({ kind: 'serverError', times: 1, match: (t) => t.taskUUID === task.taskUUID });
    expect((await post(server, [{ taskType: 'getResponse', taskUUID: other.taskUUID }])).status).toBe(200);
    expect((await post(server, [{ taskType: 'getResponse', taskUUID: task.taskUUID }])).status).toBe(503);
    expect(successOf(await settle(server, task.taskUUID as string)).taskUUID).toBe(task.taskUUID);
  });

  it('malformedJson: a cut-off 200 body, though the task was accepted', async () => {
    const { lr, server } = await start({ faults: [{ kind: 'malformedJson', times: 1 }] });
    const task = videoTask();
    const reply = await post(server, [task]);
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(parseRunwareResponse(reply.text).malformed[0]).toMatchObject({ where: 'body' });
    expect(lr.stats.submitted).toBe(1);
    // Sending it again is refused as a duplicate; polling finds it.
    expect(parseRunwareResponse((await post(server, [task])).text).errors[0]?.code).toBe('duplicateTaskUUID');
    expect(successOf(await settle(server, task.taskUUID as string)).taskUUID).toBe(task.taskUUID);
  });

  it('moderation: a contentPolicyViolation error for the matched task only', async () => {
    const { lr, server } = await start({ faults: [{ kind: 'moderation', match: (t) => t.positivePrompt.includes('forbidden') }] });
    const blocked = videoTask({ positivePrompt: 'a forbidden dance', includeCost: true });
    const fine = videoTask({ includeCost: true });
    await post(server, [blocked, fine]);
    const reply = await settle(server, blocked.taskUUID as string);
    expect(reply.errors).toEqual([expect.objectContaining({ code: 'contentPolicyViolation', taskUUID: blocked.taskUUID, parameter: 'positivePrompt' })]);
    expect(errorFromRunware(reply.errors[0]!)).toMatchObject({ kind: 'moderation', retryable: false });
    successOf(await settle(server, fine.taskUUID as string));
    expect(lr.stats).toMatchObject({ rendered: 1, charged: 0.00762 });
  });

  it('loseWebhook: one result is never POSTed, polling still has it', async () => {
    const { lr, server } = await start({ faults: [{ kind: 'loseWebhook', times: 1 }] });
    const target = await hook();
    const task = videoTask({ numberResults: 2, webhookURL: `${target.url}/hook` });
    await post(server, [task]);
    expect((await settle(server, task.taskUUID as string, 2)).data).toHaveLength(2);
    await target.waitFor(1);
    expect(lr.stats.webhooksSent).toBe(1);
    expect(target.received).toHaveLength(1);
  });

  it('duplicateWebhook: the same result POSTed twice', async () => {
    const { server } = await start({ faults: [{ kind: 'duplicateWebhook', times: 1 }] });
    const target = await hook();
    const task = videoTask({ webhookURL: `${target.url}/hook` });
    await post(server, [task]);
    const [first, second] = await target.waitFor(2);
    expect(first?.body.toString()).toBe(second?.body.toString());
  });

  it('expireUrl: the file URL answers 410 from the start', async () => {
    const { server } = await start({ faults: [{ kind: 'expireUrl', times: 1 }] });
    const task = videoTask();
    await post(server, [task]);
    const item = successOf(await settle(server, task.taskUUID as string));
    expect((await fetch(item.videoURL)).status).toBe(410);
    expect((await fetch(item.videoURL, { method: 'HEAD' })).status).toBe(410);
  });

  it('rateLimit: 429 queueFull twice (times: 2), then accepted', async () => {
    const { lr, server } = await start();
    lr.injectFault({ kind: 'rateLimit', times: 2 });
    const task = videoTask();
    for (let i = 0; i < 2; i++) {
      const reply = await post(server, [task]);
      expect(reply.status).toBe(429);
      const parsed = parseRunwareResponse(reply.text);
      expect(parsed.errors[0]).toMatchObject({ code: 'queueFull' });
      expect(errorFromRunware(parsed.errors[0]!, 429)).toMatchObject({ kind: 'rate_limit', retryable: true });
    }
    // Polls are not rate limited, and the refused task was never queued.
    expect(parseRunwareResponse((await post(server, [{ taskType: 'getResponse', taskUUID: task.taskUUID }])).text).errors[0]?.code).toBe('taskFailedOrNotFound');
    expect((await post(server, [task])).status).toBe(200);
  });

  it('insufficientCredits: 402, nothing accepted', async () => {
    const { lr, server } = await start({ faults: [{ kind: 'insufficientCredits' }] });
    const reply = await post(server, [videoTask()]);
    expect(reply.status).toBe(402);
    const parsed = parseRunwareResponse(reply.text);
    expect(parsed.errors[0]).toMatchObject({ code: 'insufficientCredits' });
    expect(errorFromRunware(parsed.errors[0]!, 402)).toMatchObject({ kind: 'credits', retryable: false });
    expect(lr.stats.submitted).toBe(0);
  });
});
