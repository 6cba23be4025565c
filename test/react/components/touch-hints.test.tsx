// @vitest-environment node
// The widget as a server renders it, with the stylesheet, in Chromium: on a touch screen the hints
// that need a keyboard (Ctrl+Enter) or a mouse (drop, paste) are hidden; with a mouse they show.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeedanceGenerator } from '@seedance-kit/react';
import type { Browser } from 'playwright-core';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../e2e/support/browser.js';

const css = readFileSync(fileURLToPath(new URL('../../../packages/react/src/styles/seedance.css', import.meta.url)), 'utf8');
const html = `<!doctype html><html lang="en"><head><style>${css}</style></head><body>${renderToString(<SeedanceGenerator />)}</body></html>`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function hints(device: { hasTouch: boolean; isMobile: boolean }) {
  const context = await browser.newContext({ ...device, viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.setContent(html);
  const shown = {
    submitHint: await page.getByText('Ctrl+Enter or ⌘+Enter generates.').isVisible(),
    dropHint: await page.getByText('Drop or paste an image here, or').isVisible(),
    chooser: await page.getByRole('button', { name: 'Choose a file' }).isVisible(),
    // What the prompt's description reads (innerText leaves out what is hidden).
    description: await page.locator('[data-seedance-part="prompt-field"] [data-seedance-part="description"]').innerText(),
  };
  await context.close();
  return shown;
}

describe('keyboard and mouse hints', () => {
  it('are hidden on a touch screen, where there is no Ctrl key and nothing to drop', async () => {
    const touch = await hints({ hasTouch: true, isMobile: true });
    expect(touch).toMatchObject({ submitHint: false, dropHint: false, chooser: true });
    expect(touch.description).toContain('Describe the scene');
    expect(touch.description).not.toContain('Ctrl+Enter');
  }, 30_000);

  it('show with a mouse and keyboard', async () => {
    const desktop = await hints({ hasTouch: false, isMobile: false });
    expect(desktop).toMatchObject({ submitHint: true, dropHint: true, chooser: true });
    expect(desktop.description).toContain('Ctrl+Enter or ⌘+Enter generates.');
  }, 30_000);
});
