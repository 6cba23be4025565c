import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { SeedanceGenerator } from '../components/seedance-generator/seedance-generator.js';

/**
 * A brand theme: the default stylesheet with some `--seedance-*` variables overridden by one
 * class. `.seedance.acme-studio` outranks `.seedance`, so no `!important` is needed. Colours
 * keep the stylesheet's contrast (text 4.5:1, control borders 3:1); axe checks them here.
 */
const ACME_THEME_CSS = `
.seedance.acme-studio {
  --seedance-font: Georgia, 'Times New Roman', serif;
  --seedance-radius: 2px;
  --seedance-radius-small: 2px;
  --seedance-surface: #f0fdfa;
  --seedance-surface-strong: #d5f5ee;
  --seedance-border-subtle: #b8e6dc;
  --seedance-accent: #0f766e;
  --seedance-accent-hover: #115e59;
  --seedance-accent-text: #ffffff;
  --seedance-accent-soft: #ccfbf1;
  --seedance-focus: #0e7490;
  --seedance-shadow: none;
}`;

function BrandThemed() {
  return (
    <>
      <style>{ACME_THEME_CSS}</style>
      <SeedanceGenerator endpoint="/api/seedance" className="acme-studio" data-theme="light" />
    </>
  );
}

const meta = {
  title: 'Guides/Brand theme',
  component: BrandThemed,
  parameters: { seedanceScope: false },
  beforeEach: () => sessionStorage.clear(),
} satisfies Meta<typeof BrandThemed>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AcmeStudio: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Generate video' });
    // The variables reach the parts: the primary button takes the brand's accent.
    await expect(getComputedStyle(button).backgroundColor).toBe('rgb(15, 118, 110)');
  },
};
