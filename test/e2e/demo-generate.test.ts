import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateGenerationCost } from '@seedance-kit/core';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobe } from '../server/support/ffprobe.js';
import { axeViolations, heard, launchChromium, openPage, recordLiveRegions, screenshot } from './support/browser.js';
import { ARTIFACTS, FRAME_IMAGE } from './support/paths.js';
import { E2E_TIMING, startDemo, type Running } from './support/servers.js';
import { chooseFrameImage, costPreview, durationSlider, loadedVideos, playVideo, prompt, setDurationByKeys, statusRegion, waitForStatus } from './support/user.js';

let browser: Browser;
let localRunware: LocalRunware;
let demo: Running;
let keepDir: string;

beforeAll(async () => {
  localRunware = createLocalRunware({ timing: E2E_TIMING });
  keepDir = await mkdtemp(join(tmpdir(), 'seedance-e2e-kept-'));
  [browser, demo] = await Promise.all([launchChromium(), startDemo({ provider: localRunwareProvider(localRunware), keepDir })]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await localRunware?.close();
  if (keepDir) await rm(keepDir, { recursive: true, force: true });
});

describe('the demo’s drop-in widget, as a user', () => {
  it('generates a video from a prompt and a frame image, hears progress, plays and downloads it', async () => {
    const { page, errors, close } = await openPage(browser, { acceptDownloads: true });
    await recordLiveRegions(page);
    await page.goto(demo.url);
    await page.getByText(/Local Runware/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-idle');

    await prompt(page).click();
    await page.keyboard.type('A passionate flamenco solo on a moonlit rooftop');
    await chooseFrameImage(page, FRAME_IMAGE);
    await page.getByRole('radio', { name: '1:1' }).click();
    await setDurationByKeys(page, 3);
    expect(await durationSlider(page).getAttribute('aria-valuetext')).toMatch(/3(\.0)? s/);

    // The preview shows the kit's estimate for exactly these settings.
    const expected = estimateGenerationCost({ width: 640, height: 640, duration: 3, numberResults: 1 }).estimatedUsd;
    const shown = Number((await costPreview(page).innerText()).match(/\$([\d.]+)/)?.[1]);
    expect(shown).toBeCloseTo(expected, 4);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-filled');

    await page.getByRole('button', { name: 'Generate video' }).click();
    await waitForStatus(page, 'processing');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-generating');

    const [video] = await loadedVideos(page, 1);
    expect(video).toMatchObject({ width: 640, height: 640 });
    expect(video?.duration).toBeCloseTo(3, 1);
    await waitForStatus(page, 'succeeded');
    expect(await playVideo(page, 0)).toBeGreaterThan(0.3);

    // What a screen reader user heard, in order: sent or queued, generating, progress, done.
    const said = await heard(page, (text) => !/An estimate/.test(text));
    const at = (pattern: RegExp) => said.findIndex((text) => pattern.test(text));
    expect(at(/queue/i)).toBeGreaterThanOrEqual(0);
    expect(at(/% done|Generating/)).toBeGreaterThan(at(/queue/i));
    expect(at(/Your video is ready/)).toBeGreaterThan(at(/% done|Generating/));
    expect(said.some((text) => /\d+% done/.test(text))).toBe(true);
    expect(await statusRegion(page).innerText()).toBe('Your video is ready.');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-succeeded');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the video' }).click();
    await mkdir(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'demo-download.mp4');
    // Named from the prompt's first words and the video's short id, not a bare UUID.
    expect((await download).suggestedFilename()).toMatch(/^a-passionate-flamenco-solo-on-a-[0-9a-f]{8}\.mp4$/);
    await (await download).saveAs(file);
    const probed = await ffprobe(file);
    expect(probed).toMatchObject({ codec: 'h264', width: 640, height: 640, fps: 24, frames: 72 });

    expect(localRunware.stats.submitted).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('makes four playable, different portrait videos when asked for four, laid out to fit the screen', async () => {
    const before = localRunware.stats.submitted;
    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(demo.url);
    await prompt(page).fill('Lanterns drifting over a desert festival at night');
    await page.getByRole('radio', { name: '9:16', exact: true }).click();
    await page.getByRole('radio', { name: '4', exact: true }).click();
    const expected = estimateGenerationCost({ width: 480, height: 864, duration: 5, numberResults: 4 }).estimatedUsd;
    expect(Number((await costPreview(page).innerText()).match(/\$([\d.]+)/)?.[1])).toBeCloseTo(expected, 4);
    await page.getByRole('button', { name: 'Generate video' }).click();

    const videos = await loadedVideos(page, 4);
    await waitForStatus(page, 'succeeded');
    for (const video of videos) {
      expect(video).toMatchObject({ width: 480, height: 864 });
      expect(video.duration).toBeCloseTo(5, 1);
    }
    // At 1280 px: two by two, each tile the video's shape, the whole grid within one screen.
    const tiles = await mediaBoxes(page);
    expect(new Set(tiles.map((t) => t.x)).size).toBe(2);
    for (const tile of tiles) expect(tile.height / tile.width).toBeCloseTo(864 / 480, 1);
    expect(Math.max(...tiles.map((t) => t.bottom)) - Math.min(...tiles.map((t) => t.y))).toBeLessThan(900);
    // Scrolled to the end of the long form, the results column is still in view (sticky).
    await page.evaluate(() => document.querySelector('[data-seedance-part="generator-actions"]')?.scrollIntoView({ block: 'end' }));
    const heading = await page.getByRole('heading', { name: 'Videos' }).boundingBox();
    expect(heading?.y).toBeGreaterThanOrEqual(0);
    expect(heading?.y).toBeLessThan(100);
    // At 375 px the portrait videos still stand two abreast.
    await page.setViewportSize({ width: 375, height: 800 });
    const narrow = await mediaBoxes(page);
    expect(new Set(narrow.map((t) => t.x)).size).toBe(2);
    for (const tile of narrow) expect(tile.height / tile.width).toBeCloseTo(864 / 480, 1);
    await page.setViewportSize({ width: 1280, height: 900 });
    for (let i = 0; i < 4; i++) expect(await playVideo(page, i)).toBeGreaterThan(0.3);

    // Different videos: four files with different bytes (each has its own seed).
    const hashes = await Promise.all(
      videos.map(async (video) => createHash('sha256').update(Buffer.from(await (await fetch(video.src)).arrayBuffer())).digest('hex')),
    );
    expect(new Set(hashes).size).toBe(4);
    const seeds = await page.locator('[data-seedance-part="result-seed"]').allInnerTexts();
    expect(new Set(seeds).size).toBe(4);

    expect(await heard(page)).toContain('4 videos are ready.');
    // The page's onSuccess saved all four to its library, with the server's kept copies.
    const library = page.getByRole('region', { name: 'Your library' }).getByRole('link');
    await expect.poll(() => library.count()).toBe(4);
    const hrefs = await library.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      expect(new URL(href).pathname).toMatch(/^\/videos\//);
      // The server copies each file as it finishes; the copy may land just after the task ends.
      await expect.poll(async () => (await fetch(href, { method: 'HEAD' })).status, { timeout: 10_000 }).toBe(200);
      expect((await fetch(href)).headers.get('content-type')).toBe('video/mp4');
    }
    // On disk, each under its own name (the first test's video is kept there too).
    expect(await readdir(keepDir)).toEqual(expect.arrayContaining(hrefs.map((href) => new URL(href).pathname.split('/').pop())));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-four-results');
    expect(localRunware.stats.submitted - before).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});

/** Where each result's picture sits, in CSS pixels of the viewport. */
const mediaBoxes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-seedance-part="result-media"]')].map((media) => {
      const { x, y, width, height, bottom } = media.getBoundingClientRect();
      return { x: Math.round(x), y, width, height, bottom };
    }),
  );
