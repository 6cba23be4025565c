import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import remarkGfm from 'remark-gfm';
import { seedanceApiPlugin } from './seedance-api-plugin.ts';

process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/react/src/docs/*.mdx', '../packages/react/src/**/*.stories.@(ts|tsx)'],
  addons: [
    // GitHub-flavoured Markdown in the MDX pages: MDX alone renders no tables.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
  ],
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: {
    // Prop tables with the TSDoc comments, including props inherited through Omit/Pick and
    // forwardRef, which react-docgen (no type checker) cannot follow.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      tsconfigPath: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
      shouldExtractLiteralValuesFromEnum: true,
      // The components only: preview.tsx and the stories are not in the TypeScript project.
      include: ['packages/react/src/**/*.tsx'],
      exclude: ['**/*.stories.tsx', '**/node_modules/**'],
      // Our props only: leave out the hundreds of DOM attributes every part also takes.
      propFilter: (prop) => !prop.parent || !/node_modules/.test(prop.parent.fileName),
    },
  },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    // The root vite.config.ts (aliases to the package sources) is loaded by Storybook already.
    return mergeConfig(viteConfig, {
      plugins: [seedanceApiPlugin()],
      build: {
        // A static docs site that bundles Storybook's manager, axe and every story: its chunks are
        // large by nature, and the kit's own size budgets live in test/budgets.
        chunkSizeWarningLimit: 1500,
        rolldownOptions: {
          checks: { pluginTimings: false },
          onwarn(warning, warn) {
            // "use client" marks modules for React Server Components; Storybook renders in the
            // browser only, so dropping the directive while bundling changes nothing.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
      // Other tools write here (builds, example apps); a change there must not reload the stories.
      server: { watch: { ignored: ['**/examples/**', '**/.next/**', '**/dist/**', '**/coverage/**'] } },
    });
  },
};

export default config;
