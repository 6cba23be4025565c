import { seedanceProFast } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { DimensionPicker } from './dimension-picker.js';

const meta = {
  title: 'Parts/DimensionPicker',
  component: DimensionPicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof DimensionPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Portrait1080p: Story = { args: { defaultValue: { resolution: '1080p', aspectRatio: '9:16' } } };

/** With a first frame image, "Like the image" keeps the image's aspect ratio at the chosen tier. */
export const WithFrameImage: Story = { args: { hasFrameImage: true, defaultValue: { resolution: '480p', aspectRatio: 'frameImage' } } };

/** The server allows 480p only: 1080p stays visible but disabled. */
export const NarrowedByServer: Story = {
  args: { limits: { resolutions: ['480p'], dimensions: seedanceProFast.dimensions.filter((d) => d.resolution === '480p') } },
};

export const WithError: Story = { args: { error: 'Choose a size: a width and height, a resolution preset, or a first frame image.' } };

/** Keyboard: Tab into each radio group, arrows choose. */
export const Keyboard: Story = {
  // Keys are held then released: Radix selects on the focus that its keydown schedules.
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: '480p' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight>}{/ArrowRight}');
    await expect(args.onValueChange).toHaveBeenLastCalledWith({ resolution: '1080p', aspectRatio: '16:9' });
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight>}{/ArrowRight}');
    await expect(args.onValueChange).toHaveBeenLastCalledWith({ resolution: '1080p', aspectRatio: '4:3' });
    await expect(canvas.getByRole('radio', { name: /4:3/ })).toHaveAccessibleDescription('1664×1248');
  },
};

export const WithFrameImageDark: Story = { ...WithFrameImage, globals: { theme: 'dark' } };
export const NarrowedByServerDark: Story = { ...NarrowedByServer, globals: { theme: 'dark' } };
