'use client';
import type { TaskError, TaskStatus } from '@seedance-kit/core';
import { Slot, VisuallyHidden } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { SeedanceMessages } from '../../messages.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

export interface TaskStatusAnnouncement {
  readonly status: TaskStatus;
  /** Provider-reported progress 0–100; spoken in quarter steps so the region does not chatter. */
  readonly progress?: number | undefined;
  /** Results arrived so far. */
  readonly resultCount?: number | undefined;
  readonly numberResults?: number | undefined;
  readonly error?: TaskError | undefined;
}

/** How often progress is spoken, in percent. */
const PROGRESS_STEP = 25;

/** The sentence for a task's state, or '' when there is nothing to say. */
export function taskStatusMessage(messages: SeedanceMessages, { status, progress, resultCount = 0, numberResults = 1, error }: TaskStatusAnnouncement): string {
  switch (status) {
    case 'idle':
      return '';
    case 'submitting':
      return messages.announceSubmitting;
    case 'queued':
      return messages.announceQueued;
    case 'processing': {
      if (resultCount > 0 && resultCount < numberResults) return messages.announcePartial(resultCount, numberResults);
      const step = progress === undefined ? 0 : Math.floor(progress / PROGRESS_STEP) * PROGRESS_STEP;
      return step > 0 && step < 100 ? messages.announceProgress(step) : messages.announceProcessing;
    }
    case 'succeeded':
      return messages.announceSucceeded(Math.max(resultCount, 1));
    case 'failed':
      return messages.announceFailed(error ? messages.errorMessage(error) : messages.statusName('failed'));
    case 'cancelled':
      return messages.announceCancelled;
    case 'expired':
      return messages.announceExpired;
  }
}

export interface TaskStatusAnnouncerProps extends TaskStatusAnnouncement, Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Show the text too; by default it is only spoken. */
  readonly visible?: boolean;
  readonly asChild?: boolean;
}

/**
 * A polite live region (role status) that speaks a task's progress: sent, queued, generating,
 * quarter steps of progress, partial results, done, failed with the reason, cancelled.
 */
export const TaskStatusAnnouncer = forwardRef<HTMLDivElement, TaskStatusAnnouncerProps>(function TaskStatusAnnouncer(
  { status, progress, resultCount, numberResults, error, visible = false, asChild, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const text = taskStatusMessage(messages, { status, progress, resultCount, numberResults, error });
  const Comp = asChild ? Slot.Root : 'div';
  const region = (
    <Comp role="status" aria-live="polite" aria-atomic="true" data-seedance-part="task-status-announcer" data-state={status} {...props} ref={ref}>
      {text}
    </Comp>
  );
  return visible ? region : <VisuallyHidden.Root asChild>{region}</VisuallyHidden.Root>;
});
