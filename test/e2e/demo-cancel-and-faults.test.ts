import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, heard, launchChromium, openPage, recordLiveRegions, screenshot } from './support/browser.js';
import { E2E_TIMING, startDemo, type Running } from './support/servers.js';
import { loadedVideos, prompt, resultGrid, statusRegion, waitForStatus } from './support/user.js';

let browser: Browser;
let localRunware: LocalRunware;
let demo: Running;

beforeAll(async () => {
  // Renders long enough to press Cancel while one is under way, even on a busy machine.
  localRunware = createLocalRunware({ timing: { ...E2E_TIMING, minRenderMs: 4000 } });
  [browser, demo] = await Promise.all([launchChromium(), startDemo({ provider: localRunwareProvider(localRunware) })]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await localRunware?.close();
});

describe('the demo when things do not go to plan', () => {
  it('cancels a generation', async () => {
    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(demo.url);
    await prompt(page).fill('Fireworks over a harbour, long exposure');
    await page.getByRole('button', { name: 'Generate video' }).click();
    await waitForStatus(page, 'processing');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(page, 'cancelled');

    // Runware has no cancel: the user is told the kit stopped waiting, not that nothing is made.
    expect(await statusRegion(page).innerText()).toBe('Stopped waiting. The video may still be made and billed.');
    expect(await heard(page)).toContain('Stopped waiting. The video may still be made and billed.');
    expect(await page.locator('[data-seedance-part="video"]').count()).toBe(0);
    // The task can be started again from the notice.
    await expect.poll(() => resultGrid(page).getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-cancelled');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a moderation refusal in the user’s words; generating again succeeds', async () => {
    localRunware.injectFault({ kind: 'moderation', times: 1 });
    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(demo.url);
    await prompt(page).fill('A skateboarder jumping a gap at sunset');
    await page.getByRole('button', { name: 'Generate video' }).click();
    await waitForStatus(page, 'failed');

    const message = await page.locator('[data-seedance-part="result-error-message"]').innerText();
    expect(message).toMatch(/content policy/i);
    expect((await heard(page)).some((text) => text.startsWith('Failed.') && /content policy/i.test(text))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-moderation');

    // The form kept its values: the same button tries again.
    await page.getByRole('button', { name: 'Generate video' }).click();
    await loadedVideos(page, 1);
    await waitForStatus(page, 'succeeded');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a provider outage, and its retry succeeds', async () => {
    let down = true;
    localRunware.injectFault({ kind: 'serverError', status: 503, match: () => down });
    const before = localRunware.stats.submitted;
    const { page, errors, close } = await openPage(browser);
    await recordLiveRegions(page);
    await page.goto(demo.url);
    await prompt(page).fill('Rain on a tin roof, macro');
    await page.getByRole('button', { name: 'Generate video' }).click();
    await waitForStatus(page, 'failed');

    expect(await page.locator('[data-seedance-part="result-error-message"]').innerText()).toMatch(/video service failed|Trying again may work/i);
    expect(localRunware.stats.submitted).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-provider-error');

    down = false;
    await resultGrid(page).getByRole('button', { name: 'Try again' }).click();
    await loadedVideos(page, 1);
    await waitForStatus(page, 'succeeded');
    expect(localRunware.stats.submitted).toBe(before + 1);
    // Runware's 503s stayed inside the server: the browser saw only a failed task, no HTTP error.
    expect(errors).toEqual([]);
    await close();
  });
});
