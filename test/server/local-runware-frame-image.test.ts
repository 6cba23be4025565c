import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRunwareResponse, stringifyJson } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware, type LocalRunwareOptions, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchFrameImage } from '../../packages/local-runware/src/fetch-frame-image.js';

// Frame image URLs are fetched by the simulator (to read the image's sides): over real HTTP on
// 127.0.0.1, a URL must not reach inside the network, read more than 10 MB or take forever.

const FAST = { ackDelayMs: 0, queueMs: 0, progressIntervalMs: 0, minRenderMs: 0 };
const jpeg = readFileSync(new URL('../fixtures/images/frame-640x360.jpg', import.meta.url));
const MB = 1024 * 1024;

/** What the image host was asked for, and how much it sent. */
const seen: string[] = [];
let hugeBytesSent = 0;
let images: Server;
let imagesUrl: string;
let closedPortUrl: string;

function route(req: IncomingMessage, res: ServerResponse) {
  seen.push(req.url ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/frame.jpg') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(jpeg);
  } else if (url.pathname === '/huge') {
    // 400 MB, chunked (no Content-Length to refuse it by), as fast as the reader takes it.
    res.writeHead(200, { 'content-type': 'image/png' });
    const chunk = Buffer.alloc(256 * 1024, 7);
    const pump = () => {
      while (hugeBytesSent < 400 * MB && !res.destroyed) {
        hugeBytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  } else if (url.pathname === '/declared-huge') {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(400 * MB) });
    res.write(Buffer.alloc(1024));
  } else if (url.pathname === '/hang') {
    // Never answers.
  } else if (url.pathname === '/text') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>port 6379 is open</html>');
  } else if (url.pathname === '/redirect') {
    const hops = Number(url.searchParams.get('hops') ?? 0);
    res.writeHead(302, { location: hops > 1 ? `/redirect?hops=${hops - 1}` : '/frame.jpg' });
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
}

