import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { packageAliases } from '../../vite.config.js';

// `npm run bench`: figures, not pass/fail. Kept out of the root config so `npm test` stays quick;
// the budgets that fail a build live in test/budgets.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { alias: packageAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'bench',
          environment: 'node',
          include: ['test/bench/**/*.test.ts'],
          globalSetup: ['test/bench/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
