import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, heard, launchChromium, openPage, recordLiveRegions, screenshot } from './support/browser.js';
import { FRAME_IMAGE } from './support/paths.js';
import { E2E_TIMING, startDemo, type Running } from './support/servers.js';
import { chooseFrameImage, costPreview, loadedVideos, playVideo, prompt, setDurationByKeys, waitForStatus } from './support/user.js';

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

describe('the demo’s custom layout (hooks and parts composed by the app)', () => {
  it('generates with the app’s own button and results column, in light and dark', async () => {
    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(`${demo.url}#/custom`);
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    await page.getByText(/Local Runware/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-custom-idle');

    // Form on the left, results on the right.
    const form = await page.locator('.studio-form').boundingBox();
    const results = await page.locator('.studio-results').boundingBox();
    expect(form && results && results.x > form.x + form.width - 1).toBe(true);

    await prompt(page).fill('A hummingbird hovering at a red flower, macro, slow motion');
    await chooseFrameImage(page, FRAME_IMAGE);
    await page.getByRole('radio', { name: '9:16' }).click();
    await setDurationByKeys(page, 2);
    expect(await costPreview(page).innerText()).toMatch(/\$0\.\d+/);
    await page.getByRole('button', { name: 'Render video' }).click();
    await waitForStatus(page, 'processing');
    await screenshot(page, 'demo-custom-generating');

    const [video] = await loadedVideos(page, 1);
    expect(video).toMatchObject({ width: 480, height: 864 });
    expect(video?.duration).toBeCloseTo(2, 1);
    await waitForStatus(page, 'succeeded');
    expect(await playVideo(page, 0)).toBeGreaterThan(0.3);
    expect(await heard(page)).toContain('Your video is ready.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-custom-succeeded');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(17, 17, 23)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-custom-dark');

    // The widget page keeps its own task: nothing of this one shows there.
    await page.getByRole('link', { name: 'Drop-in widget' }).click();
    await page.getByRole('heading', { name: 'Drop-in widget', level: 1 }).waitFor();
    expect(await page.locator('[data-seedance-part="video"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-dark');
    // The theme is remembered across a reload.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(errors).toEqual([]);
    await close();
  });
});
