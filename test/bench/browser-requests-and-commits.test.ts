import { createLocalRunware, localRunwareProvider, type LocalRunware } from '@seedance-kit/local-runware';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/browser.js';
import { buildBenchPage, startBenchServer, type BenchServer } from './support/bench-page.js';
import { saveTable } from './support/report.js';

// The simulator and the handler at their defaults (what `npm start` runs): a 5 s 480p video
// takes about 4–5 s, the handler polls "Runware" at 1 s, 1.5 s, 2.25 s…
let browser: Browser;
let localRunware: LocalRunware;
let server: BenchServer;

beforeAll(async () => {
  localRunware = createLocalRunware();
  await buildBenchPage();
  [browser, server] = await Promise.all([launchChromium(), startBenchServer({ provider: localRunwareProvider(localRunware) })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await localRunware?.close();
});

interface Generation {
  readonly api: number;
  readonly byRoute: Record<string, number>;
  readonly files: number;
  readonly seconds: number;
  readonly commits: number;
}

const commitCount = (page: Page) => page.evaluate(() => (window as unknown as { __commits: unknown[] }).__commits.length);

/** One generation in a fresh page; counts the HTTP requests the browser makes and React commits. */
async function generate(transport: string): Promise<Generation> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  await page.goto(`${server.url}?mode=widget&transport=${transport}`);
  await page.getByRole('textbox', { name: 'Prompt' }).fill('A red kite over green hills, wide shot');
  await page.waitForLoadState('networkidle');
  const from = requests.length;
  const commitsBefore = await commitCount(page);
  const started = performance.now();
  await page.getByRole('button', { name: 'Generate video' }).click();
  await page.waitForFunction(() => document.querySelector('[data-seedance-part="task-status-announcer"]')?.getAttribute('data-state') === 'succeeded', null, { timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.readyState === 4, null, { timeout: 30_000 }).catch(() => undefined);
  const commits = (await commitCount(page)) - commitsBefore;
  const during = requests.slice(from);
  const api = during.filter((r) => r.includes('/api/seedance/') && !r.includes('/files/'));
  const byRoute: Record<string, number> = {};
  for (const r of api) {
    const key = r.replace(/\/tasks\/[^/]+/, '/tasks/:id');
    byRoute[key] = (byRoute[key] ?? 0) + 1;
  }
  await context.close();
  return { api: api.length, byRoute, files: during.filter((r) => r.includes('/files/')).length, seconds, commits };
}

describe('in Chromium', () => {
  it('counts HTTP requests per generation: SSE (fetch or EventSource) versus polling', async () => {
    const runs: [string, Generation][] = [];
    for (const transport of ['fetch', 'eventsource', 'polling']) runs.push([transport, await generate(transport)]);
    await saveTable('2-requests', {
      order: 2,
      title: 'Browser HTTP requests per generation (one 5 s 480p video, simulator at demo timing)',
      columns: ['transport', 'API requests', 'of which', 'video file', 'seconds', 'React commits'],
      rows: runs.map(([t, g]) => [
        t === 'fetch' ? 'SSE over fetch (default)' : t === 'eventsource' ? 'SSE over EventSource' : 'polling (1.5 s)',
        String(g.api),
        Object.entries(g.byRoute)
          .map(([k, v]) => `${v}× ${k.replace('/api/seedance', '')}`)
          .join(', '),
        String(g.files),
        g.seconds.toFixed(1),
        String(g.commits),
      ]),
      notes: ['counted from the click on Generate to the succeeded state; video file = range requests of <video>'],
    });
    const [sse, , polling] = runs.map(([, g]) => g);
    expect(sse && polling && sse.api < polling.api).toBe(true);
  });

  it('counts React commits per keystroke in the prompt and during a generation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}?mode=widget`);
    await page.waitForLoadState('networkidle');
    const mount = await commitCount(page);
    const prompt = page.getByRole('textbox', { name: 'Prompt' });
    await prompt.focus();
    const text = 'A lighthouse at dusk, waves';
    const before = await commitCount(page);
    await page.keyboard.type(text);
    await page.waitForTimeout(200);
    const typing = (await commitCount(page)) - before;
    const durations = await page.evaluate((n) => (window as unknown as { __commits: { ms: number }[] }).__commits.slice(-n).map((c) => c.ms), typing);
    const generation = await generate('fetch');
    await saveTable('3-commits', {
      order: 3,
      title: 'React commits (Profiler around <SeedanceGenerator/>, production profiling build)',
      columns: ['moment', 'commits', 'per unit', 'render ms (median)'],
      rows: [
        ['mount and first load (limits)', String(mount), '', ''],
        [`typing ${text.length} characters in the prompt`, String(typing), `${(typing / text.length).toFixed(2)} per keystroke`, median(durations).toFixed(2)],
        [`one generation (${generation.seconds.toFixed(1)} s)`, String(generation.commits), `${(generation.commits / generation.seconds).toFixed(1)} per second`, ''],
      ],
      notes: ['during a generation the progress estimate re-renders every 500 ms (useVideoTask tickMs)'],
    });
    await context.close();
    expect(typing).toBeGreaterThanOrEqual(text.length);
  });
});

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
