import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { NumberResultsPicker } from './number-results-picker.js';

const meta = {
  title: 'Parts/NumberResultsPicker',
  component: NumberResultsPicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof NumberResultsPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** The server allows two videos per generation. */
export const NarrowedByServer: Story = { args: { limits: { numberResults: { min: 1, max: 2 } } } };

export const Keyboard: Story = {
  // Keys are held then released: Radix selects on the focus that its keydown schedules.
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight>}{/ArrowRight}{ArrowRight>}{/ArrowRight}{ArrowRight>}{/ArrowRight}');
    await expect(canvas.getByRole('radio', { name: '4' })).toBeChecked();
    await expect(args.onValueChange).toHaveBeenLastCalledWith(4);
  },
};
