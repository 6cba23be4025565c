import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { chromiumPath } from '../../support/chromium-path.js';
import { ARTIFACTS } from './paths.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  // Resolved per launch: a missing Chromium fails the test with the one-line how-to.
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export interface CapturedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Text bodies in full; binary bodies (video) as latin1 so a key in them would still show. */
  readonly body: string;
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors, for an assertion at the end. */
  readonly errors: string[];
  /** Every response the browser received, once `captureResponses` was asked for. */
  readonly responses: CapturedResponse[];
  /** Waits for the captured bodies still being read. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh context (its own storage) and page; records errors and, optionally, every response. */
export async function openPage(browser: Browser, options: { captureResponses?: boolean; acceptDownloads?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  const responses: CapturedResponse[] = [];
  const pending: Promise<void>[] = [];
  if (options.captureResponses) {
    page.on('response', (response: Response) => {
      pending.push(
        (async () => {
          const headers = await response.allHeaders().catch(() => response.headers());
          // An SSE body is only readable once the stream ended; `body()` waits for that.
          const body = await response.body().then(
            (buffer) => buffer.toString('latin1'),
            () => '',
          );
          responses.push({ url: response.url(), status: response.status(), headers, body });
        })(),
      );
    });
  }
  return {
    context,
    page,
    errors,
    responses,
    settled: async () => {
      await Promise.all(pending);
    },
    close: () => context.close(),
  };
}

/** Runs axe on the page as it is now; returns the violations in a readable form. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join('\n  ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Records every text the page's live regions (aria-live) take, in order, with timestamps:
 * what a screen reader user hears. Installed before the page's scripts run.
 */
export async function recordLiveRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard: { t: number; text: string; live: string }[] = [];
    (window as unknown as { __heard: typeof heard }).__heard = heard;
    const last = new WeakMap<Element, string>();
    const scan = () => {
      for (const region of document.querySelectorAll('[aria-live]')) {
        const text = (region.textContent ?? '').trim();
        if (last.get(region) === text) continue;
        last.set(region, text);
        if (text !== '') heard.push({ t: performance.now(), text, live: region.getAttribute('aria-live') ?? '' });
      }
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** What the live regions said since the page loaded (texts only, consecutive repeats dropped). */
export async function heard(page: Page, filter: (text: string) => boolean = () => true): Promise<string[]> {
  const entries = await page.evaluate(() => (window as unknown as { __heard: { text: string }[] }).__heard.map((e) => e.text));
  return entries.filter(filter).filter((text, i, all) => i === 0 || all[i - 1] !== text);
}