beforeAll(async () => {
  images = createServer(route);
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/frame.jpg`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  images.closeAllConnections();
  await new Promise((resolve) => images.close(resolve));
});

let lr: LocalRunware | undefined;
let server: LocalRunwareServer | undefined;
afterEach(async () => {
  await lr?.close();
  lr = undefined;
  server = undefined;
  seen.length = 0;
});

async function startRunware(options: LocalRunwareOptions = {}) {
  lr = createLocalRunware({ timing: FAST, ...options });
  server = await lr.listen();
  return server.url;
}

/** Prices a task with only a frame image URL (a dry run reads the image's sides at once). */
async function priceWithImage(url: string): Promise<{ ok: boolean; code?: string; message?: string; ms: number }> {
  const started = performance.now();
  const task = { taskType: 'videoInference', taskUUID: randomUUID(), model: 'bytedance:2@2', positivePrompt: 'A lantern in the wind', resolution: '480p', duration: 1.2, inputs: { frameImages: [url] } };
  const response = await fetch(`${server!.url}/v1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-runware-dry-run': 'true' }, body: stringifyJson([task]) });
  const reply = parseRunwareResponse(await response.text());
  const error = reply.errors[0];
  return { ok: error === undefined, ...(error && { code: error.code, message: error.message }), ms: performance.now() - started };
}

/** The simulator answers other requests quickly meanwhile. */
async function expectPingQuick() {
  const started = performance.now();
  const ping = await fetch(`${server!.url}/v1`, { method: 'POST', body: '[{"taskType":"ping"}]' });
  expect(ping.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
}

describe('frame image URLs: no way inside the network', () => {
  it.each([
    ['loopback IPv4', () => `${imagesUrl}/frame.jpg`],
    ['a name resolving to loopback', () => `${imagesUrl.replace('127.0.0.1', 'localhost')}/frame.jpg`],
    ['IPv4-mapped IPv6 loopback', () => `${imagesUrl.replace('127.0.0.1', '[::ffff:127.0.0.1]')}/frame.jpg`],
    ['IPv6 loopback', () => `${imagesUrl.replace('127.0.0.1', '[::1]')}/frame.jpg`],
    ['unspecified 0.0.0.0', () => `${imagesUrl.replace('127.0.0.1', '0.0.0.0')}/frame.jpg`],
    ['127.0.0.1 written as a number', () => `${imagesUrl.replace('127.0.0.1', '2130706433')}/frame.jpg`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['AWS IPv6 metadata', () => 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['GCP metadata by name', () => 'http://metadata.google.internal/computeMetadata/v1/'],
    ['a private network', () => 'http://10.0.0.1/a.png'],
    ['carrier-grade NAT', () => 'http://100.64.0.1/a.png'],
    ['link-local IPv6', () => 'http://[fe80::1]/a.png'],
  ])('refuses %s by default, without a request to it', async (_name, url) => {
    await startRunware();
    const result = await priceWithImage(url());
    expect(result).toMatchObject({ ok: false, code: 'invalidFrameImages' });
    expect(seen).toEqual([]);
  });

  it('fetches them when allowPrivateImageHosts is set', async () => {
    await startRunware({ allowPrivateImageHosts: true });
    expect(await priceWithImage(`${imagesUrl}/frame.jpg`)).toMatchObject({ ok: true });
    expect(await priceWithImage(`${imagesUrl}/redirect?hops=5`)).toMatchObject({ ok: true });
    // A sixth redirect is one too many.
    expect(await priceWithImage(`${imagesUrl}/redirect?hops=6`)).toMatchObject({ ok: false, code: 'invalidFrameImages' });
  });
});

describe('frame image URLs: one answer for every failure', () => {
  it('gives the same code and text for a closed port, a timeout, a non-image, one too big, a 404 and a blocked address', async () => {
    await startRunware({ allowPrivateImageHosts: true, imageFetchTimeoutMs: 500 });
    const answers = [
      await priceWithImage(closedPortUrl),
      await priceWithImage(`${imagesUrl}/hang`),
      await priceWithImage(`${imagesUrl}/text`),
      await priceWithImage(`${imagesUrl}/declared-huge`),
      await priceWithImage(`${imagesUrl}/huge`),
      await priceWithImage(`${imagesUrl}/missing.png`),
    ];
    await lr!.close();
    await startRunware();
    answers.push(await priceWithImage(`${imagesUrl}/frame.jpg`));
    const distinct = new Set(answers.map((a) => `${a.code}: ${a.message}`));
    expect(distinct.size, [...distinct].join('\n')).toBe(1);
    expect(answers[0]).toMatchObject({ ok: false, code: 'invalidFrameImages' });
    expect(answers[0]!.message).not.toMatch(/HTTP|port|refused|timeout|127\.0\.0\.1/i);
    // The hanging host is given up on at the deadline.
    expect(answers[1]!.ms).toBeLessThan(2_000);
  });
});

describe('frame image URLs: at most 10 MB is read', () => {
  it('stops a 400 MB answer at the limit: memory stays flat, other requests are served', async () => {
    await startRunware({ allowPrivateImageHosts: true });
    hugeBytesSent = 0;
    globalThis.gc?.();
    const before = process.memoryUsage();
    const pending = priceWithImage(`${imagesUrl}/huge`);
    await expectPingQuick();
    const result = await pending;
    const after = process.memoryUsage();
    expect(result).toMatchObject({ ok: false, code: 'invalidFrameImages' });
    // 10 MB read plus what sat in socket buffers when the download was cancelled.
    expect(hugeBytesSent).toBeLessThan(40 * MB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(60 * MB);
    expect(after.rss - before.rss).toBeLessThan(150 * MB);
    console.info(
      `frame image 400 MB: sent ${(hugeBytesSent / MB).toFixed(1)} MB; rss +${((after.rss - before.rss) / MB).toFixed(0)} MB, arrayBuffers +${((after.arrayBuffers - before.arrayBuffers) / MB).toFixed(0)} MB`,
    );
  });
});

describe('fetchFrameImage: every redirect hop is checked', () => {
  it('refuses a public host that redirects to a private one, before asking it', async () => {
    // images.test "resolves" to a public address; the fetch goes to the local image host for it.
    const lookup = async (host: string) => (host === 'images.test' ? [{ address: '93.184.216.34' }] : [{ address: '127.0.0.1' }]);
    const asked: string[] = [];
    const redirecting: typeof fetch = async (input) => {
      const url = new URL(String(input));
      asked.push(url.href);
      if (url.hostname === 'images.test') return new Response(null, { status: 302, headers: { location: `${imagesUrl}/frame.jpg` } });
      return fetch(url);
    };
    const result = await fetchFrameImage('http://images.test/start.jpg', { fetch: redirecting, lookup, maxBytes: 10 * MB, timeoutMs: 2_000 });
    expect(result).toEqual({ ok: false });
    expect(asked).toEqual(['http://images.test/start.jpg']);
    expect(seen).toEqual([]);

    const sameButAllowed = await fetchFrameImage('http://images.test/start.jpg', { fetch: redirecting, lookup, maxBytes: 10 * MB, timeoutMs: 2_000, allowPrivateHosts: true });
    expect(sameButAllowed).toMatchObject({ ok: true, contentType: 'image/jpeg' });
  });

  it('refuses a name when any of its addresses is private, and schemes other than http(s)', async () => {
    const fetchSpy: typeof fetch = async () => new Response(jpeg, { headers: { 'content-type': 'image/jpeg' } });
    const mixed = async () => [{ address: '93.184.216.34' }, { address: '10.1.2.3' }];
    expect(await fetchFrameImage('http://mixed.test/a.jpg', { fetch: fetchSpy, lookup: mixed, maxBytes: 10 * MB, timeoutMs: 1_000 })).toEqual({ ok: false });
    const publicOnly = async () => [{ address: '93.184.216.34' }, { address: '2606:2800:220:1::1' }];
    expect(await fetchFrameImage('http://public.test/a.jpg', { fetch: fetchSpy, lookup: publicOnly, maxBytes: 10 * MB, timeoutMs: 1_000 })).toMatchObject({ ok: true });
    for (const url of ['file:///etc/passwd', 'ftp://public.test/a.jpg', 'http://user:pw@public.test/a.jpg']) {
      expect(await fetchFrameImage(url, { fetch: fetchSpy, lookup: publicOnly, maxBytes: 10 * MB, timeoutMs: 1_000, allowPrivateHosts: true })).toEqual({ ok: false });
    }
  });
});
