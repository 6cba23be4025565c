'use client';
import type { GenerationInput, TaskError, TaskResult, TaskStatus } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { aspectRatioOf } from '../internal/aspect-ratio.js';
import { RetryButton } from '../internal/retry-button.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import { errorContent, orientationOf, videoFileName, VideoResultSlotView } from './video-result.js';

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
   * What was submitted (`task.input`): downloads are named from its prompt and format, every slot
   * takes the requested size's shape before its video arrives (each video's own shape wins once
   * it loads), and a first-frame image the browser can show is each slot's poster.
   */
  readonly input?: Partial<GenerationInput> | undefined;
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
  /** Width ÷ height, from the requested size; undefined while unknown. */
  readonly aspectRatio: number | undefined;
  readonly poster: string | undefined;
  /** The download's name, once the video arrived (`videoFileName`). */
  readonly fileName: string | undefined;
}

/**
 * A task's results, one slot per requested video: arrived ones play while the rest still show
 * progress (partial results). A failure is shown once, with one retry, not in every slot.
 * `data-state` is the task's status; `data-count` how many results arrived; the list's
 * `data-total` and `data-orientation` let the stylesheet pick the columns.
 */
export const VideoResultGrid = forwardRef<HTMLElement, VideoResultGridProps>(function VideoResultGrid(
  { status, results, numberResults, progress, estimatedProgress, error, onRetry, now, input, renderResult, asChild, children, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const total = Math.max(numberResults, results.length, 1);
  // A size that follows the frame image is not known here: each slot learns it from its video.
  const aspectRatio = aspectRatioOf(input);
  // The first-frame image is the video's first frame; only a URL or data the browser can show.
  const poster = input?.frameImage && /^(https?:|data:image\/)/.test(input.frameImage) ? input.frameImage : undefined;
  const Comp = asChild ? Slot.Root : 'section';
  // A task that ended with nothing to show needs no empty slots, only its notice.
  const endedEmpty = results.length === 0 && (status === 'failed' || status === 'cancelled' || status === 'expired');
  const retry = onRetry !== undefined && ((status === 'failed' && error?.retryable !== false) || status === 'cancelled' || status === 'expired') && (
    <RetryButton onRetry={onRetry} retryAt={error?.retryAt} />
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
                const result = results[index];
                const slot: VideoResultSlot = { index, total, status, result, progress, estimatedProgress, now, aspectRatio, poster, fileName: result && videoFileName(result, input) };
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
