import { seedanceProFast } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { SeedField } from './seed-field.js';

const meta = {
  title: 'Parts/SeedField',
  component: SeedField,
  args: { onValueChange: fn() },
} satisfies Meta<typeof SeedField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Random: Story = {};

/** The largest int64 seed, exact as text. */
export const FixedInt64: Story = { args: { defaultValue: seedanceProFast.seed.max.toString() } };

export const Invalid: Story = { args: { defaultValue: '12.5' } };

/** Fixed fills a random seed, which can be edited; Random hides it again. */
export const ChooseFixed: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'Fixed' }));
    const input = canvas.getByRole('textbox', { name: 'Seed value' });
    await expect((input as HTMLInputElement).value).toMatch(/^\d+$/);
    await userEvent.clear(input);
    await userEvent.type(input, '74606');
    await expect(args.onValueChange).toHaveBeenLastCalledWith('74606');
    await userEvent.type(input, 'x');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  },
};

export const InvalidDark: Story = { ...Invalid, globals: { theme: 'dark' } };
