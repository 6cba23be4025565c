import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson, type TaskResult } from '@seedance-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobe, type ProbedVideo } from './support/ffprobe.js';
import { FAKE_KEY, startStack, type Stack } from './support/harness.js';

const dir = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace('.request.json', ''));

interface PageRequest {
  positivePrompt: string;
  width: number;
  height: number;
  duration: number;
  seed: number;
  providerSettings: { bytedance: { cameraFixed: boolean } };
  inputs?: { frameImages: { image: string; frame: 'first' }[] };
}

/** The generation input a form would make for one of the provider page's examples. */
function goldenInput(name: string) {
  const page = parseJson(readFileSync(join(dir, `${name}.request.json`), 'utf8')) as unknown as PageRequest;
  const response = parseJson(readFileSync(join(dir, `${name}.response.json`), 'utf8')) as unknown as { cost: number };
  return {
    input: {
      positivePrompt: page.positivePrompt,
      width: page.width,
      height: page.height,
      duration: page.duration,
      seed: String(page.seed),
      cameraFixed: page.providerSettings.bytedance.cameraFixed,
      ...(page.inputs && { frameImage: page.inputs.frameImages[0]!.image }),
    },
    cost: response.cost,
  };
}

let stack: Stack;
let work: string;
beforeAll(async () => {
  stack = await startStack();
  work = await mkdtemp(join(tmpdir(), 'seedance-golden-'));
});
afterAll(async () => {
  await stack.close();
  await rm(work, { recursive: true, force: true });
});

/** Downloads a result over HTTP and asks ffprobe what it is. */
async function probe(result: TaskResult): Promise<ProbedVideo> {
  const response = await fetch(result.videoURL);
  expect(response.status).toBe(200);
  const file = join(work, `${result.videoUUID}.bin`);
  await writeFile(file, new Uint8Array(await response.arrayBuffer()));
  return ffprobe(file);
}

const FRAME = 1 / 24;

describe('the golden examples: handler → Runware provider → local Runware → real files', () => {
  it('has the four examples', () => {
    expect(names).toHaveLength(4);
  });

  it.each(names)('%s', async (name) => {
    const { input, cost } = goldenInput(name);
    const created = await stack.api.create(input, { key: crypto.randomUUID() });
    expect(created.status).toBe(201);
    expect(['queued', 'processing']).toContain(created.body.task.status);
    expect(created.body.task.input.seed).toBe(input.seed);

    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(1);
    const [result] = done.results;
    expect(result!.seed).toBe(input.seed);
    // The charged cost (includeCost, set by the server) matches the provider page's figure.
    expect(result!.cost).toBeCloseTo(cost, 5);
    expect(done.estimatedCostUsd).toBeCloseTo(cost, 4);

    const video = await probe(result!);
    expect(video).toMatchObject({ width: input.width, height: input.height, fps: 24, codec: 'h264' });
    expect(video.formatName).toContain('mp4');
    expect(Math.abs(video.frames - input.duration * 24)).toBeLessThanOrEqual(1);
    expect(Math.abs(video.duration - input.duration)).toBeLessThanOrEqual(FRAME + 1e-6);
  });

  it('numberResults 4 gives 4 distinct seeds and files, in the asked format and size', async () => {
    const input = { positivePrompt: 'Four lanterns rising over a lake', width: 480, height: 864, duration: 1.5, numberResults: 4, outputFormat: 'WEBM', seed: '9223372036854775800' };
    const created = await stack.api.create(input);
    expect(created.status).toBe(201);
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(4);
    const seeds = done.results.map((r) => r.seed);
    const urls = done.results.map((r) => r.videoURL);
    expect(new Set(seeds).size).toBe(4);
    expect(new Set(urls).size).toBe(4);
    expect(new Set(done.results.map((r) => r.videoUUID)).size).toBe(4);
    // int64 seeds arrive exact, as text.
    for (const seed of seeds) expect(BigInt(seed!)).toBeGreaterThanOrEqual(9223372036854775800n - 4n);
    expect(seeds).toContain('9223372036854775800');
    for (const result of done.results) {
      const video = await probe(result);
      expect(video).toMatchObject({ width: 480, height: 864, fps: 24, codec: 'vp9' });
      expect(video.formatName).toContain('webm');
      expect(Math.abs(video.frames - 36)).toBeLessThanOrEqual(1);
    }
    expect(stack.runware.stats.rendered).toBeGreaterThanOrEqual(4);
  });

  it('never shows the API key in any answer', () => {
    expect(stack.api.transcript.parts.length).toBeGreaterThan(5);
    expect(stack.api.transcript.text).not.toContain(FAKE_KEY);
  });
});
