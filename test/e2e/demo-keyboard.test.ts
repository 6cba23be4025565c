import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobe } from '../server/support/ffprobe.js';
import { axeViolations, launchChromium, openPage, screenshot } from './support/browser.js';
import { ARTIFACTS, FRAME_IMAGE } from './support/paths.js';
import { E2E_TIMING, startDemo, type Running } from './support/servers.js';
import { arrowTo, chooseFrameImage, durationSlider, loadedVideos, prompt, setDurationByKeys, tabTo, waitForStatus } from './support/user.js';

let browser: Browser;
let localRunware: LocalRunware;
let demo: Running;

beforeAll(async () => {
  localRunware = createLocalRunware({ timing: E2E_TIMING });
  [browser, demo] = await Promise.all([launchChromium(), startDemo({ provider: localRunwareProvider(localRunware) })]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await localRunware?.close();
});

describe('the demo by keyboard alone', () => {
  it('goes from an empty page to a played and downloaded video without a pointer', async () => {
    const { page, errors, close } = await openPage(browser, { acceptDownloads: true });
    // Every Tab stop must show where focus is; problems are listed at the end.
    const focus: string[] = [];
    const tab = (target: Locator, max?: number) => tabTo(page, target, { problems: focus, ...(max !== undefined && { max }) });
    await page.goto(demo.url);
    await page.getByText(/Local Runware/).waitFor();

    await tab(prompt(page));
    await page.keyboard.type('Paper boats sailing down a rainy street');

    await tab(page.getByRole('button', { name: 'Choose a file' }));
    await chooseFrameImage(page, FRAME_IMAGE, 'keyboard');

    // A radio group is one Tab stop; arrows choose within it.
    const square = page.getByRole('radio', { name: '9:16' });
    await tab(page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { checked: true }));
    await arrowTo(page, square);
    await expect.poll(() => square.getAttribute('aria-checked')).toBe('true');

    await tab(durationSlider(page));
    await setDurationByKeys(page, 2.5, false);

    await tab(page.getByRole('button', { name: 'Generate video' }));
    await screenshot(page, 'demo-keyboard-ready');
    await page.keyboard.press('Enter');

    const [video] = await loadedVideos(page, 1);
    expect(video).toMatchObject({ width: 480, height: 864 });
    expect(video?.duration).toBeCloseTo(2.5, 1);
    await waitForStatus(page, 'succeeded');

    // The player's own controls: Tab to the video, Space plays it.
    const player = page.locator('[data-seedance-part="video"]');
    await tab(player, 60);
    await screenshot(page, 'demo-keyboard-video-focused');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-seedance-part="video"]')?.currentTime ?? 0) > 0.3, null, { timeout: 10_000 });
    await page.keyboard.press('Space');

    await tab(page.getByRole('link', { name: 'Download the video' }));
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await mkdir(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'demo-keyboard-download.mp4');
    await (await download).saveAs(file);
    expect(await ffprobe(file)).toMatchObject({ width: 480, height: 864, frames: 60 });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-keyboard-done');
    expect(focus).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
