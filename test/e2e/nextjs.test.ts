import { createLocalRunware, type LocalRunware, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, heard, launchChromium, openPage, recordLiveRegions, screenshot } from './support/browser.js';
import { FAKE_RUNWARE_KEY, FRAME_IMAGE, NEXT_ROOT } from './support/paths.js';
import { E2E_TIMING, startNext, type Running } from './support/servers.js';
import { chooseFrameImage, costPreview, loadedVideos, playVideo, prompt, setDurationByKeys, waitForStatus } from './support/user.js';

let browser: Browser;
let localRunware: LocalRunware;
let runware: LocalRunwareServer;
let next: Running;

beforeAll(async () => {
  // The Next.js route talks to "Runware" over HTTP with a key: here the local Runware on a port.
  localRunware = createLocalRunware({ apiKey: FAKE_RUNWARE_KEY, timing: E2E_TIMING });
  [browser, runware] = await Promise.all([launchChromium(), localRunware.listen()]);
  next = await startNext({ RUNWARE_API_KEY: FAKE_RUNWARE_KEY, RUNWARE_BASE_URL: `${runware.url}/v1` }, { publicUrl: true });
});

afterAll(async () => {
  await browser?.close();
  await next?.close();
  await runware?.close();
  await localRunware?.close();
});

describe('the Next.js example (App Router route + client page)', () => {
  it('renders the widget server-side, hydrates, and generates a video', async () => {
    // The prerendered HTML already holds the form (no blank page before hydration).
    const html = await (await fetch(next.url)).text();
    expect(html).toContain('Generate a video');
    expect(html).toMatch(/<textarea[^>]*>/);

    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(next.url);
    await page.getByRole('heading', { name: 'Video studio', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'nextjs-idle');

    await prompt(page).fill('Koi fish circling in a pond, top-down, autumn leaves');
    await chooseFrameImage(page, FRAME_IMAGE);
    await page.getByRole('radio', { name: '4:3' }).click();
    await setDurationByKeys(page, 4);
    expect(await costPreview(page).innerText()).toMatch(/\$0\.\d+/);
    await page.getByRole('button', { name: 'Generate video' }).click();
    await waitForStatus(page, 'processing');
    await screenshot(page, 'nextjs-generating');

    const [video] = await loadedVideos(page, 1);
    expect(video).toMatchObject({ width: 736, height: 544 });
    expect(video?.duration).toBeCloseTo(4, 1);
    // With a key the videos come from "Runware" itself, not through the app.
    expect(video?.src.startsWith(runware.url)).toBe(true);
    await waitForStatus(page, 'succeeded');
    expect(await playVideo(page, 0)).toBeGreaterThan(0.3);
    expect((await heard(page)).at(-1)).toBe('Your video is ready.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'nextjs-succeeded');
    expect(localRunware.stats.submitted).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the Next.js example in production without RUNWARE_API_KEY', () => {
  it('serves nothing fake: the route answers 503 provider_not_configured', async () => {
    const bare = await startNext({ RUNWARE_API_KEY: '' });
    try {
      const res = await fetch(new URL('api/seedance/limits', bare.url));
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'provider_not_configured', kind: 'provider' });
    } finally {
      await bare.close();
    }
  });

  it('traced no simulator and no ffmpeg into the server output', async () => {
    const server = join(NEXT_ROOT, '.next/server');
    const traces = (await readdir(server, { recursive: true })).filter((file) => file.endsWith('.nft.json'));
    expect(traces.length).toBeGreaterThan(0);
    for (const trace of traces) {
      const { files } = JSON.parse(await readFile(join(server, trace), 'utf8')) as { files: string[] };
      expect(files.filter((file) => /ffmpeg|ffprobe|local-runware/.test(file)), trace).toEqual([]);
    }
  });
});
