import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Debian's Chromium, what CI installs (`.ci/run`). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** The one line a contributor sees when no Chromium is found. */
export const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install one (`apt-get install chromium` or `npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium binary.';

export interface ChromiumPathInputs {
  /** `process.env.CHROMIUM_PATH`. */
  readonly envPath: string | undefined;
  /** Where playwright-core keeps its own Chromium (it may not be downloaded). */
  readonly playwrightPath: string | undefined;
  readonly exists: (path: string) => boolean;
}

export type ChromiumPathResult = { readonly path: string; readonly source: 'env' | 'system' | 'playwright' } | { readonly error: string };

/**
 * Which Chromium the browser tests launch: CHROMIUM_PATH when set (it must exist: a typo should
 * not silently fall back to another browser), else Debian's, else Playwright's download.
 */
export function resolveChromiumPath({ envPath, playwrightPath, exists }: ChromiumPathInputs): ChromiumPathResult {
  if (envPath) return exists(envPath) ? { path: envPath, source: 'env' } : { error: `CHROMIUM_PATH=${envPath} does not exist. ${NO_CHROMIUM_MESSAGE}` };
  if (exists(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  if (playwrightPath && exists(playwrightPath)) return { path: playwrightPath, source: 'playwright' };
  return { error: NO_CHROMIUM_MESSAGE };
}

/** playwright-core's own Chromium path; undefined when playwright-core cannot say. */
function playwrightChromiumPath(): string | undefined {
  try {
    // Loaded lazily and synchronously: only consulted when Debian's Chromium is missing.
    const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The resolved Chromium on this machine; throws an Error whose message is the one line. */
export function chromiumPath(): string {
  const result = resolveChromiumPath({
    envPath: process.env.CHROMIUM_PATH,
    exists: existsSync,
    get playwrightPath() {
      return playwrightChromiumPath();
    },
  });
  if ('error' in result) throw new Error(result.error);
  return result.path;
}
