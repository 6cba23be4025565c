import { estimateGenerationCost, networkError, type TaskError } from '@seedance-kit/core';
import { AdvancedSettings, CameraFixedSwitch, CostPreview, TaskStatusAnnouncer } from '@seedance-kit/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

describe('CameraFixedSwitch', () => {
  it('is a labelled, described switch that Space toggles', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CameraFixedSwitch onValueChange={onValueChange} />);
    const control = screen.getByRole('switch', { name: 'Fixed camera' });
    expect(control).not.toBeChecked();
    expect(control).toHaveAccessibleDescription('No pan, tilt or zoom.');
    await user.tab();
    expect(control).toHaveFocus();
    await user.keyboard(' ');
    expect(control).toBeChecked();
    expect(onValueChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByText('Fixed camera'));
    expect(control).not.toBeChecked();
  });

  it('follows a controlled value', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<CameraFixedSwitch value onValueChange={onValueChange} />);
    await user.click(screen.getByRole('switch'));
    expect(onValueChange).toHaveBeenCalledWith(false);
    expect(screen.getByRole('switch')).toBeChecked();
  });
});

describe('AdvancedSettings', () => {
  it('is a closed disclosure that Enter opens', async () => {
    const user = userEvent.setup();
    render(
      <AdvancedSettings>
        <p>Inside</p>
      </AdvancedSettings>,
    );
    const trigger = screen.getByRole('button', { name: 'Advanced settings' });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Inside')).not.toBeInTheDocument();
    trigger.focus();
    await user.keyboard('{Enter}');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Inside')).toBeVisible();
    expect(trigger).toHaveAttribute('aria-controls', screen.getByText('Inside').parentElement?.id);
  });
});

describe('CostPreview', () => {
  it('labels the figure as an estimate, from core’s estimate of the input', () => {
    const input = { width: 864, height: 480, duration: 6 };
    const { estimatedUsd } = estimateGenerationCost(input);
    render(<CostPreview input={input} />);
    const group = screen.getByRole('group', { name: 'Estimated cost' });
    expect(group).toHaveTextContent(`≈ $${estimatedUsd.toFixed(4)}`);
    expect(group).toHaveTextContent('An estimate. The charged cost shows on each video.');
    expect(group).toHaveAttribute('data-state', 'within');
  });

  it('shows a range when the size follows a frame image', () => {
    const estimate = estimateGenerationCost({ resolution: '480p', frameImage: 'https://example.com/a.png' });
    render(<CostPreview estimate={estimate} />);
    expect(screen.getByRole('group')).toHaveTextContent(`≈ $${estimate.minUsd.toFixed(4)}–$${estimate.maxUsd.toFixed(4)}`);
  });

  it('flags an estimate over the server’s cap', () => {
    render(<CostPreview input={{ resolution: '1080p', duration: 12, numberResults: 4 }} limits={{ maxTaskCostUsd: 0.5 }} />);
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'over');
    expect(screen.getByText('Over this site’s limit of $0.50 per generation.')).toBeInTheDocument();
  });
});

describe('TaskStatusAnnouncer', () => {
  const error: TaskError = networkError();
  it.each([
    [{ status: 'idle' as const }, ''],
    [{ status: 'submitting' as const }, 'Sending the request.'],
    [{ status: 'queued' as const }, 'Waiting in the queue.'],
    [{ status: 'processing' as const }, 'Generating the video.'],
    [{ status: 'processing' as const, progress: 10 }, 'Generating the video.'],
    [{ status: 'processing' as const, progress: 57 }, '50% done.'],
    [{ status: 'processing' as const, resultCount: 1, numberResults: 4 }, '1 of 4 videos ready.'],
    [{ status: 'succeeded' as const, resultCount: 1, numberResults: 1 }, 'Your video is ready.'],
    [{ status: 'succeeded' as const, resultCount: 4, numberResults: 4 }, '4 videos are ready.'],
    [{ status: 'failed' as const, error }, `Failed. ${error.message}`],
    [{ status: 'cancelled' as const }, 'Stopped waiting. The video may still be made and billed.'],
    [{ status: 'expired' as const }, 'The video links have expired.'],
  ])('speaks %o as “%s” in a polite status region', (props, text) => {
    render(<TaskStatusAnnouncer {...props} />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent(text === '' ? /^$/ : text);
  });

  it('speaks progress only in quarter steps', () => {
    const { rerender } = render(<TaskStatusAnnouncer status="processing" progress={51} />);
    expect(screen.getByRole('status')).toHaveTextContent('50% done.');
    rerender(<TaskStatusAnnouncer status="processing" progress={74} />);
    expect(screen.getByRole('status')).toHaveTextContent('50% done.');
    rerender(<TaskStatusAnnouncer status="processing" progress={75} />);
    expect(screen.getByRole('status')).toHaveTextContent('75% done.');
  });
});
