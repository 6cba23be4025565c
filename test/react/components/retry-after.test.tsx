// A rate limit with Retry-After, on the kit's real route and the local Runware behind msw: Try
// again waits out the server's time instead of failing again at once.
import type { TaskError } from '@seedance-kit/core';
import { seedanceMswBackend } from '@seedance-kit/local-runware/msw';
import { SeedanceGenerator, VideoResult, VideoResultGrid } from '@seedance-kit/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const ENDPOINT = 'http://localhost:3000/api/seedance';
// One video an hour (a long window, so the two creates never straddle its end): the second
// Generate is refused with Retry-After.
const backend = seedanceMswBackend({ handler: { policy: { rateLimit: { max: 1, windowMs: 3_600_000 } } } });
const server = setupServer(...backend.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.useRealTimers();
});
afterAll(async () => {
  server.close();
  await backend.close();
});

describe('Try again after a rate limit', () => {
  it('waits, aria-disabled, counting down the server’s Retry-After in its name', async () => {
    const user = userEvent.setup();
    render(<SeedanceGenerator endpoint={ENDPOINT} defaults={{ duration: 1.2 }} />);
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'A kite over a beach');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByRole('link', { name: 'Download the video' }, { timeout: 20_000 });
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    await user.click(screen.getByRole('button', { name: 'Generate video' }));

    const waiting = /^Try again in [1-9]\d* (s|min)$/;
    const retry = await screen.findByRole('button', { name: waiting }, { timeout: 5_000 });
    expect(retry).toHaveAttribute('aria-disabled', 'true');
    // Pressing it early sends nothing: the server would only refuse again.
    await user.click(retry);
    expect(backend.localRunware.stats.submitted).toBe(1);
    expect(screen.getByRole('button', { name: waiting })).toBeInTheDocument();
  }, 30_000);

  it('is offered once the time is up, and then retries', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const onRetry = vi.fn();
    const error: TaskError = { kind: 'rate_limit', code: 'rate_limited', message: 'Try again in 3 s.', retryable: true, status: 429, retryAt: Date.now() + 2_500 };
    render(<VideoResultGrid status="failed" results={[]} numberResults={1} error={error} onRetry={onRetry} />);
    expect(screen.getByRole('button', { name: 'Try again in 3 s' })).toHaveAttribute('aria-disabled', 'true');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByRole('button', { name: 'Try again in 2 s' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(1_600));
    const retry = screen.getByRole('button', { name: 'Try again' });
    expect(retry).not.toHaveAttribute('aria-disabled');
    await user.click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('counts down in a composed VideoResult.Retry part too', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const onRetry = vi.fn();
    const error: TaskError = { kind: 'rate_limit', code: 'rate_limited', message: 'Try again in 2 s.', retryable: true, status: 429, retryAt: Date.now() + 1_500 };
    render(
      <VideoResult.Root status="failed" error={error} onRetry={onRetry}>
        <VideoResult.Error />
        <VideoResult.Retry className="mine" />
      </VideoResult.Root>,
    );
    const waiting = screen.getByRole('button', { name: 'Try again in 2 s' });
    expect(waiting).toHaveAttribute('aria-disabled', 'true');
    expect(waiting).toHaveClass('mine');
    await user.click(waiting);
    expect(onRetry).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1_600));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
