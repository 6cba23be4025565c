import { timeoutError } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { sampleResult } from './story-fixtures.js';
import { VideoResultGrid } from './video-result-grid.js';

const meta = {
  title: 'Parts/VideoResultGrid',
  component: VideoResultGrid,
  args: { onRetry: fn(), status: 'processing', numberResults: 4, results: [] },
} satisfies Meta<typeof VideoResultGrid>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Waiting: Story = { args: { estimatedProgress: 20 } };

export const ThreeOfFour: Story = {
  args: { results: [1, 2, 3].map((n) => sampleResult(n)), progress: 90 },
  play: async ({ canvasElement }) => {
    const slots = within(canvasElement).getAllByRole('group');
    await expect(slots.map((slot) => slot.getAttribute('data-state'))).toEqual(['ready', 'ready', 'ready', 'pending']);
  },
};

/** A timeout after two videos: those stay, the failure shows once with one retry. */
export const FailedAfterTwo: Story = {
  args: { status: 'failed', results: [1, 2].map((n) => sampleResult(n)), error: timeoutError() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('link', { name: /Download video/ })).toHaveLength(2);
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

/** A rate limit with Retry-After: Try again waits, aria-disabled, its name counting down the seconds. */
export const RateLimitedCountdown: Story = {
  args: {
    status: 'failed',
    numberResults: 1,
    error: { kind: 'rate_limit', code: 'rate_limited', message: 'Too many videos started. Try again in 3 s.', retryable: true, status: 429, retryAt: Date.now() + 3_000 },
  },
  // The wait is counted from when the story renders, not from when this file loaded.
  render: (args) => <VideoResultGrid {...args} error={args.error && { ...args.error, retryAt: Date.now() + 2_500 }} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const waiting = canvas.getByRole('button', { name: /^Try again in [1-3] s$/ });
    await expect(waiting).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(waiting);
    await expect(args.onRetry).not.toHaveBeenCalled();
    const ready = await canvas.findByRole('button', { name: 'Try again' }, { timeout: 4_000 });
    await expect(ready).not.toHaveAttribute('aria-disabled');
    await userEvent.click(ready);
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};
