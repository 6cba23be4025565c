import { networkError } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { sampleResult } from './story-fixtures.js';
import { VideoResult } from './video-result.js';

const meta = {
  title: 'Parts/VideoResult',
  component: VideoResult,
  args: { onRetry: fn(), onCancel: fn() },
  decorators: [(Story) => <div style={{ maxWidth: '30rem' }}><Story /></div>],
} satisfies Meta<typeof VideoResult>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Ready: Story = {
  args: { status: 'succeeded', result: sampleResult(1, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('link', { name: 'Download the video' })).toHaveAttribute('href', '/samples/sample-1.mp4');
    await expect(canvas.getByText('Seed 74606')).toBeInTheDocument();
    await expect(canvasElement.querySelector('time')).not.toBeNull();
  },
};

export const Queued: Story = { args: { status: 'queued' } };

/** The provider's figure: determinate, `--seedance-progress` 0.62. */
export const ProcessingReported: Story = {
  args: { status: 'processing', progress: 62 },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar', { name: 'Progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '62');
    const slot = canvasElement.querySelector('[data-seedance-part="video-result"]') as HTMLElement;
    await expect(slot.style.getPropertyValue('--seedance-progress')).toBe('0.62');
  },
};

/** No figure from the provider: the kit's estimate, said to be "about". */
export const ProcessingEstimated: Story = { args: { status: 'processing', estimatedProgress: 35 } };

export const FailedRetryable: Story = {
  args: { status: 'failed', error: networkError() },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

export const CancelWhileQueued: Story = {
  args: { status: 'queued' },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Cancel' }));
    await expect(args.onCancel).toHaveBeenCalledTimes(1);
  },
};

export const Expired: Story = { args: { status: 'expired', result: sampleResult(2) } };

export const FlaggedByContentCheck: Story = { args: { status: 'succeeded', result: sampleResult(3, { NSFWContent: true }) } };

export const FlaggedByContentCheckDark: Story = { ...FlaggedByContentCheck, globals: { theme: 'dark' } };
export const ProcessingEstimatedDark: Story = { ...ProcessingEstimated, globals: { theme: 'dark' } };
