import { seedanceProFast } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PromptField } from './prompt-field.js';

const meta = {
  title: 'Parts/PromptField',
  component: PromptField,
  args: { onValueChange: fn(), onSubmit: fn() },
} satisfies Meta<typeof PromptField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

export const Filled: Story = {
  args: { defaultValue: 'A flamenco dancer on a moonlit rooftop, slow orbit around her, warm lantern light' },
};

export const TooLong: Story = {
  args: { defaultValue: 'A long shot. '.repeat(Math.ceil((seedanceProFast.positivePrompt.maxLength + 20) / 13)) },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Prompt' });
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(/must be at most 3000 characters/);
  },
};

export const Disabled: Story = { args: { defaultValue: 'A paper boat on a stream', disabled: true } };

/** Typing counts code points (an emoji is one), then Ctrl+Enter submits. */
export const TypeAndSubmit: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Prompt' });
    await userEvent.type(input, 'Fireflies 🌙');
    await expect(canvas.getByText(`11 / ${seedanceProFast.positivePrompt.maxLength}`)).toBeInTheDocument();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect(args.onSubmit).toHaveBeenCalledTimes(1);
  },
};

/** Leaving a one-letter prompt shows core's message, tied to the textarea. */
export const TooShortAfterBlur: Story = {
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Prompt' });
    await userEvent.type(input, 'a');
    await userEvent.tab();
    await expect(input).toHaveAccessibleDescription(/Prompt must be at least 2 characters \(now 1\)/);
  },
};

export const TooLongDark: Story = { ...TooLong, globals: { theme: 'dark' } };
