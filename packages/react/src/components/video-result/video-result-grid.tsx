'use client';
import type { TaskError, TaskResult, TaskStatus } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { buttonProps } from '../internal/compose.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import { errorContent, orientationOf, VideoResultSlotView } from './video-result.js';

export interface VideoResultGridProps extends Omit<ComponentPropsWithoutRef<'section'>, 'results'> {
  readonly status: TaskStatus;
  readonly results: readonly TaskResult[];
  /** How many videos the task makes: one slot each, filled as results arrive. */
  readonly numberResults: number;
  readonly progress?: number | undefined;
  readonly estimatedProgress?: number | undefined;
  /** Shown once above the slots when the task failed. */
  readonly error?: TaskError | undefined;
  readonly onRetry?: (() => void) | undefined;
  readonly now?: number;
  /**
   * Width ÷ height of the videos when known before they arrive (the requested size): every slot
   * takes that shape, and the grid lays portrait videos out side by side. Each video's own shape
   * wins once it loads.
   */
  readonly aspectRatio?: number | undefined;
  /** Shown in each slot until its video plays, e.g. the task's first-frame image. */
  readonly poster?: string | undefined;
  /** Renders one slot; default the `<VideoResult/>` layout with the slot's props (the error and retry show once, above the slots). */
  readonly renderResult?: (slot: VideoResultSlot) => ReactNode;
  readonly asChild?: boolean;
}

/** What one slot of the grid gets. */
export interface VideoResultSlot {
  readonly index: number;
  readonly total: number;
  readonly status: TaskStatus;
  readonly result: TaskResult | undefined;
  readonly progress: number | undefined;
  readonly estimatedProgress: number | undefined;
  readonly now: number | undefined;
  readonly aspectRatio: number | undefined;
  readonly poster: string | undefined;
}

/**
 * A task's results, one slot per requested video: arrived ones play while the rest still show
 * progress (partial results). A failure is shown once, with one retry, not in every slot.
 * `data-state` is the task's status; `data-count` how many results arrived; the list's
 * `data-total` and `data-orientation` let the stylesheet pick the columns.
 */
export const VideoResultGrid = forwardRef<HTMLElement, VideoResultGridProps>(function VideoResultGrid(
  { status, results, numberResults, progress, estimatedProgress, error, onRetry, now, aspectRatio, poster, renderResult, asChild, children, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const total = Math.max(numberResults, results.length, 1);
  const Comp = asChild ? Slot.Root : 'section';
  // A task that ended with nothing to show needs no empty slots, only its notice.
  const endedEmpty = results.length === 0 && (status === 'failed' || status === 'cancelled' || status === 'expired');
  const retry = onRetry !== undefined && ((status === 'failed' && error?.retryable !== false) || status === 'cancelled' || status === 'expired') && (
    <button {...buttonProps('primary')} onClick={(event) => event.defaultPrevented || onRetry()}>
      {messages.retry}
    </button>
  );
  return (
    <Comp
      aria-label={messages.resultsLabel}
      data-seedance-part="video-result-grid"
      data-state={status}
      data-count={results.length}
      data-total={total}
      {...props}
      ref={ref}
    >
      {children ?? (
        <>
          {status === 'failed' && error ? (
            <div data-seedance-part="result-error" data-kind={error.kind}>
              {errorContent(messages, error)}
              {retry}
            </div>
          ) : retry || endedEmpty ? (
            <div data-seedance-part="result-notice">
              <span>{status === 'expired' ? messages.resultExpired : status === 'cancelled' ? messages.resultCancelled : messages.statusName(status)}</span>
              {retry}
            </div>
          ) : null}
          {endedEmpty ? null : (
            <ul role="list" data-seedance-part="video-result-list" data-total={total} data-orientation={orientationOf(aspectRatio)}>
              {Array.from({ length: total }, (_, index) => {
                const slot: VideoResultSlot = { index, total, status, result: results[index], progress, estimatedProgress, now, aspectRatio, poster };
                return (
                  <li key={slot.result?.videoUUID ?? `slot-${index}`} data-seedance-part="video-result-item">
                    {renderResult ? renderResult(slot) : <VideoResultSlotView {...slot} />}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </Comp>
  );
});
