import { createHash, randomUUID } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseJson, parseRunwareResponse, stringifyJson, type JsonValue, type RunwareVideoItem } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ffprobe } from './support/ffprobe.js';

// Real files over real HTTP on 127.0.0.1: what comes out is checked with ffprobe.

// Renders take well under a second each here; the margin is for slow CI machines.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const FAST = { ackDelayMs: 0, queueMs: 0, progressIntervalMs: 0, minRenderMs: 0 };
const goldenDir = new URL('../fixtures/golden/', import.meta.url);
const golden = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace('.request.json', ''));
const readGolden = (file: string) => parseJson(readFileSync(new URL(file, goldenDir), 'utf8')) as Record<string, JsonValue>;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const dataUri = (type: string, name: string) => `data:${type};base64,${fixture(name).toString('base64')}`;

let lr: LocalRunware;
let server: LocalRunwareServer;
let scratch: string;
let images: Server;
let imagesUrl: string;

beforeAll(async () => {
  // The frame images below are served from 127.0.0.1.
  lr = createLocalRunware({ timing: FAST, allowPrivateImageHosts: true });
  server = await lr.listen();
  scratch = mkdtempSync(join(tmpdir(), 'local-runware-video-test-'));
  // A real image host for frame images given as URLs.
  images = createServer((req, res) => {
    if (req.url === '/frame.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(fixture('frame-640x360.jpg'));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await lr.close();
  await new Promise((resolve) => images.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

type Task = Record<string, JsonValue>;
const videoTask = (over: Task = {}): Task => ({
  taskType: 'videoInference',
  taskUUID: randomUUID(),
  model: 'bytedance:2@2',
  positivePrompt: 'Lanterns sway as a dancer crosses a desert stage',
  width: 864,
  height: 480,
  duration: 1.2,
  ...over,
});

async function post(body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stringifyJson(body) });
  return { status: response.status, text: await response.text() };
}

type Success = Extract<RunwareVideoItem, { status: 'success' }>;

/** Submits tasks over HTTP and polls (as Runware's SDK would, faster) until each is done. */
async function generate(...tasks: Task[]): Promise<Map<string, Success[]>> {
  return generateWithin(30_000, ...tasks);
}

async function generateWithin(ms: number, ...tasks: Task[]): Promise<Map<string, Success[]>> {
  const ack = await post(tasks);
  expect(ack.status, ack.text).toBe(200);
  const done = new Map<string, Success[]>();
  const deadline = Date.now() + ms;
  while (done.size < tasks.length) {
    for (const task of tasks) {
      const uuid = task.taskUUID as string;
      if (done.has(uuid)) continue;
      const reply = parseRunwareResponse((await post([{ taskType: 'getResponse', taskUUID: uuid }])).text);
      if (reply.errors.length > 0) throw new Error(`${uuid} failed: ${JSON.stringify(reply.errors)}`);
      const successes = reply.data.filter((d): d is Success => d.status === 'success');
      if (successes.length === ((task.numberResults as number | undefined) ?? 1)) done.set(uuid, successes);
    }
    if (Date.now() > deadline) throw new Error('videos did not finish in time');
    await new Promise((r) => setTimeout(r, 30));
  }
  return done;
}

/** Downloads a result over HTTP into the scratch dir and probes it. */
async function download(item: Success) {
  const response = await fetch(item.videoURL);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = join(scratch, item.videoURL.split('/').pop() ?? randomUUID());
  writeFileSync(file, bytes);
  return { response, bytes, file, probe: await ffprobe(file) };
}

describe('the four examples on the provider page, rendered', () => {
  it('gives files of the asked size, 24 fps, 6 s = 144 frames, H.264 MP4, at the page’s cost and seed', async () => {
    const tasks = golden.map((name) => ({ ...readGolden(`${name}.request.json`), includeCost: true }));
    const results = await generateWithin(80_000, ...tasks);
    for (const name of golden) {
      const request = readGolden(`${name}.request.json`);
      const page = readGolden(`${name}.response.json`);
      const [item] = results.get(request.taskUUID as string) ?? [];
      if (!item) throw new Error(`no result for ${name}`);
      expect(item).toMatchObject({ taskUUID: request.taskUUID, seed: String(page.seed), cost: page.cost });
      expect(item.videoURL).toMatch(new RegExp(`^${server.url}/files/${item.videoUUID}\\.mp4$`));
      const { response, probe } = await download(item);
      expect(response.headers.get('content-type')).toBe('video/mp4');
      expect(probe).toMatchObject({
        codec: 'h264',
        width: request.width,
        height: request.height,
        fps: 24,
        frames: 144,
        pixelFormat: 'yuv420p',
        majorBrand: 'isom',
      });
      expect(probe.formatName).toContain('mp4');
      expect(probe.duration).toBeCloseTo(6, 1);
    }
    // Four 6 s videos up to 1080p: seconds of ffmpeg each, many more when the cores are shared.
  }, 100_000);
});

describe('formats, sizes and durations', () => {
  it.each([
    ['MP4', 'video/mp4', 'h264', 'mp4', 'isom'],
    ['WEBM', 'video/webm', 'vp9', 'webm', undefined],
    ['MOV', 'video/quicktime', 'h264', 'mov', 'qt  '],
  ])('%s: %s, %s', async (outputFormat, contentType, codec, ext, brand) => {
    const task = videoTask({ outputFormat, duration: 1.3 });
    const [item] = (await generate(task)).get(task.taskUUID as string) ?? [];
    if (!item) throw new Error('no result');
    expect(item.videoURL.endsWith(`.${ext}`)).toBe(true);
    const { response, probe } = await download(item);
    expect(response.headers.get('content-type')).toBe(contentType);
    // 1.3 s × 24 = 31.2 → 31 whole frames.
    expect(probe).toMatchObject({ codec, width: 864, height: 480, fps: 24, frames: 31, pixelFormat: 'yuv420p' });
    expect(probe.duration).toBeCloseTo(31 / 24, 2);
    expect(probe.formatName).toContain(ext === 'webm' ? 'webm' : 'mov');
    expect(probe.majorBrand).toBe(brand);
  });

  it.each([
    ['a 1080p preset', 1920, 1088, { resolution: '1080p' }],
    ['a 480p preset', 864, 480, { resolution: '480p' }],
    ['a 16:9 image alone (480p)', 864, 480, { inputs: { frameImages: [dataUri('image/png', 'frame-640x360.png')] } }],
    ['a 401×303 image with 480p (nearest 4:3)', 736, 544, { resolution: '480p', inputs: { frameImages: [{ image: dataUri('image/webp', 'frame-401x303-vp8l.webp'), frame: 'first' }] } }],
    ['a 500×320 image with 1080p (nearest 16:9)', 1920, 1088, { resolution: '1080p', inputs: { frameImages: [dataUri('image/webp', 'frame-500x320-vp8x.webp')] } }],
    ['a 9:16 size', 480, 864, { width: 480, height: 864 }],
    ['a 21:9 size', 2176, 928, { width: 2176, height: 928 }],
  ])('%s → %i×%i', async (_name, width, height, over) => {
    const task = videoTask({ width: undefined as unknown as JsonValue, height: undefined as unknown as JsonValue, ...(over as Task) });
    if (task.width === undefined) delete task.width;
    if (task.height === undefined) delete task.height;
    const [item] = (await generate(task)).get(task.taskUUID as string) ?? [];
    if (!item) throw new Error('no result');
    const { probe } = await download(item);
    expect(probe).toMatchObject({ width, height, fps: 24, frames: 29 });
  });

  it('reads the size of a frame image given as a URL', async () => {
    const task = videoTask({ resolution: '480p', inputs: { frameImages: [{ image: `${imagesUrl}/frame.jpg`, frame: 'first' }] } });
    delete task.width;
    delete task.height;
    const [item] = (await generate(task)).get(task.taskUUID as string) ?? [];
    if (!item) throw new Error('no result');
    expect((await download(item)).probe).toMatchObject({ width: 864, height: 480 });
  });

  it('fails the task when the frame image URL cannot be read', async () => {
    const task = videoTask({ resolution: '480p', inputs: { frameImages: [`${imagesUrl}/missing.png`] } });
    delete task.width;
    delete task.height;
    expect((await post([task])).status).toBe(200);
    let reply = parseRunwareResponse('');
    for (let i = 0; i < 200 && reply.errors.length === 0; i++) {
      reply = parseRunwareResponse((await post([{ taskType: 'getResponse', taskUUID: task.taskUUID }])).text);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reply.errors[0]).toMatchObject({ code: 'invalidFrameImages', parameter: 'inputs.frameImages', taskUUID: task.taskUUID });
  });

  it('makes the full 12 s at 12 × 24 = 288 frames', async () => {
    const task = videoTask({ duration: 12, width: 640, height: 640 });
    const [item] = (await generate(task)).get(task.taskUUID as string) ?? [];
    if (!item) throw new Error('no result');
    const { probe } = await download(item);
    expect(probe).toMatchObject({ width: 640, height: 640, frames: 288 });
    expect(probe.duration).toBeCloseTo(12, 1);
  });
});

describe('numberResults', () => {
  it('4 results: 4 distinct seeds, 4 distinct files', async () => {
    const task = videoTask({ numberResults: 4, seed: 9223372036854775804n });
    const items = (await generate(task)).get(task.taskUUID as string) ?? [];
    expect(items.map((i) => i.seed)).toEqual(['9223372036854775804', '9223372036854775805', '9223372036854775806', '9223372036854775807']);
    expect(new Set(items.map((i) => i.videoUUID)).size).toBe(4);
    const files = await Promise.all(items.map(download));
    const hashes = files.map((f) => createHash('sha256').update(f.bytes).digest('hex'));
    expect(new Set(hashes).size).toBe(4);
    for (const { probe } of files) expect(probe).toMatchObject({ width: 864, height: 480, frames: 29 });
  });
});

describe('prompts and ffmpeg builds', () => {
  it('draws any prompt: quotes, colons, brackets, percent signs, emoji, 3000 characters', async () => {
    const nasty = `It's 10:30; [drums] \\ "lanterns", 100% {joy} %{pts} 💃 ${'moonlit '.repeat(400)}`.slice(0, 3000);
    const task = videoTask({ positivePrompt: nasty, width: 480, height: 864 });
    const [item] = (await generate(task)).get(task.taskUUID as string) ?? [];
    if (!item) throw new Error('no result');
    expect((await download(item)).probe).toMatchObject({ width: 480, height: 864, frames: 29 });
  });

  it('renders without text when the binary cannot draw it, and says so once', async () => {
    const wrapper = join(scratch, 'ffmpeg-without-drawtext.sh');
    writeFileSync(wrapper, `#!/bin/sh\nif [ "$2" = "-filters" ]; then "${realFfmpeg()}" "$@" | grep -v drawtext; else exec "${realFfmpeg()}" "$@"; fi\n`);
    chmodSync(wrapper, 0o755);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const plain = createLocalRunware({ timing: FAST, ffmpegPath: wrapper });
    try {
      const listening = await plain.listen();
      const tasks = [videoTask(), videoTask()];
      await fetch(`${listening.url}/v1`, { method: 'POST', body: stringifyJson(tasks) });
      for (const task of tasks) {
        let item: Success | undefined;
        while (!item) {
          const reply = parseRunwareResponse(await (await fetch(`${listening.url}/v1`, { method: 'POST', body: stringifyJson([{ taskType: 'getResponse', taskUUID: task.taskUUID }]) })).text());
          expect(reply.errors).toEqual([]);
          item = reply.data.find((d): d is Success => d.status === 'success');
          await new Promise((r) => setTimeout(r, 20));
        }
        expect((await download(item)).probe).toMatchObject({ width: 864, height: 480, frames: 29 });
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/cannot draw text/);
    } finally {
      warn.mockRestore();
      await plain.close();
    }
  });

  it('runs at most `concurrency` ffmpeg processes at once', async () => {
    const log = join(scratch, 'ffmpeg-runs.log');
    const wrapper = join(scratch, 'ffmpeg-logged.sh');
    writeFileSync(
      wrapper,
      `#!/bin/sh\ncase "$*" in *lavfi*) echo "start $(date +%s%N)" >> "${log}"; "${realFfmpeg()}" "$@"; rc=$?; echo "end $(date +%s%N)" >> "${log}"; exit $rc;; *) exec "${realFfmpeg()}" "$@";; esac\n`,
    );
    chmodSync(wrapper, 0o755);
    for (const concurrency of [1, 2]) {
      writeFileSync(log, '');
      const limited = createLocalRunware({ timing: FAST, ffmpegPath: wrapper, concurrency });
      try {
        const task = videoTask({ numberResults: 4 });
        const call = (body: unknown) => limited.fetch(new Request('http://lr.test/v1', { method: 'POST', body: stringifyJson(body) }));
        await call([task]);
        for (let done = 0; done < 4; ) {
          const reply = parseRunwareResponse(await (await call([{ taskType: 'getResponse', taskUUID: task.taskUUID }])).text());
          expect(reply.errors).toEqual([]);
          done = reply.data.filter((d) => d.status === 'success').length;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await limited.close();
      }
      const events = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '))
        .map(([kind, at]) => ({ kind, at: BigInt(at ?? '0') }))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === 'end' ? -1 : 1));
      let running = 0;
      let most = 0;
      for (const e of events) {
        running += e.kind === 'start' ? 1 : -1;
        most = Math.max(most, running);
      }
      expect(events.filter((e) => e.kind === 'start')).toHaveLength(4);
      expect(most).toBeLessThanOrEqual(concurrency);
      expect(most).toBeGreaterThanOrEqual(1);
    }
  });
});

/** The ffmpeg the simulator would pick, for wrapper scripts around it. */
function realFfmpeg(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'ffmpeg'), constants.X_OK);
      return join(dir, 'ffmpeg');
    } catch {
      // keep looking
    }
  }
  return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

