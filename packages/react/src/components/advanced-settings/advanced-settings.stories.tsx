import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CameraFixedSwitch } from '../camera-fixed-switch/camera-fixed-switch.js';
import { SeedField } from '../seed-field/seed-field.js';
import { AdvancedSettings } from './advanced-settings.js';

const meta = {
  title: 'Parts/AdvancedSettings',
  component: AdvancedSettings,
  render: (args) => (
    <AdvancedSettings {...args}>
      <SeedField />
      <CameraFixedSwitch />
    </AdvancedSettings>
  ),
} satisfies Meta<typeof AdvancedSettings>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};
export const Open: Story = { args: { defaultOpen: true } };

export const OpenWithKeyboard: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const trigger = canvas.getByRole('button', { name: 'Advanced settings' });
    await userEvent.tab();
    await expect(trigger).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(trigger).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByRole('switch', { name: 'Fixed camera' })).toBeVisible();
  },
};
