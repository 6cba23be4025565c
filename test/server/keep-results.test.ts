import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import { keepOnDisk } from '@seedance-kit/core/node';
import { createMemoryTaskStore, createSeedanceHandler, type FinishedVideo, type SeedanceHandlerOptions, type TaskSnapshot, type TaskStore } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeepOnDiskApp } from '../../examples/keep-on-disk/app.js';
import { ffprobe } from './support/ffprobe.js';
import { Api, BASIC_INPUT, expectSameBytes, FAKE_KEY, FAST_POLLING, FAST_TIMING, listen, quietLogger, SECRET, serve, startStack, type Listening, type Stack } from './support/harness.js';

let dir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seedance-keep-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Reads the task until `done` holds (keeping runs after the result is delivered). */
async function waitForTask(api: Api, id: string, token: string, done: (s: TaskSnapshot) => boolean, timeoutMs = 15_000): Promise<TaskSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.get(id, token);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`Task ${id} never got there: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const allKept = (prefix: string) => (s: TaskSnapshot) => s.status === 'succeeded' && s.results.length > 0 && s.results.every((r) => r.videoURL.startsWith(prefix));

async function startExample(handler: Parameters<typeof createKeepOnDiskApp>[0]['handler'] = {}) {
  const local = localRunwareProvider({ timing: FAST_TIMING });
  const app = createKeepOnDiskApp({ dir, handler: { provider: local, polling: FAST_POLLING, logger: quietLogger(), ...handler } });
  // Count calls without changing what the example does.
  const server = await listen(
    createServer((req, res) => {
      app.listener(req, res);
    }),
  );
  cleanups.push(async () => {
    await server.close();
    await app.handler.close();
  });
  return { app, origin: server.url, api: new Api(`${server.url}/api/seedance`), simulator: local.localRunware };
}

describe('keepResult with keepOnDisk (examples/keep-on-disk, embedded local Runware, real HTTP)', () => {
  it('keeps each video once on disk, serves it with Range, and snapshots serve the kept URL from then on', async () => {
    const { api, origin, simulator } = await startExample({ resultTtlSeconds: 3_600 });
    const created = await api.create({ ...BASIC_INPUT, numberResults: 2 });
    expect(created.status).toBe(201);
    const { id } = created.body.task;
    const token = created.body.token;

    // Delivered at once with the provider's (signed, handler-served) URL and its expiry.
    const finished = await api.finished(id, token);
    expect(finished.status).toBe('succeeded');

    const kept = await waitForTask(api, id, token, allKept('/videos/'));
    expect(kept.results).toHaveLength(2);
    for (const result of kept.results) {
      expect(result.videoURL).toBe(`/videos/${result.videoUUID}.mp4`);
      expect(result.expiresAt).toBeUndefined();
    }
    expect((await readdir(dir)).sort()).toEqual(kept.results.map((r) => `${r.videoUUID}.mp4`).sort());
    expect(simulator.stats.submitted).toBe(1);

    const url = `${origin}${kept.results[0]!.videoURL}`;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expectSameBytes(bytes, await readFile(join(dir, `${kept.results[0]!.videoUUID}.mp4`)));
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
    expect((await fetch(`${origin}/videos/..%2Fsecret.mp4`)).status).toBe(404);

    const video = await ffprobe(join(dir, `${kept.results[0]!.videoUUID}.mp4`));
    expect(video).toMatchObject({ width: 864, height: 480, fps: 24 });

    // A fresh stream (a resumed client) gets the kept URLs too.
    const resumed = await api.finished(id, token);
    expect(resumed.results.map((r) => r.videoURL).sort()).toEqual(kept.results.map((r) => r.videoURL).sort());
  });
});

/** A keepResult that counts its calls and does what `behave` says. */
function countingKeeper(behave: (video: FinishedVideo) => Promise<string | undefined>) {
  const calls: FinishedVideo[] = [];
  return {
    calls,
    keep: async (video: FinishedVideo) => {
      calls.push(video);
      return behave(video);
    },
  };
}

describe('keepResult: once per video, its metadata and bytes, and what a failure leaves', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('is called once per video with its metadata and bytes, even with duplicated webhooks and fallback polls', async () => {
    const kept = keepOnDisk({ dir, publicPath: 'https://cdn.example.com/videos' });
    const keeper = countingKeeper((video) => kept(video));
    const local = localRunwareProvider({ timing: FAST_TIMING, faults: [{ kind: 'duplicateWebhook' }] });
    const handler = createSeedanceHandler({ provider: local, polling: FAST_POLLING, webhook: { fallbackPollMs: 20 }, keepResult: keeper.keep, logger: quietLogger() });
    const server = await serve(handler);
    cleanups.push(async () => {
      await server.close();
      await handler.close();
    });
    const api = new Api(`${server.url}/api/seedance`);
    const created = await api.create({ ...BASIC_INPUT, numberResults: 3, seed: '42' });
    const { id } = created.body.task;
    const done = await waitForTask(api, id, created.body.token, allKept('https://cdn.example.com/videos/'));
    // Duplicates and fallback polls had time to arrive after the last keep.
    await new Promise((r) => setTimeout(r, 300));
    expect(local.localRunware.stats.webhooksSent).toBeGreaterThanOrEqual(6);
    expect(keeper.calls.map((c) => c.videoUUID).sort()).toEqual(done.results.map((r) => r.videoUUID).sort());
    const first = keeper.calls[0]!;
    expect(first).toMatchObject({ taskUUID: id, extension: 'mp4', contentType: 'video/mp4', owner: 'anonymous', attempt: 1 });
    expect(first.input).toMatchObject({ positivePrompt: BASIC_INPUT.positivePrompt, numberResults: 3, seed: '42' });
    expect(first.cost).toBeGreaterThan(0);
    expect(first.seed).toMatch(/^\d+$/);
    expect(first.videoURL).toMatch(/^http:\/\/local-runware\.invalid\/files\//);
  });

  it('streams the bytes from the provider URL over HTTP, and after every attempt threw, keeps the provider URL and logs', async () => {
    const sizes: number[] = [];
    const keeper = countingKeeper(async (video) => {
      const response = await video.fetchVideo();
      sizes.push((await response.arrayBuffer()).byteLength);
      throw new Error('bucket unavailable');
    });
    stack = await startStack({ handler: { keepResult: { keep: keeper.keep, attempts: 2, retryDelayMs: 10 }, resultTtlSeconds: 600 } });
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const finished = await stack.api.finished(id, created.body.token);
    expect(finished.status).toBe('succeeded');
    const providerUrl = finished.results[0]!.videoURL;
    expect(providerUrl.startsWith(stack.runwareUrl)).toBe(true);

    await expect.poll(() => stack!.logLines.some((line) => /keepResult gave up on video/.test(line)), { timeout: 10_000 }).toBe(true);
    expect(keeper.calls.map((c) => c.attempt)).toEqual([1, 2]);
    expect(sizes[0]).toBeGreaterThan(1_000);
    expect(sizes[1]).toBe(sizes[0]);
    expect(stack.logLines.filter((line) => /keepResult failed for video/.test(line))).toHaveLength(2);
    const after = await stack.api.get(id, created.body.token);
    expect(after.body.status).toBe('succeeded');
    expect(after.body.results[0]).toMatchObject({ videoURL: providerUrl, expiresAt: finished.results[0]!.expiresAt });
    expect((await stack.handler.store.get(id))?.kept?.[finished.results[0]!.videoUUID]).toMatchObject({ state: 'failed', error: 'bucket unavailable', attempts: 2 });
  });

  it('a keeper that returns nothing keeps the provider URL (and its expiry) in snapshots', async () => {
    const keeper = countingKeeper(async () => undefined);
    stack = await startStack({ handler: { keepResult: keeper.keep, resultTtlSeconds: 600 } });
    const created = await stack.api.create(BASIC_INPUT);
    const finished = await stack.api.finished(created.body.task.id, created.body.token);
    const videoUUID = finished.results[0]!.videoUUID;
    await expect.poll(async () => (await stack!.handler.store.get(created.body.task.id))?.kept?.[videoUUID]?.state).toBe('kept');
    const after = await stack.api.get(created.body.task.id, created.body.token);
    expect(after.body.results[0]!.videoURL).toBe(finished.results[0]!.videoURL);
    expect(after.body.results[0]!.expiresAt).toBeDefined();
    expect(keeper.calls).toHaveLength(1);
  });
});

describe('keepResult when an instance stops mid-call (two handlers, one store)', () => {
  let runware: LocalRunware;
  let runwareServer: Listening;
  const store: TaskStore = createMemoryTaskStore();
  beforeEach(async () => {
    runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING });
    runwareServer = await runware.listen();
    cleanups.push(async () => {
      await runwareServer.close();
      await runware.close();
    });
  });

  async function instance(keepResult?: SeedanceHandlerOptions['keepResult']) {
    const handler = createSeedanceHandler({
      apiKey: FAKE_KEY,
      baseUrl: `${runwareServer.url}/v1`,
      store,
      secret: SECRET,
      polling: FAST_POLLING,
      logger: quietLogger(),
      ...(keepResult && { keepResult }),
    });
    const server = await serve(handler);
    cleanups.push(async () => {
      await server.close();
      await handler.close();
    });
    return { handler, api: new Api(`${server.url}/api/seedance`) };
  }

  it('a handler closing mid-call lets its claim go; the next one to read the task keeps the video, once', async () => {
    let started!: () => void;
    const called = new Promise<void>((resolve) => (started = resolve));
    const stuck = countingKeeper(
      (video) =>
        new Promise((_, reject) => {
          started();
          video.signal.addEventListener('abort', () => reject(new Error('closing')), { once: true });
        }),
    );
    const a = await instance(stuck.keep);
    const kept = keepOnDisk({ dir, publicPath: '/videos' });
    const healthy = countingKeeper((video) => kept(video));
    const b = await instance(healthy.keep);

    const created = await a.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    await called;
    await a.handler.close();
    const videoUUID = stuck.calls[0]!.videoUUID;
    expect((await store.get(id))?.kept?.[videoUUID]).toMatchObject({ state: 'keeping', claim: '' });

    const done = await waitForTask(b.api, id, created.body.token, allKept('/videos/'));
    expect(done.results[0]!.videoURL).toBe(`/videos/${videoUUID}.mp4`);
    expect(stuck.calls).toHaveLength(1);
    expect(healthy.calls.map((c) => c.videoUUID)).toEqual([videoUUID]);
    expect(runware.stats.submitted).toBe(1);
  });

  it('a claim left by an instance that died is taken over once it is older than the claim span', async () => {
    const plain = await instance();
    const created = await plain.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const finished = await plain.api.finished(id, created.body.token);
    const videoUUID = finished.results[0]!.videoUUID;
    // What a crashed instance leaves behind: a claim nobody renews.
    const claim = (since: number) =>
      store.update(id, (current) => ({ ...current, kept: { [videoUUID]: { state: 'keeping', claim: 'dead-instance', since, attempts: 1 } } }));

    const healthy = countingKeeper(async (video) => `https://cdn.example.com/${video.videoUUID}.mp4`);
    const b = await instance({ keep: healthy.keep, timeoutMs: 1_000, retryDelayMs: 10 });
    await claim(Date.now());
    await b.api.get(id, created.body.token);
    await new Promise((r) => setTimeout(r, 200));
    expect(healthy.calls).toHaveLength(0); // a live claim is left alone

    await claim(Date.now() - 60_000);
    const done = await waitForTask(b.api, id, created.body.token, allKept('https://cdn.example.com/'));
    expect(done.results[0]!.videoURL).toBe(`https://cdn.example.com/${videoUUID}.mp4`);
    await b.api.get(id, created.body.token);
    expect(healthy.calls.map((c) => c.attempt)).toEqual([2]);
  });
});

