import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openPage, screenshot } from './support/browser.js';
import { E2E_TIMING, startDemo, type Running } from './support/servers.js';
import { loadedVideos, prompt, resultGrid, waitForStatus } from './support/user.js';

let browser: Browser;
let localRunware: LocalRunware;
let demo: Running;

beforeAll(async () => {
  // Slow renders leave time to reload while the video is being made.
  localRunware = createLocalRunware({ timing: { ...E2E_TIMING, minRenderMs: 5000 } });
  [browser, demo] = await Promise.all([launchChromium(), startDemo({ provider: localRunwareProvider(localRunware) })]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await localRunware?.close();
});

describe('reloading the page mid-generation', () => {
  it('resumes the same task: no second task on the server, the video still arrives', async () => {
    const { page, errors, close } = await openPage(browser);
    const creates: Request[] = [];
    const streams: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'POST' && url.pathname === '/api/seedance/tasks') creates.push(request);
      if (/^\/api\/seedance\/tasks\/[^/]+\/events$/.test(url.pathname)) streams.push(url.pathname);
    });

    await page.goto(demo.url);
    await prompt(page).fill('A slow dolly through a neon-lit night market');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/seedance/tasks');
    await page.getByRole('button', { name: 'Generate video' }).click();
    const { task } = (await (await created).json()) as { task: { id: string } };
    await waitForStatus(page, 'processing');
    expect(localRunware.stats.submitted).toBe(1);
    expect(localRunware.stats.rendered).toBe(0);

    await page.reload();
    // After the reload the page follows the task it stored, without the user doing anything.
    await waitForStatus(page, 'processing');
    // The form shows what the resumed task is making, not the defaults.
    await expect.poll(() => prompt(page).inputValue()).toBe('A slow dolly through a neon-lit night market');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-widget-resumed');
    const [video] = await loadedVideos(page, 1);
    expect(video).toMatchObject({ width: 864, height: 480 });
    await waitForStatus(page, 'succeeded');
    expect(await resultGrid(page).getAttribute('data-count')).toBe('1');

    expect(creates).toHaveLength(1);
    expect(localRunware.stats.submitted).toBe(1);
    expect(new Set(streams)).toEqual(new Set([`/api/seedance/tasks/${task.id}/events`]));
    expect(streams.length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    await close();
  });
});
