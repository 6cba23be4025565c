import { describe, expect, it } from 'vitest';
import { NO_CHROMIUM_MESSAGE, resolveChromiumPath, SYSTEM_CHROMIUM } from './chromium-path.js';

const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const on = (...present: string[]) => (path: string) => present.includes(path);

describe('resolveChromiumPath', () => {
  it('takes CHROMIUM_PATH first when it exists', () => {
    expect(resolveChromiumPath({ envPath: '/opt/chrome', playwrightPath: PLAYWRIGHT, exists: on('/opt/chrome', SYSTEM_CHROMIUM, PLAYWRIGHT) })).toEqual({ path: '/opt/chrome', source: 'env' });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of falling back', () => {
    const result = resolveChromiumPath({ envPath: '/opt/typo', playwrightPath: PLAYWRIGHT, exists: on(SYSTEM_CHROMIUM) });
    expect(result).toEqual({ error: expect.stringContaining('CHROMIUM_PATH=/opt/typo does not exist') });
  });

  it("uses Debian's Chromium when CHROMIUM_PATH is unset", () => {
    expect(resolveChromiumPath({ envPath: undefined, playwrightPath: PLAYWRIGHT, exists: on(SYSTEM_CHROMIUM, PLAYWRIGHT) })).toEqual({ path: SYSTEM_CHROMIUM, source: 'system' });
  });

  it("falls back to Playwright's own Chromium when installed", () => {
    expect(resolveChromiumPath({ envPath: '', playwrightPath: PLAYWRIGHT, exists: on(PLAYWRIGHT) })).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
  });

  it('fails with one line saying how to install one', () => {
    for (const playwrightPath of [PLAYWRIGHT, undefined]) {
      const result = resolveChromiumPath({ envPath: undefined, playwrightPath, exists: on() });
      expect(result).toEqual({ error: NO_CHROMIUM_MESSAGE });
    }
    expect(NO_CHROMIUM_MESSAGE).not.toContain('\n');
    expect(NO_CHROMIUM_MESSAGE).toMatch(/apt-get install chromium.*npx playwright install chromium.*CHROMIUM_PATH/);
  });
});
