import { timeoutError } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
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

/** The first-frame image as the browser would have it: an absolute URL. */
const FRAME = `${location.origin}/samples/frame-640x360.jpg`;
const portrait = (n: number) => sampleResult(n, { videoURL: '/samples/sample-portrait.mp4' });
const boxes = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll<HTMLElement>('[data-seedance-part="result-media"]')].map((media) => media.getBoundingClientRect());

/**
 * Four 9:16 videos in the widget's results column (420 px at a 1280 px page): each slot takes the
 * video's shape (known from the requested size before any arrives), two by two, none taller than
 * the screen allows. Wider, four portrait videos stand in one row.
 */
export const FourPortrait: Story = {
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 420 }}>
        <Story />
      </div>
    ),
  ],
  args: { status: 'processing', input: { width: 480, height: 864 }, results: [1, 2].map(portrait), progress: 60 },
  play: async ({ canvasElement }) => {
    const slots = boxes(canvasElement);
    await expect(slots).toHaveLength(4);
    for (const slot of slots) {
      await expect(slot.height / slot.width).toBeCloseTo(864 / 480, 1);
      await expect(slot.height).toBeLessThan(window.innerHeight);
    }
    await expect(new Set(slots.map((slot) => Math.round(slot.left))).size).toBe(2);
    await expect(canvasElement.querySelector('[data-seedance-part="video-result-list"]')).toHaveAttribute('data-orientation', 'portrait');
  },
};

/**
 * No size known ahead (it follows the frame image): 16:9 slots until a video's metadata loads,
 * then that slot takes the video's own shape. The poster (the frame image) shows until it plays.
 */
export const ShapeFromTheVideo: Story = {
  args: { status: 'succeeded', numberResults: 1, results: [portrait(1)], input: { resolution: '480p', frameImage: FRAME } },
  play: async ({ canvasElement }) => {
    const video = canvasElement.querySelector('video') as HTMLVideoElement;
    await expect(video).toHaveAttribute('poster', FRAME);
    await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(1));
    await waitFor(() => {
      const [slot] = boxes(canvasElement);
      return expect(slot && slot.height / slot.width).toBeCloseTo(432 / 240, 1);
    });
  },
};

/** Two landscape videos at desktop width: side by side. */
export const TwoLandscape: Story = {
  args: { status: 'succeeded', numberResults: 2, input: { width: 864, height: 480 }, results: [1, 2].map((n) => sampleResult(n)) },
  play: async ({ canvasElement }) => {
    const [first, second] = boxes(canvasElement);
    await expect(first && second && Math.round(first.top)).toBe(second && Math.round(second.top));
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
