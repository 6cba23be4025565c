import { frameCount, seedanceProFast } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { DurationSlider } from './duration-slider.js';

const meta = {
  title: 'Parts/DurationSlider',
  component: DurationSlider,
  args: { onValueChange: fn() },
} satisfies Meta<typeof DurationSlider>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** The server allows at most 6 s: the range shrinks, never grows. */
export const NarrowedByServer: Story = { args: { limits: { duration: { min: seedanceProFast.duration.min, max: 6, step: seedanceProFast.duration.step } } } };

export const WithError: Story = { args: { error: 'Longer videos are not allowed on this site.' } };

export const Disabled: Story = { args: { disabled: true } };

/** Keyboard: arrows step by the spec's step, Home/End go to the ends; frames follow. */
export const Keyboard: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const thumb = canvas.getByRole('slider', { name: 'Duration' });
    await userEvent.tab();
    await expect(thumb).toHaveFocus();
    await userEvent.keyboard('{End}');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(seedanceProFast.duration.max);
    await expect(canvas.getByText(`${frameCount(seedanceProFast.duration.max)} frames at 24 fps`)).toBeInTheDocument();
    await userEvent.keyboard('{Home}{ArrowRight}');
    await expect(thumb).toHaveAttribute('aria-valuetext', `1.3 seconds, ${frameCount(1.3)} frames`);
  },
};
