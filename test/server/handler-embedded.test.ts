import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import { createSeedanceHandler, type EffectiveLimits, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ffprobe } from './support/ffprobe.js';
import { Api, BASIC_INPUT, FAST_POLLING, FAST_TIMING, problemOf, quietLogger, serve, type Listening } from './support/harness.js';

let handler: SeedanceHandler | undefined;
let server: Listening | undefined;
let simulator: LocalRunware;

beforeEach(() => {
  // The embedded simulator is what runs when no key is around.
  vi.stubEnv('RUNWARE_API_KEY', '');
  vi.stubEnv('NODE_ENV', 'test');
});
afterEach(async () => {
  await server?.close();
  await handler?.close();
  // Closing twice is fine; a simulator no handler took is closed here.
  await simulator?.close();
  server = undefined;
  handler = undefined;
  vi.unstubAllEnvs();
});

async function start(options: SeedanceHandlerOptions = {}) {
  const local = localRunwareProvider({ timing: FAST_TIMING });
  simulator = local.localRunware;
  handler = createSeedanceHandler({ provider: local, polling: FAST_POLLING, logger: quietLogger(), ...options });
  server = await serve(handler);
  return { handler, api: new Api(`${server.url}/api/seedance`), origin: server.url };
}

describe('the local Runware as the provider (in-process)', () => {
  it('runs tasks in-process and serves their files under the handler, with Range', async () => {
    const { handler, api, origin } = await start();
    expect(handler.provider?.name).toBe('local');
    expect((await api.request<EffectiveLimits>('/limits')).body.provider).toBe('local');

    const created = await api.create({ ...BASIC_INPUT, outputFormat: 'MOV' });
    expect(created.status).toBe(201);
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    const url = new URL(done.results[0]!.videoURL);
    expect(url.origin).toBe(origin);
    expect(url.pathname).toMatch(/^\/api\/seedance\/files\/[\w-]+\.mov$/);
    // The expiry (seconds, base 36), then the signature.
    expect(url.searchParams.get('token')).toMatch(/^[0-9a-z]+\.[\w-]{43}$/);
    expect(simulator.stats.submitted).toBe(1);

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/quicktime');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(Number(whole.headers.get('content-length'))).toBe(bytes.length);

    const part = await fetch(url, { headers: { range: 'bytes=10-109' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-109/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 110));

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));

    const dir = await mkdtemp(join(tmpdir(), 'seedance-embedded-'));
    try {
      await writeFile(join(dir, 'v.mov'), bytes);
      const video = await ffprobe(join(dir, 'v.mov'));
      expect(video).toMatchObject({ width: 864, height: 480, fps: 24, codec: 'h264' });
      expect(video.majorBrand?.trim()).toBe('qt');
      expect(Math.abs(video.frames - 29)).toBeLessThanOrEqual(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves a file only with its signed token', async () => {
    const { api } = await start();
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    const url = new URL(done.results[0]!.videoURL);
    for (const token of [null, 'x'.repeat(43), created.body.token]) {
      const wrong = new URL(url);
      if (token === null) wrong.searchParams.delete('token');
      else wrong.searchParams.set('token', token);
      const res = await api.request(wrong.toString());
      expect(res.status).toBe(404);
      expect(problemOf(res)).toMatchObject({ code: 'file_not_found' });
    }
    const other = new URL(url);
    other.pathname = other.pathname.replace(/[\w-]+\.mp4$/, 'made-up.mp4');
    expect((await api.request(other.toString())).status).toBe(404);
  });

  it('answers 410 for an expired file (expireUrl)', async () => {
    const { handler, api } = await start();
    simulator.injectFault({ kind: 'expireUrl' });
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    const res = await api.request(done.results[0]!.videoURL);
    expect(res.status).toBe(410);
    expect(problemOf(res)).toMatchObject({ code: 'file_not_found', kind: 'not_found' });
  });

  it('delivers webhooks in-process when asked to (no port, no public URL)', async () => {
    const { handler, api } = await start({ webhook: { fallbackPollMs: 60_000 } });
    const created = await api.create({ ...BASIC_INPUT, numberResults: 2 });
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(simulator.stats.webhooksSent).toBe(2);
    expect(simulator.stats.polls).toBe(0);
  });

  it('uses a given local Runware instance, which it leaves open', async () => {
    const local = createLocalRunware({ timing: FAST_TIMING });
    try {
      const { handler, api } = await start({ provider: localRunwareProvider(local) });
      const created = await api.create(BASIC_INPUT);
      const done = await api.finished(created.body.task.id, created.body.token);
      expect(done.status).toBe('succeeded');
      expect((await api.request(done.results[0]!.videoURL)).status).toBe(200);
      await handler.close();
      expect(local.stats.submitted).toBe(1);
      // Still usable after the handler closed.
      expect((await local.fetch(new Request('http://x/v1', { method: 'POST', body: '[{"taskType":"ping"}]' }))).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('uses RUNWARE_API_KEY from the environment when set', async () => {
    vi.stubEnv('RUNWARE_API_KEY', 'rw-env-key-xyz');
    const { handler, api } = await start({ provider: undefined });
    expect(handler.provider?.name).toBe('runware');
    expect((await api.request<EffectiveLimits>('/limits')).body.provider).toBe('runware');
  });
});

describe('with no key and no provider', () => {
  it('in development, finds the installed local Runware and says once that videos are simulated', async () => {
    const lines: string[] = [];
    const { handler, api } = await start({ provider: undefined, logger: quietLogger(lines) });
    expect((await api.request<EffectiveLimits>('/limits')).body.provider).toBe('local');
    expect(handler.provider?.name).toBe('local');
    const created = await api.create(BASIC_INPUT);
    expect((await api.finished(created.body.task.id, created.body.token)).status).toBe('succeeded');
    expect(lines.filter((line) => /simulated/.test(line))).toHaveLength(1);
  });

  it('in production, serves nothing fake: 503 provider_not_configured naming RUNWARE_API_KEY, logged once', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const lines: string[] = [];
    const { handler, api } = await start({ provider: undefined, logger: quietLogger(lines) });
    for (const path of ['/limits', '/tasks/some-task']) {
      const res = await api.request(path);
      expect(res.status).toBe(503);
      expect(problemOf(res)).toMatchObject({ code: 'provider_not_configured', kind: 'provider', retryable: false });
      expect(problemOf(res).detail).toMatch(/RUNWARE_API_KEY/);
    }
    const created = await api.create(BASIC_INPUT);
    expect(created.status).toBe(503);
    expect(handler.provider).toBeUndefined();
    expect(lines.filter((line) => /not configured/.test(line))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/RUNWARE_API_KEY/);
    expect(simulator.stats.submitted).toBe(0);
  });

  it('in production, still runs the local Runware when it is passed as the provider', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const { api } = await start();
    expect((await api.request<EffectiveLimits>('/limits')).body.provider).toBe('local');
  });
});

describe('the key in a variable bundlers ship to browsers', () => {
  for (const name of ['NEXT_PUBLIC_RUNWARE_API_KEY', 'VITE_RUNWARE_API_KEY', 'PUBLIC_RUNWARE_KEY']) {
    it(`refuses to start with ${name}, naming it but never its value`, () => {
      vi.stubEnv(name, 'rw-secret-value-123456');
      let message = '';
      try {
        createSeedanceHandler({ apiKey: 'rw-secret-value-123456', logger: quietLogger() });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(name);
      expect(message).not.toContain('rw-secret-value-123456');
    });
  }

  it('refuses the key under any public name, found by its value', () => {
    vi.stubEnv('RUNWARE_API_KEY', 'rw-secret-value-123456');
    vi.stubEnv('NEXT_PUBLIC_VIDEO_CONFIG', 'rw-secret-value-123456');
    expect(() => createSeedanceHandler({ logger: quietLogger() })).toThrow(/NEXT_PUBLIC_VIDEO_CONFIG/);
  });

  it('starts when public variables hold other things', () => {
    vi.stubEnv('NEXT_PUBLIC_SITE_NAME', 'Video studio');
    const handler = createSeedanceHandler({ apiKey: 'rw-secret-value-123456', logger: quietLogger() });
    return handler.close();
  });
});
