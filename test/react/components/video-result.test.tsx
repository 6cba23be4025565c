import { DEFAULT_ERROR_MESSAGES, networkError, type TaskError, type TaskResult } from '@seedance-kit/core';
import { VideoResult, VideoResultGrid } from '@seedance-kit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

const result = (n: number, extra: Partial<TaskResult> = {}): TaskResult => ({
  videoUUID: `00000000-0000-4000-8000-00000000000${n}`,
  videoURL: `https://videos.example/${n}.mp4`,
  seed: '9223372036854775807',
  cost: 0.03811,
  ...extra,
});
const moderation: TaskError = { kind: 'moderation', code: 'contentPolicyViolation', message: DEFAULT_ERROR_MESSAGES.moderation, retryable: false };

describe('VideoResult', () => {
  it('plays a ready video with its exact seed, charged cost and a download link', () => {
    render(<VideoResult status="succeeded" result={result(1)} />);
    const slot = screen.getByRole('group', { name: 'Video' });
    expect(slot).toHaveAttribute('data-state', 'ready');
    const video = slot.querySelector('video');
    // From its first frame (a media fragment), so the paused player is never a black tile.
    expect(video).toHaveAttribute('src', 'https://videos.example/1.mp4#t=0.001');
    expect(video).toHaveAttribute('controls');
    expect(slot).toHaveTextContent('Seed 9223372036854775807');
    expect(slot).toHaveTextContent('Cost $0.0381');
    const link = screen.getByRole('link', { name: 'Download the video' });
    expect(link).toHaveAttribute('href', 'https://videos.example/1.mp4');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    // Another origin (a CDN): browsers ignore `download` there, so the file opens in a new tab.
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener');
    expect(link).not.toHaveAttribute('download');
  });

  it('downloads a file served from the app’s own origin', () => {
    render(<VideoResult status="succeeded" result={result(1, { videoURL: `${location.origin}/api/seedance/files/1.mp4?token=t` })} />);
    const link = screen.getByRole('link', { name: 'Download the video' });
    expect(link).toHaveAttribute('download');
    expect(link).not.toHaveAttribute('target');
  });

  it('shows the provider’s progress in a progressbar and the CSS variable', () => {
    render(<VideoResult status="processing" progress={40} estimatedProgress={70} />);
    const bar = screen.getByRole('progressbar', { name: 'Progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(bar).toHaveAttribute('aria-valuetext', '40%');
    expect(bar).toHaveAttribute('data-state', 'reported');
    const slot = screen.getByRole('group');
    expect(slot).toHaveAttribute('aria-busy', 'true');
    expect(slot.style.getPropertyValue('--seedance-progress')).toBe('0.4');
  });

  it('falls back to the estimate, said to be one', () => {
    render(<VideoResult status="processing" estimatedProgress={33.4} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', 'About 33%');
    expect(screen.getByRole('group')).toHaveAttribute('data-estimated', '');
  });

  it('is indeterminate before any figure, with a cancel button when asked', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<VideoResult status="queued" onCancel={onCancel} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('data-state', 'indeterminate');
    expect(screen.getByText('Queued')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('shows a retryable error with Try again', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const error = networkError();
    render(<VideoResult status="failed" error={error} onRetry={onRetry} />);
    const slot = screen.getByRole('group');
    expect(slot).toHaveAttribute('data-state', 'failed');
    expect(slot).toHaveTextContent('The video could not be made');
    expect(slot).toHaveTextContent(error.message);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no retry for an error that retrying cannot fix', () => {
    render(<VideoResult status="failed" error={moderation} onRetry={() => {}} />);
    expect(screen.getByRole('group').querySelector('[data-kind="moderation"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('shows the link’s expiry, and treats a passed expiry as expired', () => {
    const expiresAt = '2030-01-01T12:30:00.000Z';
    const { rerender } = render(<VideoResult status="succeeded" result={result(1, { expiresAt })} now={Date.parse('2030-01-01T12:00:00Z')} />);
    expect(screen.getByRole('group').querySelector('time')).toHaveAttribute('datetime', expiresAt);
    rerender(<VideoResult status="succeeded" result={result(1, { expiresAt })} now={Date.parse('2030-01-01T13:00:00Z')} />);
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'expired');
    expect(screen.getByRole('group').querySelector('video')).toBeNull();
    expect(screen.getByText('This link has expired. Generate again to get a new one.')).toBeInTheDocument();
  });

  it('flags a video the content check marked', () => {
    render(<VideoResult status="succeeded" result={result(1, { NSFWContent: true })} />);
    expect(screen.getByText('Flagged by the content check')).toBeInTheDocument();
  });
});

describe('VideoResultGrid', () => {
  it('has one slot per requested video, filled as results arrive (partial results)', () => {
    render(<VideoResultGrid status="processing" results={[result(1)]} numberResults={4} estimatedProgress={50} />);
    const grid = screen.getByRole('region', { name: 'Videos' });
    expect(grid).toHaveAttribute('data-count', '1');
    const slots = within(grid).getAllByRole('group');
    expect(slots.map((s) => s.getAttribute('data-state'))).toEqual(['ready', 'pending', 'pending', 'pending']);
    expect(slots[0]).toHaveAccessibleName('Video 1 of 4');
    expect(screen.getByRole('link', { name: 'Download video 1 of 4' })).toBeInTheDocument();
    expect(screen.getAllByRole('progressbar')).toHaveLength(3);
  });

  it('shows a failure once, with one retry, keeping the videos that arrived', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    render(<VideoResultGrid status="failed" results={[result(1), result(2)]} numberResults={4} error={networkError()} onRetry={onRetry} />);
    expect(screen.getAllByText('The video could not be made')).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Try again' })).toHaveLength(1);
    expect(screen.getAllByRole('link')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows four ready videos', () => {
    render(<VideoResultGrid status="succeeded" results={[1, 2, 3, 4].map((n) => result(n))} numberResults={4} />);
    expect(screen.getAllByRole('group').every((slot) => slot.getAttribute('data-state') === 'ready')).toBe(true);
  });

  it('after a cancel, says the video may still be made and billed, and offers retry', () => {
    render(<VideoResultGrid status="cancelled" results={[]} numberResults={1} onRetry={() => {}} />);
    expect(screen.getByText('Stopped waiting. The video service cannot cancel, so the video may still be made and billed.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
