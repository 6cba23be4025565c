import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorFromRunware, parseJson, parseRunwareResponse, stringifyJson, type JsonValue } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware, type LocalRunwareOptions } from '@seedance-kit/local-runware';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Renders take well under a second each; the margin is for loaded CI machines.
vi.setConfig({ testTimeout: 30_000 });

// The protocol in-process, through `fetch` (the way the kit's handler embeds the simulator).
// Renders here are 1.2 s long; file contents are checked in local-runware-video.test.ts.

const FAST = { ackDelayMs: 0, queueMs: 0, progressIntervalMs: 0, minRenderMs: 0 };
const MAX_SEED = '9223372036854775807';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const dataUri = (type: string, name: string) => `data:${type};base64,${fixture(name).toString('base64')}`;

const open: LocalRunware[] = [];
function simulator(options: LocalRunwareOptions = {}): LocalRunware {
  const lr = createLocalRunware({ timing: FAST, ...options });
  open.push(lr);
  return lr;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((lr) => lr.close()));
});

type Task = Record<string, JsonValue>;
const videoTask = (over: Task = {}): Task => ({
  taskType: 'videoInference',
  taskUUID: randomUUID(),
  model: 'bytedance:2@2',
  positivePrompt: 'A dancer spins on a moonlit rooftop',
  width: 864,
  height: 480,
  duration: 1.2,
  deliveryMethod: 'async',
  ...over,
});

interface Reply {
  status: number;
  text: string;
  json: { data?: Record<string, JsonValue>[]; errors?: Record<string, JsonValue>[] };
  headers: Headers;
}

