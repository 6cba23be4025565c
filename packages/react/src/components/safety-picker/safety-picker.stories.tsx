import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { SafetyPicker } from './safety-picker.js';

const meta = {
  title: 'Parts/SafetyPicker',
  component: SafetyPicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof SafetyPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Off: Story = {};
export const Full: Story = { args: { defaultValue: 'full' } };

export const ChooseFast: Story = {
  play: async ({ canvasElement, args }) => {
    const fast = within(canvasElement).getByRole('radio', { name: 'Fast' });
    await expect(fast).toHaveAccessibleDescription('Checks the first, middle and last frames');
    await userEvent.click(fast);
    await expect(args.onValueChange).toHaveBeenCalledWith('fast');
  },
};
