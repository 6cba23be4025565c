import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/react/src/styles/seedance.css';

/** Every story renders inside the stylesheet's scope, in the theme chosen in the toolbar. */
const withTheme: Decorator = (Story, context) => {
  // 'auto' follows the OS (prefers-color-scheme); light is the stylesheet's own default.
  const theme = context.globals.theme === 'dark' || context.globals.theme === 'auto' ? context.globals.theme : 'light';
  if (context.parameters.seedanceScope === false) return <Story />;
  return (
    <div className="seedance" data-theme={theme} style={{ padding: '1.25rem', minHeight: '100%' }}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  // Every component gets a Docs page: its description, a prop table and its stories.
  tags: ['autodocs'],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Light, dark, or auto (follows the OS) theme of the stylesheet',
      toolbar: { title: 'Theme', icon: 'contrast', items: ['light', 'dark', 'auto'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    options: { storySort: { order: ['Introduction', 'Getting started', 'Theming', 'Accessibility', 'Widget', 'Guides', 'Parts', 'Task states'] } },
    // An axe violation fails the story's test.
    a11y: { test: 'error' },
  },
};

export default preview;