describe('uploadEndpoint: Runware PUTs the file to a presigned URL the server sets', () => {
  it('sends the per-task PUT URL to Runware, which uploads the video; snapshots serve the public URL', async () => {
    const uploads = new Map<string, { bytes: Buffer; type: string | undefined }>();
    const storage = await listen(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          if (req.method === 'PUT' && req.url?.startsWith('/put/')) {
            uploads.set(req.url.slice('/put/'.length).split('?')[0]!, { bytes: Buffer.concat(chunks), type: req.headers['content-type'] });
            res.writeHead(200).end();
          } else res.writeHead(404).end();
        });
      }),
    );
    cleanups.push(() => storage.close());
    const stack = await startStack({
      handler: {
        uploadEndpoint: ({ taskUUID, input }) => ({
          putUrl: `${storage.url}/put/${taskUUID}.mp4?X-Amz-Signature=secret-signature-${input.duration}`,
          publicUrl: `https://cdn.example.com/${taskUUID}.mp4`,
        }),
        resultTtlSeconds: 600,
      },
    });
    cleanups.push(() => stack.close());
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const finished = await stack.api.finished(id, created.body.token);
    expect(finished.status).toBe('succeeded');
    expect(finished.results[0]!.videoURL).toBe(`https://cdn.example.com/${id}.mp4`);
    expect(finished.results[0]!.expiresAt).toBeUndefined();

    const upload = uploads.get(`${id}.mp4`);
    expect(upload?.type).toBe('video/mp4');
    const file = join(dir, 'uploaded.mp4');
    await writeFile(file, upload!.bytes);
    expect(await ffprobe(file)).toMatchObject({ width: 864, height: 480, fps: 24 });
    // The presigned URL is the server's secret: never in a response.
    expect(stack.api.transcript.text).not.toContain('secret-signature');
  });

  it('with several results per task, snapshots keep the provider URLs (all PUTs go to the one URL)', async () => {
    const puts: string[] = [];
    const storage = await listen(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          puts.push(req.url ?? '');
          res.writeHead(200).end();
        });
      }),
    );
    cleanups.push(() => storage.close());
    const stack = await startStack({ handler: { uploadEndpoint: ({ taskUUID }) => ({ putUrl: `${storage.url}/put/${taskUUID}`, publicUrl: `https://cdn.example.com/${taskUUID}` }) } });
    cleanups.push(() => stack.close());
    const created = await stack.api.create({ ...BASIC_INPUT, numberResults: 2 });
    const finished = await stack.api.finished(created.body.task.id, created.body.token);
    expect(finished.results).toHaveLength(2);
    for (const result of finished.results) expect(result.videoURL.startsWith(stack.runwareUrl)).toBe(true);
    expect(puts).toEqual([`/put/${created.body.task.id}`, `/put/${created.body.task.id}`]);
  });
});

