import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { SeedanceGenerator } from '../components/seedance-generator/seedance-generator.js';

/**
 * The widget on a phone. Its layout follows its own width (a container query), not the window,
 * so it is one column in any container narrower than 52rem: form first, then the results.
 */
const meta = {
  title: 'Guides/Mobile viewport',
  component: SeedanceGenerator,
  args: { endpoint: '/api/seedance' },
  parameters: { seedanceScope: false, layout: 'fullscreen' },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  beforeEach: () => sessionStorage.clear(),
  decorators: [
    (Story) => (
      // The phone's width even where the toolbar's viewport does not apply (stories run as tests).
      <div style={{ width: '320px', maxWidth: '100%' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SeedanceGenerator>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Phone: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Advanced settings' }));
    const form = canvasElement.querySelector('[data-seedance-part="generator-form"]') as HTMLElement;
    const results = canvasElement.querySelector('[data-seedance-part="generator-results"]') as HTMLElement;
    // One column: the results sit under the form.
    await expect(results.getBoundingClientRect().top).toBeGreaterThanOrEqual(form.getBoundingClientRect().bottom);
    // Nothing wider than the phone: no sideways scrolling.
    const widget = canvasElement.querySelector('[data-seedance-part="generator"]') as HTMLElement;
    await expect(widget.scrollWidth).toBeLessThanOrEqual(widget.clientWidth);
    await expect(canvas.getByRole('button', { name: 'Generate video' })).toBeVisible();
  },
};
