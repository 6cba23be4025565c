'use client';
import { Slot } from 'radix-ui';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import { buttonProps, composeEventHandlers } from './compose.js';
import { useSecondsUntil } from './use-seconds-until.js';

export interface RetryButtonProps extends ComponentPropsWithoutRef<'button'> {
  readonly onRetry: () => void;
  /** The server's Retry-After as an epoch ms (`TaskError.retryAt`). */
  readonly retryAt: number | undefined;
  readonly asChild?: boolean;
}

/**
 * Try again, which waits out a server's Retry-After: until then it stays focusable but
 * aria-disabled and counts down in its name, so pressing it early cannot fail again.
 */
export const RetryButton = forwardRef<HTMLButtonElement, RetryButtonProps>(function RetryButton({ onRetry, retryAt, asChild, children, onClick, ...props }, ref) {
  const messages = useSeedanceMessages();
  const wait = useSecondsUntil(retryAt);
  const Comp = asChild ? Slot.Root : 'button';
  return (
    <Comp
      {...buttonProps('primary')}
      aria-disabled={wait > 0 || undefined}
      data-wait={wait > 0 ? wait : undefined}
      {...props}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => wait > 0 || onRetry())}
    >
      {wait > 0 ? messages.retryIn(wait) : (children ?? messages.retry)}
    </Comp>
  );
});