async function call(lr: LocalRunware, body: unknown, headers: Record<string, string> = {}, path = '/v1'): Promise<Reply> {
  const response = await lr.fetch(
    new Request(`http://local-runware.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : stringifyJson(body),
    }),
  );
  const text = await response.text();
  let json: Reply['json'] = {};
  try {
    json = parseJson(text) as Reply['json'];
  } catch {
    // left empty: the test looks at `text`
  }
  return { status: response.status, text, json, headers: response.headers };
}

const poll = (lr: LocalRunware, taskUUID: string) => call(lr, [{ taskType: 'getResponse', taskUUID }]);

/** Polls until every result succeeded or an error arrived, as a client would. */
async function settle(lr: LocalRunware, taskUUID: string, count = 1): Promise<Reply> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const reply = await poll(lr, taskUUID);
    const done = (reply.json.data ?? []).filter((d) => d.status === 'success').length;
    if (done === count || (reply.json.errors ?? []).length > 0) return reply;
    if (Date.now() > deadline) throw new Error(`task ${taskUUID} did not finish: ${reply.text}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('submitting a task', () => {
  it('acks at once with the task type and UUID only, as JSON', async () => {
    const lr = simulator({ timing: { ...FAST, queueMs: 60_000 } });
    const task = videoTask();
    const reply = await call(lr, [task]);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.text).toBe(`{"data":[{"taskType":"videoInference","taskUUID":"${task.taskUUID}"}]}`);
    expect(lr.stats).toMatchObject({ submitted: 1, rendered: 0, charged: 0 });
  });

  it('accepts the root path as well as /v1', async () => {
    const lr = simulator({ timing: { ...FAST, queueMs: 60_000 } });
    const reply = await call(lr, [videoTask()], {}, '/');
    expect(reply.status).toBe(200);
  });

  it('reports queued and processing results with progress, then successes with cost, seeds and safety flag', async () => {
    // ffmpeg reports frames every 500 ms and renders this clip faster than that, so a partial
    // figure comes from the planned time: it must outlast any render (a loaded machine included).
    const lr = simulator({ timing: { ...FAST, queueMs: 50, minRenderMs: 1_000 } });
    const task = videoTask({ numberResults: 2, seed: 74606, includeCost: true, safety: { checkContent: true } });
    await call(lr, [task]);

    const early = await poll(lr, task.taskUUID as string);
    expect(early.status).toBe(200);
    expect(early.json.data).toEqual([
      { taskType: 'videoInference', taskUUID: task.taskUUID, status: 'processing', progress: 0 },
      { taskType: 'videoInference', taskUUID: task.taskUUID, status: 'processing', progress: 0 },
    ]);

    const progress: number[] = [];
    let reply: Reply;
    for (;;) {
      reply = await poll(lr, task.taskUUID as string);
      const items = reply.json.data ?? [];
      for (const item of items) if (item.status === 'processing') progress.push(item.progress as number);
      if (items.every((i) => i.status === 'success')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
    expect(progress.every((p) => p >= 0 && p <= 99)).toBe(true);

    const parsed = parseRunwareResponse(reply.text);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(2);
    const [first, second] = parsed.data;
    expect(first).toMatchObject({ status: 'success', taskUUID: task.taskUUID, seed: '74606', cost: 0.00762, NSFWContent: false });
    expect(second).toMatchObject({ status: 'success', seed: '74607', cost: 0.00762 });
    if (first?.status !== 'success' || second?.status !== 'success') throw new Error('not finished');
    expect(first.videoUUID).not.toBe(second.videoUUID);
    expect(first.videoURL).toBe(`http://local-runware.test/files/${first.videoUUID}.mp4`);
    expect(lr.stats).toMatchObject({ submitted: 1, rendered: 2, charged: 0.01524 });
    expect(lr.stats.polls).toBeGreaterThan(2);
  });

  it('leaves cost and NSFWContent out unless asked for, and forms URLs with fileUrl', async () => {
    const lr = simulator({ fileUrl: (name, request) => `https://cdn.example/${new URL(request.url).host}/${name}` });
    const task = videoTask({ safety: { checkContent: true, mode: 'none' } });
    await call(lr, [task]);
    const item = (await settle(lr, task.taskUUID as string)).json.data?.[0] ?? {};
    expect(Object.keys(item).sort()).toEqual(['seed', 'status', 'taskType', 'taskUUID', 'videoURL', 'videoUUID']);
    expect(item.videoURL).toBe(`https://cdn.example/local-runware.test/${item.videoUUID}.mp4`);
    // Charged anyway: includeCost only shows the figure.
    expect(lr.stats.charged).toBeCloseTo(0.00762, 8);
  });

  it('keeps int64 seeds exact in every reply, also past 2^53', async () => {
    const lr = simulator();
    const max = videoTask({ seed: BigInt(MAX_SEED) });
    const big = videoTask({ seed: 9007199254740993n, numberResults: 2 });
    await call(lr, [max, big]);
    const maxReply = await settle(lr, max.taskUUID as string);
    expect(maxReply.text).toContain(`"seed":${MAX_SEED}`);
    expect(parseRunwareResponse(maxReply.text).data[0]).toMatchObject({ seed: MAX_SEED });
    const bigReply = await settle(lr, big.taskUUID as string, 2);
    expect(bigReply.text).toContain('"seed":9007199254740993');
    expect(bigReply.text).toContain('"seed":9007199254740994');
  });

  it('draws distinct uint32 seeds when none is given', async () => {
    const lr = simulator();
    const task = videoTask({ numberResults: 3 });
    await call(lr, [task]);
    const seeds = parseRunwareResponse((await settle(lr, task.taskUUID as string, 3)).text).data.map((d) => (d.status === 'success' ? d.seed : ''));
    expect(new Set(seeds).size).toBe(3);
    for (const seed of seeds) expect(BigInt(seed ?? '-1')).toBeLessThan(2n ** 32n);
  });

  it('never runs or charges a taskUUID twice', async () => {
    const lr = simulator();
    const task = videoTask({ includeCost: true });
    await call(lr, [task]);
    const again = await call(lr, [task]);
    expect(again.status).toBe(400);
    expect(again.json.errors?.[0]).toMatchObject({ code: 'duplicateTaskUUID', parameter: 'taskUUID', taskUUID: task.taskUUID });
    const sameBody = videoTask();
    const twice = await call(lr, [sameBody, sameBody]);
    expect(twice.status).toBe(200);
    expect(twice.json.data).toHaveLength(1);
    expect(twice.json.errors?.[0]).toMatchObject({ code: 'duplicateTaskUUID' });
    await settle(lr, task.taskUUID as string);
    await settle(lr, sameBody.taskUUID as string);
    expect(lr.stats).toMatchObject({ submitted: 2, rendered: 2, charged: 0.01524 });
  });

  it('answers results and failures side by side for a body with several tasks', async () => {
    const lr = simulator({ timing: { ...FAST, queueMs: 60_000 } });
    const good = videoTask();
    const bad = videoTask({ duration: 30 });
    const reply = await call(lr, [good, bad, { taskType: 'ping', ping: true }]);
    expect(reply.status).toBe(200);
    expect(reply.json.data).toEqual([{ taskType: 'videoInference', taskUUID: good.taskUUID }, { taskType: 'ping', pong: true }]);
    expect(reply.json.errors).toEqual([expect.objectContaining({ code: 'invalidDuration', taskUUID: bad.taskUUID, parameter: 'duration' })]);
  });
});

describe('getResponse', () => {
  it('answers taskFailedOrNotFound for a UUID never submitted, so clients stop polling', async () => {
    const lr = simulator();
    const uuid = randomUUID();
    const reply = await poll(lr, uuid);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      errors: [expect.objectContaining({ code: 'taskFailedOrNotFound', taskType: 'getResponse', taskUUID: uuid, parameter: 'taskUUID' })],
    });
    expect(errorFromRunware(parseRunwareResponse(reply.text).errors[0]!).kind).toBe('not_found');
  });

  it.each([
    [{ taskType: 'getResponse' }, 'missingTaskUUID'],
    [{ taskType: 'getResponse', taskUUID: 'abc' }, 'invalidTaskUUID'],
  ])('refuses %j with %s', async (body, code) => {
    const reply = await call(simulator(), [body]);
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.[0]).toMatchObject({ code, parameter: 'taskUUID' });
  });
});

describe('validation errors, shaped like Runware’s', () => {
  const cases: [string, Task | ((t: Task) => Task), string, string | string[], Record<string, unknown>?][] = [
    ['no prompt', (t) => ({ ...t, positivePrompt: undefined as unknown as JsonValue }), 'missingPositivePrompt', 'positivePrompt'],
    ['a one-letter prompt', { positivePrompt: 'a' }, 'invalidPositivePrompt', 'positivePrompt', { min: 2, max: 3000 }],
    ['a prompt of spaces', { positivePrompt: '     ' }, 'invalidPositivePrompt', 'positivePrompt'],
    ['a 3001-character prompt', { positivePrompt: 'x'.repeat(3001) }, 'invalidPositivePrompt', 'positivePrompt'],
    ['width without height', (t) => ({ ...t, height: undefined as unknown as JsonValue }), 'missingHeight', 'height'],
    ['an unsupported size', { width: 1000, height: 1000 }, 'unsupportedDimensions', ['width', 'height']],
    ['the 720p size', { width: 1248, height: 704 }, 'unsupportedDimensions', ['width', 'height']],
    ['a fractional width', { width: 864.5 }, 'invalidWidth', 'width'],
    ['resolution with width and height', { resolution: '480p' }, 'incompatibleParameters', ['resolution', 'width', 'height']],
    ['no way to size the video', (t) => ({ ...t, width: undefined as unknown as JsonValue, height: undefined as unknown as JsonValue }), 'missingDimensions', ['width', 'height', 'resolution', 'inputs.frameImages']],
    ['resolution 720p', (t) => ({ ...t, width: undefined as unknown as JsonValue, height: undefined as unknown as JsonValue, resolution: '720p' }), 'invalidResolution', 'resolution', { allowedValues: ['480p', '1080p'] }],
    ['a duration under 1.2 s', { duration: 1 }, 'invalidDuration', 'duration', { min: 1.2, max: 12 }],
    ['a duration past 12 s', { duration: 12.5 }, 'invalidDuration', 'duration'],
    ['a duration off the 0.1 s step', { duration: 5.05 }, 'invalidDuration', 'duration'],
    ['five results', { numberResults: 5 }, 'invalidNumberResults', 'numberResults', { min: 1, max: 4 }],
    ['a negative seed', { seed: -1 }, 'invalidSeed', 'seed'],
    ['a fractional seed', { seed: 1.5 }, 'invalidSeed', 'seed'],
    ['a seed as text', { seed: '42' }, 'invalidSeed', 'seed'],
    ['a seed past int64', { seed: 9223372036854775808n }, 'invalidSeed', 'seed'],
    ['a GIF output', { outputFormat: 'GIF' }, 'invalidOutputFormat', 'outputFormat', { allowedValues: ['MP4', 'WEBM', 'MOV'] }],
    ['base64 output', { outputType: 'base64Data' }, 'invalidOutputType', 'outputType', { allowedValues: ['URL'] }],
    ['data URI output', { outputType: 'dataURI' }, 'invalidOutputType', 'outputType'],
    ['quality 100', { outputQuality: 100 }, 'invalidOutputQuality', 'outputQuality', { min: 20, max: 99 }],
    ['sync delivery', { deliveryMethod: 'sync' }, 'invalidDeliveryMethod', 'deliveryMethod', { allowedValues: ['async'] }],
    ['a ttl under 60 s', { ttl: 30 }, 'invalidTtl', 'ttl', { min: 60 }],
    ['another model', { model: 'bytedance:1@1' }, 'invalidModel', 'model', { allowedValues: ['bytedance:2@2'] }],
    ['a non-UUID taskUUID', { taskUUID: 'task-1' }, 'invalidTaskUUID', 'taskUUID'],
    ['an ftp webhook', { webhookURL: 'ftp://example.com/hook' }, 'invalidWebhookURL', 'webhookURL'],
    ['a bad upload endpoint', { uploadEndpoint: 'not a url' }, 'invalidUploadEndpoint', 'uploadEndpoint'],
    ['includeCost as text', { includeCost: 'yes' }, 'invalidIncludeCost', 'includeCost'],
    ['a safety mode of its own', { safety: { mode: 'strict' } }, 'invalidSafetyMode', 'safety.mode', { allowedValues: ['none', 'fast', 'full'] }],
    ['cameraFixed as text', { providerSettings: { bytedance: { cameraFixed: 'no' } } }, 'invalidCameraFixed', 'providerSettings.bytedance.cameraFixed'],
    ['an unknown field', { negativePrompt: 'blur' }, 'unknownParameter', 'negativePrompt'],
    ['an unknown nested field', { providerSettings: { bytedance: { watermark: true } } }, 'unknownParameter', 'providerSettings.bytedance.watermark'],
    ['two frame images', { inputs: { frameImages: ['https://a.example/1.png', 'https://a.example/2.png'] } }, 'invalidFrameImages', 'inputs.frameImages'],
    ['a last-frame image', { inputs: { frameImages: [{ image: 'https://a.example/1.png', frame: 'last' }] } }, 'invalidFrameImages', 'inputs.frameImages'],
    ['a frame image in no known form', { inputs: { frameImages: ['photos/cat'] } }, 'invalidFrameImages', 'inputs.frameImages'],
    ['a frame image under 300 px', { inputs: { frameImages: [dataUri('image/png', 'small-299x400.png')] } }, 'invalidFrameImages', 'inputs.frameImages'],
    ['a GIF frame image', { inputs: { frameImages: [dataUri('image/gif', 'other-320x240.gif')] } }, 'invalidFrameImages', 'inputs.frameImages'],
    ['frame images in both shapes', { frameImages: [{ inputImage: 'https://a.example/1.png' }], inputs: { frameImages: ['https://a.example/1.png'] } }, 'incompatibleParameters', ['frameImages', 'inputs.frameImages']],
    ['an older-shape frame image in no known form', { frameImages: [{ inputImage: 'photos/cat', frame: 'first' }] }, 'invalidFrameImages', 'frameImages'],
  ];

  it.each(cases)('%s → %s', async (_name, change, code, parameter, extra = {}) => {
    const lr = simulator();
    const task = typeof change === 'function' ? change(videoTask()) : videoTask(change);
    const reply = await call(lr, [task]);
    expect(reply.status).toBe(400);
    expect(reply.json.data).toBeUndefined();
    const error = reply.json.errors?.find((e) => e.code === code);
    expect(error, reply.text).toMatchObject({ code, parameter, taskType: 'videoInference', ...extra });
    expect(typeof error?.message).toBe('string');
    if (typeof task.taskUUID === 'string' && /^[0-9a-f-]{36}$/.test(task.taskUUID)) expect(error?.taskUUID).toBe(task.taskUUID);
    // The kit's own reading of the answer: a validation failure, never retried.
    const parsed = parseRunwareResponse(reply.text);
    expect(parsed.malformed).toEqual([]);
    expect(errorFromRunware(parsed.errors[0]!, reply.status)).toMatchObject({ kind: 'validation', retryable: false });
    expect(lr.stats.submitted).toBe(0);
  });

  it('states int64 limits exactly', async () => {
    const reply = await call(simulator(), [videoTask({ seed: -5 })]);
    expect(reply.text).toContain(`"max":${MAX_SEED}`);
  });

  it('names the outputs that exist when another output type is asked for', async () => {
    const reply = await call(simulator(), [videoTask({ outputType: 'base64Data' })]);
    expect(reply.json.errors?.[0]?.message).toMatch(/base64Data is not available.*only URL/);
  });

  it('accepts the older shape (top-level frameImages with inputImage)', async () => {
    const lr = simulator();
    const task = videoTask({ width: undefined as unknown as JsonValue, height: undefined as unknown as JsonValue });
    delete task.width;
    delete task.height;
    task.frameImages = [{ inputImage: dataUri('image/png', 'frame-640x360.png'), frame: 'first' }];
    const ack = await call(lr, [task]);
    expect(ack.status).toBe(200);
    const item = (await settle(lr, task.taskUUID as string)).json.data?.[0];
    expect(item).toMatchObject({ status: 'success' });
  });
});

describe('bad bodies never crash the service', () => {
  it.each([
    ['not JSON', '{"taskType": ', 400, 'invalidJson'],
    ['empty', '', 400, 'invalidJson'],
    ['an object, not an array', '{"taskType":"videoInference"}', 400, 'invalidRequestBody'],
    ['an empty array', '[]', 400, 'invalidRequestBody'],
    ['a string', '"videoInference"', 400, 'invalidRequestBody'],
    ['nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 400, 'invalidJson'],
    ['an array of numbers', '[1, 2]', 400, 'invalidRequestBody'],
    ['a task without taskType', '[{"taskUUID":"7c5a9bb5-c235-4430-b4de-4bf3dc2b6d87"}]', 400, 'missingTaskType'],
    ['an unknown task type', '[{"taskType":"imageInference"}]', 400, 'invalidTaskType'],
    ['a __proto__ key', '[{"taskType":"videoInference","__proto__":{"x":1}}]', 400, 'unknownParameter'],
  ])('%s → %i %s', async (_name, body, status, code) => {
    const reply = await call(simulator(), body);
    expect(reply.status).toBe(status);
    const error = reply.json.errors?.find((e) => e.code === code);
    expect(error, reply.text).toMatchObject({ code, message: expect.any(String) });
  });

  it('refuses a body over 20 MB with 413', async () => {
    const reply = await call(simulator(), `["${'x'.repeat(21 * 1024 * 1024)}"]`);
    expect(reply.status).toBe(413);
    expect(reply.json.errors?.[0]).toMatchObject({ code: 'invalidRequestBody' });
  });

  it('answers other methods and paths with Runware-shaped errors', async () => {
    const lr = simulator();
    const get = await lr.fetch(new Request('http://local-runware.test/v1'));
    expect(get.status).toBe(405);
    expect(((await get.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('methodNotAllowed');
    const other = await lr.fetch(new Request('http://local-runware.test/v2', { method: 'POST', body: '[]' }));
    expect(other.status).toBe(404);
    const file = await lr.fetch(new Request(`http://local-runware.test/files/${randomUUID()}.mp4`));
    expect(file.status).toBe(404);
    const sneaky = await lr.fetch(new Request('http://local-runware.test/files/..%2F..%2Fetc%2Fpasswd'));
    expect(sneaky.status).toBe(404);
    const garbled = await lr.fetch(new Request('http://local-runware.test/files/%E0%A4%A.mp4'));
    expect(garbled.status).toBe(404);
  });
});

describe('authentication', () => {
  const KEY = 'test-key-123';

  it.each([
    ['no credentials', {}],
    ['a wrong bearer', { authorization: 'Bearer nope' }],
    ['a key without Bearer', { authorization: KEY }],
  ])('answers %s with 401 invalidApiKey', async (_name, headers) => {
    const lr = simulator({ apiKey: KEY });
    const reply = await call(lr, [videoTask()], headers);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({
      errors: [expect.objectContaining({ code: 'invalidApiKey', parameter: 'apiKey', taskType: 'authentication' })],
    });
    expect(errorFromRunware(parseRunwareResponse(reply.text).errors[0]!, 401).kind).toBe('auth');
    expect(lr.stats.submitted).toBe(0);
  });

  it('checks polls too', async () => {
    const reply = await call(simulator({ apiKey: KEY }), [{ taskType: 'getResponse', taskUUID: randomUUID() }]);
    expect(reply.status).toBe(401);
  });

  it('accepts the key as a bearer token or as an authentication task, never both', async () => {
    const lr = simulator({ apiKey: KEY, timing: { ...FAST, queueMs: 60_000 } });
    expect((await call(lr, [videoTask()], { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await call(lr, [{ taskType: 'authentication', apiKey: KEY }, videoTask()])).status).toBe(200);
    const both = await call(lr, [{ taskType: 'authentication', apiKey: KEY }, videoTask()], { authorization: `Bearer ${KEY}` });
    expect(both.status).toBe(400);
    expect(both.json.errors?.[0]).toMatchObject({ code: 'incompatibleParameters' });
    expect(lr.stats.submitted).toBe(2);
  });

  it('accepts any bearer, or none, when no key is configured', async () => {
    const lr = simulator({ timing: { ...FAST, queueMs: 60_000 } });
    expect((await call(lr, [videoTask()], { authorization: 'Bearer anything' })).status).toBe(200);
    expect((await call(lr, [videoTask()])).status).toBe(200);
  });
});

describe('dry run (X-Runware-Dry-Run: 1)', () => {
  it('validates and prices a task without queueing, rendering or charging it', async () => {
    const lr = simulator();
    const task = videoTask({ duration: 6, numberResults: 2 });
    const reply = await call(lr, [task], { 'x-runware-dry-run': '1' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ data: [{ taskType: 'videoInference', taskUUID: task.taskUUID, cost: 0.07622 }] });
    expect(lr.stats).toMatchObject({ submitted: 0, rendered: 0, charged: 0 });
    expect((await poll(lr, task.taskUUID as string)).json.errors?.[0]?.code).toBe('taskFailedOrNotFound');
    // The UUID is still free for the real submit.
    expect((await call(lr, [task])).status).toBe(200);
  });

  it('prices the size a frame image leads to', async () => {
    const task = videoTask({ duration: 5, resolution: '480p', inputs: { frameImages: [dataUri('image/webp', 'frame-401x303-vp8l.webp')] } });
    delete task.width;
    delete task.height;
    const reply = await call(simulator(), [task], { 'x-runware-dry-run': '1' });
    // 401×303 is nearest 4:3, so 736×544: 0.6535 × 736·544·24·5/1024 / 1e6.
    expect(reply.json.data?.[0]?.cost).toBe(0.03066);
  });

  it('still refuses an invalid task', async () => {
    const reply = await call(simulator(), [videoTask({ numberResults: 0 })], { 'x-runware-dry-run': '1' });
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.[0]?.code).toBe('invalidNumberResults');
  });
});

/** ffmpeg processes whose command line names a path in `dir` (Linux /proc). */
function processesWriting(dir: string): number {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false; // gone meanwhile
      }
    }).length;
}

describe('rendering failures', () => {
  it('fails the task with inferenceError, naming the cause, when ffmpeg is missing', async () => {
    const lr = simulator({ ffmpegPath: '/nonexistent/ffmpeg' });
    const task = videoTask({ includeCost: true });
    await call(lr, [task]);
    const reply = await settle(lr, task.taskUUID as string);
    expect(reply.json.errors?.[0]).toMatchObject({ code: 'inferenceError', taskUUID: task.taskUUID, status: 'error' });
    expect(reply.json.errors?.[0]?.message).toMatch(/ffmpeg/);
    expect(errorFromRunware(parseRunwareResponse(reply.text).errors[0]!)).toMatchObject({ kind: 'provider', retryable: true });
    expect(lr.stats).toMatchObject({ rendered: 0, charged: 0 });
  });
});

describe('close()', () => {
  it('kills a running ffmpeg, closes its servers and removes its temp dir', async () => {
    // A private TMPDIR, so the simulator's default directory is found among no one else's.
    const privateTmp = mkdtempSync(join(tmpdir(), 'lr-close-test-'));
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    let dir: string | undefined;
    const lr = createLocalRunware({ timing: FAST });
    try {
      const server = await lr.listen();
      const task = videoTask({ width: 2176, height: 928, duration: 12, numberResults: 2 });
      await call(lr, [task]);
      // Wait for the partial file: ffmpeg is then running.
      const deadline = Date.now() + 10_000;
      while (!dir && Date.now() < deadline) {
        dir = readdirSync(privateTmp)
          .map((d) => join(privateTmp, d))
          .find((d) => readdirSync(d).some((f) => f.endsWith('.mp4.part')));
        if (!dir) await new Promise((r) => setTimeout(r, 10));
      }
      expect(dir).toBeDefined();
      expect(processesWriting(dir ?? '')).toBeGreaterThan(0);
      const started = performance.now();
      await lr.close();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(processesWriting(dir ?? '')).toBe(0);
      expect(existsSync(dir ?? '')).toBe(false);
      expect(lr.stats.rendered).toBe(0);
      await expect(fetch(`${server.url}/v1`, { method: 'POST', body: '[]' })).rejects.toThrow();
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      await lr.close();
      rmSync(privateTmp, { recursive: true, force: true });
    }
  });

  it('is idempotent and stops answering the API', async () => {
    const lr = createLocalRunware({ timing: FAST });
    const task = videoTask({ duration: 12 });
    await call(lr, [task]);
    await Promise.all([lr.close(), lr.close()]);
    await lr.close();
    const after = await call(lr, [videoTask()]);
    expect(after.status).toBe(503);
    expect(after.json.errors?.[0]?.code).toBe('serviceUnavailable');
  });
});
