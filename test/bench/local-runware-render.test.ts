import { randomUUID } from 'node:crypto';
import type { GenerationInput, OutputFormat } from '@seedance-kit/core';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/local-runware';
import { createRunwareProvider, type VideoProvider } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kB, saveTable } from './support/report.js';

let localRunware: LocalRunware;
let provider: VideoProvider;

beforeAll(() => {
  // No waits of its own: what is measured is ffmpeg making the file (one at a time).
  localRunware = createLocalRunware({ timing: { ackDelayMs: 0, queueMs: 0, progressIntervalMs: 0, minRenderMs: 0 }, concurrency: 1 });
  // The kit's own Runware provider, talking to the simulator in-process (no port).
  provider = createRunwareProvider({ apiKey: 'bench', baseUrl: 'http://local-runware.invalid/v1', fetch: (input, init) => localRunware.fetch(new Request(input, init)) });
});

afterAll(async () => {
  await localRunware?.close();
});

async function render(input: GenerationInput): Promise<{ seconds: number; bytes: number }> {
  const taskUUID = randomUUID();
  const started = performance.now();
  const submitted = await provider.submit({ taskUUID, input, includeCost: true });
  if (!submitted.accepted) throw new Error(submitted.error.message);
  for (;;) {
    const outcome = await provider.poll(taskUUID);
    if (outcome.ok && outcome.update.error) throw new Error(outcome.update.error.message);
    const result = outcome.ok ? outcome.update.results[0] : undefined;
    if (result) {
      const seconds = (performance.now() - started) / 1000;
      const file = await localRunware.fetch(new Request(result.videoURL));
      return { seconds, bytes: (await file.arrayBuffer()).byteLength };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the local Runware', () => {
  it('renders seconds of video per second, per format and size', async () => {
    const duration = 5;
    const rows: string[][] = [];
    for (const [width, height] of [
      [864, 480],
      [1920, 1088],
    ] as const) {
      for (const outputFormat of ['MP4', 'WEBM', 'MOV'] as OutputFormat[]) {
        const { seconds, bytes } = await render({ positivePrompt: 'A bench render of the local Runware', width, height, duration, outputFormat, seed: '42' });
        rows.push([`${outputFormat} ${width}×${height}`, seconds.toFixed(2), (duration / seconds).toFixed(2), kB(bytes)]);
        expect(bytes).toBeGreaterThan(0);
      }
    }
    await saveTable('5-local-runware', {
      order: 5,
      title: `Local Runware: one ${duration} s video at 24 fps, submit to result (ffmpeg ${process.env.FFMPEG_PATH ?? 'from PATH or @ffmpeg-installer'})`,
      columns: ['format and size', 'wall s', 'video s per s', 'file'],
      rows,
      notes: ['simulated waits set to 0; the demo adds ~1 s queue and a 3 s floor per video on top'],
    });
  });
});
