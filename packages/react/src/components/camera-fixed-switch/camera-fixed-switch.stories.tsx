import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CameraFixedSwitch } from './camera-fixed-switch.js';

const meta = {
  title: 'Parts/CameraFixedSwitch',
  component: CameraFixedSwitch,
  args: { onValueChange: fn() },
} satisfies Meta<typeof CameraFixedSwitch>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Off: Story = {};
export const On: Story = { args: { defaultValue: true } };
export const Disabled: Story = { args: { disabled: true } };

export const ToggleWithSpace: Story = {
  play: async ({ canvasElement, args }) => {
    const control = within(canvasElement).getByRole('switch', { name: 'Fixed camera' });
    await userEvent.tab();
    await expect(control).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(control).toBeChecked();
    await expect(args.onValueChange).toHaveBeenLastCalledWith(true);
  },
};
