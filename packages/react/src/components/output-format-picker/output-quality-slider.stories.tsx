import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { OutputQualitySlider } from './output-quality-slider.js';

const meta = {
  title: 'Parts/OutputQualitySlider',
  component: OutputQualitySlider,
  args: { onValueChange: fn() },
} satisfies Meta<typeof OutputQualitySlider>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Keyboard: Story = {
  play: async ({ canvasElement, args }) => {
    const thumb = within(canvasElement).getByRole('slider', { name: 'Quality' });
    await userEvent.tab();
    await userEvent.keyboard('{PageDown}');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(85);
    await expect(thumb).toHaveAttribute('aria-valuenow', '85');
  },
};
