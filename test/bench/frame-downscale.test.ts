import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/browser.js';
import { buildBenchPage, startBenchServer, type BenchServer } from './support/bench-page.js';
import { BENCH_RESULTS, kB, ms, saveTable } from './support/report.js';

const run = promisify(execFile);

/** `FFMPEG_PATH`, then `ffmpeg` on PATH, then the one inside `@ffmpeg-installer/ffmpeg`. */
function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'ffmpeg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

let browser: Browser;
let localRunware: LocalRunware;
let server: BenchServer;
let photo: string;

beforeAll(async () => {
  await mkdir(BENCH_RESULTS, { recursive: true });
  // A 12 MP "photo": a busy test pattern with grain, so JPEG cannot squeeze it to nothing.
  photo = join(BENCH_RESULTS, 'photo-4000x3000.jpg');
  await run(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=4000x3000:rate=1,noise=alls=24:allf=t', '-frames:v', '1', '-q:v', '2', photo]);
  localRunware = createLocalRunware();
  await buildBenchPage();
  [browser, server] = await Promise.all([launchChromium(), startBenchServer({ provider: localRunwareProvider(localRunware) })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await localRunware?.close();
});

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface FrameState {
  status: string;
  width?: number;
  height?: number;
  bytes?: number;
  type?: string;
  resizedFrom?: { width: number; height: number };
  t: number;
}

describe('the frame image picker in Chromium', () => {
  it('scales a 12 MP photo down before it is sent', async () => {
    const inputBytes = (await stat(photo)).size;
    const runs: { ms: number; state: FrameState }[] = [];
    // Five runs: on a shared 2-core machine one run says little; the median and spread do.
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}?mode=frame`);
      await page.getByRole('button', { name: 'Choose a file' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose a file' }).click();
      const t0 = await page.evaluate(() => performance.now());
      await (await chooser).setFiles(photo);
      await page.waitForFunction(() => (window as unknown as { __frame?: { status: string } }).__frame?.status === 'ready', null, { timeout: 60_000 });
      const state = await page.evaluate(() => (window as unknown as { __frame: FrameState }).__frame);
      runs.push({ ms: state.t - t0, state });
      await context.close();
    }
    const last = runs.at(-1)?.state;
    expect(last?.resizedFrom).toEqual({ width: 4000, height: 3000 });
    expect(Math.max(last?.width ?? 0, last?.height ?? 0)).toBeLessThanOrEqual(2176);
    await saveTable('6-downscale', {
      order: 6,
      title: 'Frame image: a 4000×3000 JPEG picked in Chromium (check, decode, scale, re-encode)',
      columns: ['run', 'time', 'in', 'out', 'sides out', 'type'],
      rows: runs.map((r, i) => [
        i === 0 ? 'first (cold)' : `again #${i}`,
        ms(r.ms),
        kB(inputBytes),
        kB(r.state.bytes ?? 0),
        `${r.state.width}×${r.state.height}`,
        r.state.type ?? '',
      ]),
      notes: [
        'time: file chosen → picker ready with the data URI; headless Chromium, --disable-gpu',
        `median ${ms(median(runs.map((r) => r.ms)))}, spread ${ms(Math.min(...runs.map((r) => r.ms)))}–${ms(Math.max(...runs.map((r) => r.ms)))}`,
      ],
    });
  });
});
