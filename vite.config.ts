import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumPath } from './test/support/chromium-path.js';
import { SpreadSequencer } from './test/support/spread-sequencer.js';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import the packages by their public names; these aliases point those names at the
// sources so `npm test` needs no build first.
export const packageAliases = [
  { find: /^@seedance-kit\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@seedance-kit\/core\/(.+)$/, replacement: src('./packages/core/src/entries/$1.ts') },
  { find: /^@seedance-kit\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@seedance-kit\/local-runware$/, replacement: src('./packages/local-runware/src/index.ts') },
  { find: /^@seedance-kit\/local-runware\/msw$/, replacement: src('./packages/local-runware/src/msw.ts') },
];

/**
 * CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own download. Read when a browser
 * launches (a getter), so node-only runs work on a machine without any Chromium; without one a
 * browser run stops at once with a single line saying how to get one.
 */
const launchOptions = {
  get executablePath(): string {
    try {
      return chromiumPath();
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
  },
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
};
// A fresh object per project: vitest writes each project's name into its instances.
export const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    // Most files wait on timers, sockets, Redis and ffmpeg rather than compute: one worker per
    // core, and at least two, keeps a small machine busy (vitest's default leaves one core idle).
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SpreadSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/server/**/*.test.ts', 'test/budgets/**/*.test.ts', 'test/support/**/*.test.ts', 'test/docs/**/*.test.ts', 'test/packaging/**/*.test.ts'],
          exclude: ['**/*.browser.test.*'],
          // One module graph per worker, not per file: importing the kit afresh for each of 60
          // files cost more CPU than the tests. Each file closes what it opens.
          isolate: false,
          // Many of these render real videos over real HTTP (and Redis): on a loaded 2-core box
          // a few seconds more than vitest's 5 s default.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.*'],
          setupFiles: ['test/react/setup.ts'],
          // One jsdom per worker, not per file: each file cleans up after itself (RTL's cleanup,
          // msw servers closed, timers restored), and a fresh environment per file cost half the time.
          isolate: false,
          // Typing and clicking through the whole widget in jsdom, beside Storybook's Chromium at
          // the start of the run, takes longer than vitest's 5 s default on 2 cores.
          testTimeout: 15_000,
        },
      },
      {
        // Every story is a test in Chromium: it renders, its play function passes, axe finds nothing.
        extends: true,
        plugins: [storybookTest({ configDir: src('./.storybook'), storybookScript: 'npm run storybook -- --no-open' })],
        test: {
          name: 'storybook',
          // Stories that generate a video wait on the local Runware's queue and render, beside
          // the node and e2e files: more than vitest's 5 s default on 2 cores.
          testTimeout: 20_000,
          // An OS in dark mode: every story shows the theme is the page's choice, not the OS's.
          browser: { ...chromium(), provider: playwright({ launchOptions, contextOptions: { colorScheme: 'dark' } }) },
        },
      },
      {
        extends: true,
        // The in-memory client (test/support) takes its limits from the server's policy; in the
        // browser only that part of the server entry can load (the rest needs node:crypto).
        resolve: { alias: [{ find: /^@seedance-kit\/core\/server$/, replacement: src('./test/support/server-policy.ts') }] },
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          browser: chromium(),
        },
      },
      {
        // End to end: the demo and the Next.js example served for real (built once by the global
        // setup), driven in /usr/bin/chromium by playwright-core from Node. Each file runs a
        // browser, a server and ffmpeg: the sequencer spreads them among the node files.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
