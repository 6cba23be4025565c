import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { OutputFormatPicker } from './output-format-picker.js';

const meta = {
  title: 'Parts/OutputFormatPicker',
  component: OutputFormatPicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof OutputFormatPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const NarrowedByServer: Story = { args: { limits: { outputFormats: ['MP4'] } } };

export const ChooseWebm: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('radio', { name: 'WEBM' }));
    await expect(args.onValueChange).toHaveBeenCalledWith('WEBM');
  },
};
