import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createLocalRunware, type LocalRunware, type LocalRunwareServer } from '@seedance-kit/local-runware';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REAL_RUNWARE_POLICY } from '../../examples/demo/real-runware-policy.js';
import { launchChromium, openPage, screenshot, type CapturedResponse } from './support/browser.js';
import { FAKE_RUNWARE_KEY } from './support/paths.js';
import { E2E_TIMING, startDemo, startNext, type Running } from './support/servers.js';
import { loadedVideos, playVideo, prompt, waitForStatus } from './support/user.js';

/** Text that only server code contains: none of it may be in what the browser downloads. */
const SERVER_ONLY = ['api.runware.ai', 'createSeedanceHandler', 'child_process', 'ffmpeg', 'local-runware.invalid', 'RUNWARE_API_KEY', 'node:crypto'];

let browser: Browser;
let localRunware: LocalRunware;
let runware: LocalRunwareServer;

beforeAll(async () => {
  // A Runware stand-in on a real port that insists on the key, as api.runware.ai does.
  localRunware = createLocalRunware({ apiKey: FAKE_RUNWARE_KEY, timing: E2E_TIMING });
  [browser, runware] = await Promise.all([launchChromium(), localRunware.listen()]);
});

afterAll(async () => {
  await browser?.close();
  await runware?.close();
  await localRunware?.close();
});

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function leaks(responses: readonly CapturedResponse[]): string[] {
  return responses
    .filter((r) => r.body.includes(FAKE_RUNWARE_KEY) || Object.entries(r.headers).some(([k, v]) => `${k}: ${v}`.includes(FAKE_RUNWARE_KEY)))
    .map((r) => r.url);
}

/** Generates one video on a page whose server holds the key, capturing everything the browser receives. */
async function generateCapturing(url: string, name: string): Promise<CapturedResponse[]> {
  const { page, errors, responses, settled, close } = await openPage(browser, { captureResponses: true });
  await page.goto(url);
  await prompt(page).fill('A lighthouse in a storm, waves crashing, cinematic');
  await page.getByRole('button', { name: 'Generate video' }).click();
  const [video] = await loadedVideos(page, 1);
  expect(video).toMatchObject({ width: 864, height: 480 });
  await waitForStatus(page, 'succeeded');
  await playVideo(page, 0);
  await screenshot(page, name);
  // What the page keeps: DOM, storage, cookies.
  const kept = await page.evaluate(() => [document.documentElement.outerHTML, JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage }), document.cookie].join('\n'));
  expect(kept).not.toContain(FAKE_RUNWARE_KEY);
  await close();
  await settled();
  expect(errors).toEqual([]);
  return responses;
}

describe('the Runware key never reaches the browser', () => {
  it('demo: no response carries it, on real-Runware mode with its cost caps', async () => {
    const before = localRunware.stats.submitted;
    const demo: Running = await startDemo({ apiKey: FAKE_RUNWARE_KEY, baseUrl: `${runware.url}/v1`, policy: REAL_RUNWARE_POLICY });
    try {
      const limits = (await (await fetch(`${demo.url}api/seedance/limits`)).json()) as { provider: string; maxTaskCostUsd: number };
      expect(limits).toMatchObject({ provider: 'runware', maxTaskCostUsd: 0.1 });
      const { page, close } = await openPage(browser);
      await page.goto(demo.url);
      await page.getByText('Real Runware: generations are charged to the server\'s account (at most $0.10 per task).').waitFor();
      await close();

      const responses = await generateCapturing(demo.url, 'demo-real-runware-mode');
      expect(responses.some((r) => r.url.includes('/api/seedance/tasks'))).toBe(true);
      expect(responses.some((r) => r.url.startsWith(runware.url) && r.url.includes('/files/'))).toBe(true);
      expect(leaks(responses)).toEqual([]);
      expect(localRunware.stats.submitted).toBe(before + 1);
    } finally {
      await demo.close();
    }
  });

  it('Next.js: no response carries it', async () => {
    const before = localRunware.stats.submitted;
    const next = await startNext({ RUNWARE_API_KEY: FAKE_RUNWARE_KEY, RUNWARE_BASE_URL: `${runware.url}/v1` });
    try {
      const responses = await generateCapturing(next.url, 'nextjs-real-runware-mode');
      expect(responses.some((r) => new URL(r.url).pathname.startsWith('/_next/static/'))).toBe(true);
      expect(leaks(responses)).toEqual([]);
      expect(localRunware.stats.submitted).toBe(before + 1);
    } finally {
      await next.close();
    }
  });

  it('no built client asset contains the key or server-only code', async () => {
    const demoDist = inject('demoDist');
    const nextStatic = join(inject('nextDist'), 'static');
    const assets = [...(await files(demoDist)), ...(await files(nextStatic))].filter((f) => !f.endsWith('.e2e-stamp'));
    expect(assets.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
    const found: string[] = [];
    for (const file of assets) {
      const text = (await readFile(file)).toString('latin1');
      for (const needle of [FAKE_RUNWARE_KEY, ...SERVER_ONLY]) if (text.includes(needle)) found.push(`${relative(process.cwd(), file)}: ${needle}`);
    }
    expect(found).toEqual([]);
  });
});