describe('serving files', () => {
  let item: Success;
  let whole: Buffer;

  beforeAll(async () => {
    const task = videoTask({ outputFormat: 'WEBM' });
    [item] = ((await generate(task)).get(task.taskUUID as string) ?? []) as [Success];
    whole = (await download(item)).bytes;
  });

  it('answers Range requests with 206 and the exact bytes', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, whole.length - 1],
      ['bytes=-50', whole.length - 50, whole.length - 1],
      [`bytes=10-${whole.length + 1000}`, 10, whole.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(item.videoURL, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(response.headers.get('content-type')).toBe('video/webm');
      expect(Buffer.from(await response.arrayBuffer()).equals(whole.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers an unsatisfiable range with 416 and ignores ranges it does not serve', async () => {
    const beyond = await fetch(item.videoURL, { headers: { range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
    await beyond.arrayBuffer();
    for (const range of ['bytes=0-1,5-9', 'items=0-5', 'bytes=9-3']) {
      const response = await fetch(item.videoURL, { headers: { range } });
      expect(response.status, range).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(whole.length);
    }
  });

  it('answers HEAD with the headers a video element needs', async () => {
    const response = await fetch(item.videoURL, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(whole.length));
    expect(response.headers.get('content-type')).toBe('video/webm');
  });

  it('answers 404 for a file it never made', async () => {
    expect((await fetch(`${server.url}/files/${randomUUID()}.webm`)).status).toBe(404);
  });
});

describe('speed (measured, reported in the log)', () => {
  it('makes 5 s of 864×480 in each format within budget', async () => {
    const timings: Record<string, number> = {};
    for (const outputFormat of ['MP4', 'WEBM', 'MOV']) {
      const task = videoTask({ outputFormat, duration: 5, seed: 21378 });
      const started = performance.now();
      await generate(task);
      timings[outputFormat] = (performance.now() - started) / 1000;
    }
    console.log(
      `[local-runware] 5 s 864×480: ${Object.entries(timings)
        .map(([f, s]) => `${f} ${s.toFixed(2)} s (${(s / 5).toFixed(3)} s per video second)`)
        .join(', ')}`,
    );
    // Generous: far above what 2 cores need, far below a hang.
    for (const seconds of Object.values(timings)) expect(seconds).toBeLessThan(20);
  });
});
