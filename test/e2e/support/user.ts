import type { Locator, Page } from 'playwright-core';

/** What a user does with the generator's controls, found by role and name as a screen reader would. */
export const prompt = (page: Page): Locator => page.getByRole('textbox', { name: 'Prompt' });
export const durationSlider = (page: Page): Locator => page.getByRole('slider', { name: 'Duration' });
export const costPreview = (page: Page): Locator => page.getByRole('group', { name: 'Estimated cost' });
export const statusRegion = (page: Page): Locator => page.locator('[data-seedance-part="task-status-announcer"]');
export const resultGrid = (page: Page): Locator => page.locator('[data-seedance-part="video-result-grid"]');

/** Adds a frame image the way a user does: the "Choose a file" button, then the file chooser. */
export async function chooseFrameImage(page: Page, path: string, via: 'click' | 'keyboard' = 'click'): Promise<void> {
  const button = page.getByRole('button', { name: 'Choose a file' });
  const chooser = page.waitForEvent('filechooser');
  if (via === 'click') await button.click();
  else await page.keyboard.press('Enter');
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: /Remove image/ }).waitFor();
}

/** Moves the focused (or given) slider with arrow keys until it reads `seconds`. */
export async function setDurationByKeys(page: Page, seconds: number, focus = true): Promise<void> {
  const slider = durationSlider(page);
  if (focus) await slider.focus();
  for (let i = 0; i < 200; i++) {
    const now = Number(await slider.getAttribute('aria-valuenow'));
    if (Math.abs(now - seconds) < 1e-6) return;
    // PageUp/PageDown move 10 steps (1 s); arrows one step (0.1 s).
    const gap = seconds - now;
    await page.keyboard.press(Math.abs(gap) >= 1 - 1e-6 ? (gap > 0 ? 'PageUp' : 'PageDown') : gap > 0 ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`The duration slider did not reach ${seconds} s`);
}

export interface VideoFacts {
  readonly width: number;
  readonly height: number;
  readonly duration: number;
  readonly src: string;
  readonly readyState: number;
}

/** Waits until `count` result videos have loaded their metadata, and reads what they report. */
export async function loadedVideos(page: Page, count: number, timeout = 60_000): Promise<VideoFacts[]> {
  await page.waitForFunction(
    (n) => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>('[data-seedance-part="video"]')];
      return videos.length === n && videos.every((v) => v.readyState >= 1 && v.videoWidth > 0);
    },
    count,
    { timeout },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('[data-seedance-part="video"]')].map((v) => ({
      width: v.videoWidth,
      height: v.videoHeight,
      duration: v.duration,
      src: v.currentSrc,
      readyState: v.readyState,
    })),
  );
}

/** Plays a result (muted, as autoplay rules allow) and waits until its clock moves. */
export async function playVideo(page: Page, index: number): Promise<number> {
  return page.evaluate(async (i) => {
    const video = document.querySelectorAll<HTMLVideoElement>('[data-seedance-part="video"]')[i];
    if (!video) throw new Error(`No video #${i}`);
    video.muted = true;
    await video.play();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the video did not advance')), 10_000);
      const check = () => {
        if (video.currentTime > 0.3) {
          clearTimeout(timer);
          resolve();
        } else requestAnimationFrame(check);
      };
      check();
    });
    video.pause();
    return video.currentTime;
  }, index);
}

/** Waits for the task to reach a status (the grid's and the live region's data-state). */
export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-seedance-part="task-status-announcer"]')?.getAttribute('data-state') === s, status, { timeout });
}
