import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import the packages by their public names; these aliases point those names at the
// sources so `npm test` needs no build first.
export const packageAliases = [
  { find: /^@seedance-kit\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@seedance-kit\/core\/(.+)$/, replacement: src('./packages/core/src/entries/$1.ts') },
  { find: /^@seedance-kit\/react$/, replacement: src('./packages/react/src/index.ts') },
];

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/server/**/*.test.ts'],
        },
      },
    ],
  },
});
