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
  // One round trip on the same connection, so the chooser interception is on before the key
  // press (a click waits for that by itself; a key press does not).
  await page.evaluate(() => 0);
  if (via === 'click') await button.click();
  else await page.keyboard.press('Enter');
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: /Remove image/ }).waitFor();
}

/**
 * Presses ArrowRight until `target` has focus. Watches focus, which moves within the key press
 * itself; the checked state follows in a later render, so reading it could press once too often.
 */
export async function arrowTo(page: Page, target: Locator, max = 12): Promise<void> {
  const focused = () => target.evaluate((el) => el === document.activeElement);
  // Held like a finger would: Radix moves focus in a timeout after keydown and checks the radio
  // only if the key is still down then; a 0 ms press under load can leave it focused, unchecked.
  for (let i = 0; i < max && !(await focused()); i++) await page.keyboard.press('ArrowRight', { delay: 40 });
  if (await focused()) return;
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '(none)');
  throw new Error(`ArrowRight never reached the target; focus is on ${active}`);
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

/**
 * Presses Tab until `target` has focus, checking that every stop on the way shows a visible
 * focus (`:focus-visible`, not cut off by an ancestor). A problem throws, or is collected in
 * `problems` so the rest of a flow still runs. Returns the names of the stops passed.
 */
export async function tabTo(page: Page, target: Locator, options: { max?: number; shift?: boolean; problems?: string[] } = {}): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(options.shift ? 'Shift+Tab' : 'Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { name: '(body)', visible: true, clippedBy: undefined };
      const name = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30)}"`;
      // A <video controls> hands Tab on to its own (shadow) controls, which draw their own ring.
      const inMedia = el instanceof HTMLMediaElement && el.controls && !el.matches(':focus-visible');
      if (inMedia) return { name, visible: true, clippedBy: undefined };
      // The ring must also be seen: an ancestor that clips overflow may not cut it off.
      const style = getComputedStyle(el);
      const reach = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const r = el.getBoundingClientRect();
      let clippedBy: string | undefined;
      for (let a = el.parentElement; a && a !== document.body && reach > 0; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        if (r.left - reach < ar.left - 0.5 || r.top - reach < ar.top - 0.5 || r.right + reach > ar.right + 0.5 || r.bottom + reach > ar.bottom + 0.5) {
          clippedBy = `${a.tagName.toLowerCase()}[data-seedance-part=${a.getAttribute('data-seedance-part')}] (overflow ${s.overflowX}/${s.overflowY})`;
          break;
        }
      }
      return { name, visible: el.matches(':focus-visible'), clippedBy };
    });
    const problem = stop.clippedBy ? `The focus ring of ${stop.name} is cut off by ${stop.clippedBy}` : !stop.visible ? `Focus is not visible on ${stop.name}` : undefined;
    if (problem && !options.problems) throw new Error(problem);
    if (problem && !options.problems?.includes(problem)) options.problems?.push(problem);
    stops.push(stop.name);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return stops;
  }
  throw new Error(`Tab never reached the target; stops: ${stops.join(' → ')}`);
}
