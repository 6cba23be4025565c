import type { StorybookConfig } from '@storybook/react-vite';
import { seedanceApiPlugin } from './seedance-api-plugin.ts';

process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/react/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    // The root vite.config.ts (aliases to the package sources) is loaded by Storybook already.
    return mergeConfig(viteConfig, {
      plugins: [seedanceApiPlugin()],
      // Other tools write here (builds, example apps); a change there must not reload the stories.
      server: { watch: { ignored: ['**/examples/**', '**/.next/**', '**/dist/**', '**/coverage/**'] } },
    });
  },
};

export default config;