describe('honest cancel', () => {
  it('a cancelled task says the kit stopped waiting and the provider may still make (and bill) the video', async () => {
    const stack = await startStack({ runware: { timing: { ...FAST_TIMING, minRenderMs: 2_000 } } });
    cleanups.push(() => stack.close());
    const created = await stack.api.create(BASIC_INPUT);
    const { id } = created.body.task;
    const cancelled = await stack.api.cancel(id, created.body.token);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', providerMayFinish: true });
    expect((await stack.api.get(id, created.body.token)).body).toMatchObject({ status: 'cancelled', providerMayFinish: true });
    // Runware has no cancel: the simulator still makes (and charges for) it.
    await expect.poll(() => stack.runware.stats.rendered, { timeout: 10_000 }).toBe(1);
  });

  it('says the provider will not make it when the submit it was cancelled during was refused', async () => {
    // Runware answers the submit slowly, then refuses it (no credits); meanwhile the task is cancelled.
    const slowFetch: typeof fetch = async (input, init) => {
      await new Promise((r) => setTimeout(r, 400));
      return fetch(input, init);
    };
    const stack = await startStack({ faults: [{ kind: 'insufficientCredits' }], handler: { fetch: slowFetch, retry: { submitRetries: 0, requestTimeoutMs: 5_000 } } });
    cleanups.push(() => stack.close());
    const key = crypto.randomUUID();
    const first = stack.api.create(BASIC_INPUT, { key });
    await new Promise((r) => setTimeout(r, 150));
    // The same request again (a retry) answers with the task still being submitted.
    const replay = await stack.api.create(BASIC_INPUT, { key });
    expect(replay.body.task.status).toBe('submitting');
    const cancelled = await stack.api.cancel(replay.body.task.id, replay.body.token);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', providerMayFinish: true });
    await first;
    const after = await stack.api.get(replay.body.task.id, replay.body.token);
    expect(after.body).toMatchObject({ status: 'cancelled', providerMayFinish: false });
    expect(stack.runware.stats.submitted).toBe(0);
  });
});
