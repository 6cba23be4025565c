'use client';
import { isActive, type TaskError, type TaskResult, type TaskStatus } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useMemo, type ComponentPropsWithoutRef, type CSSProperties, type Ref } from 'react';
import { composeEventHandlers, flag } from '../internal/compose.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

/** One result slot's state: `ready` has a video; `pending` waits for one. */
export type VideoResultState = 'idle' | 'pending' | 'ready' | 'failed' | 'cancelled' | 'expired';

export function videoResultState(status: TaskStatus, result: TaskResult | undefined, now: number = Date.now()): VideoResultState {
  if (result) {
    const expiry = result.expiresAt ? Date.parse(result.expiresAt) : Number.NaN;
    return status === 'expired' || expiry <= now ? 'expired' : 'ready';
  }
  if (isActive(status) || status === 'succeeded') return 'pending';
  if (status === 'failed' || status === 'cancelled' || status === 'expired') return status;
  return 'idle';
}

interface VideoResultContextValue {
  readonly state: VideoResultState;
  readonly status: TaskStatus;
  readonly result: TaskResult | undefined;
  readonly index: number;
  readonly total: number;
  /** 0–100 and whether it is the kit's estimate rather than the provider's figure. */
  readonly progress: { readonly percent: number; readonly estimated: boolean } | undefined;
  readonly error: TaskError | undefined;
  readonly onRetry: (() => void) | undefined;
  readonly onCancel: (() => void) | undefined;
}
const VideoResultContext = createContext<VideoResultContextValue | null>(null);
const useVideoResult = (part: string) => {
  const context = useContext(VideoResultContext);
  if (!context) throw new Error(`<VideoResult.${part}> must be inside <VideoResult.Root>.`);
  return context;
};

export interface VideoResultRootProps extends ComponentPropsWithoutRef<'div'> {
  /** The task's status. */
  readonly status: TaskStatus;
  /** This slot's video, once it arrived. */
  readonly result?: TaskResult | undefined;
  /** Position among the task's results (0-based) and how many there will be. */
  readonly index?: number;
  readonly total?: number;
  /** Provider-reported progress 0–100. */
  readonly progress?: number | undefined;
  /** The kit's estimate 0–100, used when the provider reports none. */
  readonly estimatedProgress?: number | undefined;
  /** Shown by `VideoResult.Error` when the task failed. */
  readonly error?: TaskError | undefined;
  /** Offered after a failure (when retryable), a cancel or an expiry. */
  readonly onRetry?: (() => void) | undefined;
  /** Offered while the task is under way. */
  readonly onCancel?: (() => void) | undefined;
  /** The clock for expiry, ms since epoch. Default: now at render. */
  readonly now?: number;
  readonly asChild?: boolean;
}

/**
 * One result slot. `data-state` is idle, pending, ready, failed, cancelled or expired;
 * `--seedance-progress` (0–1) carries the provider's progress or the kit's estimate.
 */
export const VideoResultRoot = forwardRef<HTMLDivElement, VideoResultRootProps>(function VideoResultRoot(
  { status, result, index = 0, total = 1, progress, estimatedProgress, error, onRetry, onCancel, now, asChild, style, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const state = videoResultState(status, result, now);
  const shown = progress ?? estimatedProgress;
  const progressValue = shown === undefined || !Number.isFinite(shown) ? undefined : { percent: Math.min(100, Math.max(0, shown)), estimated: progress === undefined };
  const context = useMemo<VideoResultContextValue>(
    () => ({ state, status, result, index, total, progress: progressValue, error, onRetry, onCancel }),
    // progressValue is rebuilt each render; its parts are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, status, result, index, total, progressValue?.percent, progressValue?.estimated, error, onRetry, onCancel],
  );
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <VideoResultContext.Provider value={context}>
      <Comp
        role="group"
        aria-label={messages.resultLabel(index, total)}
        aria-busy={state === 'pending' || undefined}
        data-seedance-part="video-result"
        data-state={state}
        data-status={status}
        data-estimated={flag(progressValue?.estimated)}
        style={{ ...(progressValue && { '--seedance-progress': String(progressValue.percent / 100) }), ...style } as CSSProperties}
        {...props}
        ref={ref}
      />
    </VideoResultContext.Provider>
  );
});

export type VideoResultVideoProps = ComponentPropsWithoutRef<'video'>;

/** The player, once the video is ready. */
export const VideoResultVideo = forwardRef<HTMLVideoElement, VideoResultVideoProps>(function VideoResultVideo(props, ref) {
  const context = useVideoResult('Video');
  const messages = useSeedanceMessages();
  if (!context.result || context.state === 'expired') return null;
  return (
    <video
      src={context.result.videoURL}
      controls
      playsInline
      loop
      preload="metadata"
      aria-label={messages.resultLabel(context.index, context.total)}
      data-seedance-part="video"
      {...props}
      ref={ref}
    />
  );
});

export interface VideoResultTextProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

function TextPart({ asChild, part, text, children, ...props }: VideoResultTextProps & { readonly part: string; readonly text: string | undefined }, ref: Ref<HTMLSpanElement>) {
  if (text === undefined && children === undefined) return null;
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp data-seedance-part={part} {...props} ref={ref}>
      {children ?? text}
    </Comp>
  );
}

/** The status in words, e.g. "Queued", "Generating · About 40%". */
export const VideoResultStatus = forwardRef<HTMLSpanElement, VideoResultTextProps>(function VideoResultStatus(props, ref) {
  const context = useVideoResult('Status');
  const messages = useSeedanceMessages();
  if (context.state === 'ready') return null;
  const text =
    context.state === 'pending' && context.progress && context.status === 'processing'
      ? `${messages.statusName(context.status)} · ${messages.progressValue(context.progress.percent, context.progress.estimated)}`
      : context.state === 'pending' && context.status === 'processing' && context.total > 1
        ? messages.resultPending(context.index, context.total)
        : context.state === 'expired'
          ? messages.resultExpired
          : messages.statusName(context.status);
  return TextPart({ ...props, part: 'result-status', text }, ref);
});

export type VideoResultProgressProps = ComponentPropsWithoutRef<'div'>;

/**
 * A progressbar while pending: determinate with the provider's or the estimated figure (the
 * text says "about" for an estimate), indeterminate before either exists.
 */
export const VideoResultProgress = forwardRef<HTMLDivElement, VideoResultProgressProps>(function VideoResultProgress({ children, ...props }, ref) {
  const context = useVideoResult('Progress');
  const messages = useSeedanceMessages();
  if (context.state !== 'pending') return null;
  const { progress } = context;
  return (
    <div
      role="progressbar"
      aria-label={messages.progressLabel}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={progress ? Math.round(progress.percent) : undefined}
      aria-valuetext={progress ? messages.progressValue(progress.percent, progress.estimated) : messages.statusName(context.status)}
      data-seedance-part="progress"
      data-state={progress ? (progress.estimated ? 'estimated' : 'reported') : 'indeterminate'}
      {...props}
      ref={ref}
    >
      {children ?? <span data-seedance-part="progress-indicator" />}
    </div>
  );
});

/** "Seed 74606": the exact int64 seed, to make the same video again. */
export const VideoResultSeed = forwardRef<HTMLSpanElement, VideoResultTextProps>(function VideoResultSeed(props, ref) {
  const context = useVideoResult('Seed');
  const messages = useSeedanceMessages();
  const seed = context.result?.seed;
  return TextPart({ ...props, part: 'result-seed', text: seed !== undefined ? messages.resultSeed(seed) : undefined }, ref);
});

/** What the provider charged for this video, when it said. */
export const VideoResultCost = forwardRef<HTMLSpanElement, VideoResultTextProps>(function VideoResultCost(props, ref) {
  const context = useVideoResult('Cost');
  const messages = useSeedanceMessages();
  const cost = context.result?.cost;
  return TextPart({ ...props, part: 'result-cost', text: cost !== undefined ? messages.resultCost(cost) : undefined }, ref);
});

/** A notice when the content check flagged the video. */
export const VideoResultNsfw = forwardRef<HTMLSpanElement, VideoResultTextProps>(function VideoResultNsfw(props, ref) {
  const context = useVideoResult('Nsfw');
  const messages = useSeedanceMessages();
  return TextPart({ ...props, part: 'result-nsfw', text: context.result?.NSFWContent ? messages.resultNsfw : undefined }, ref);
});

export type VideoResultExpiryProps = ComponentPropsWithoutRef<'time'>;

/** Until when the provider's link works, when the server set a time to live. */
export const VideoResultExpiry = forwardRef<HTMLTimeElement, VideoResultExpiryProps>(function VideoResultExpiry({ children, ...props }, ref) {
  const context = useVideoResult('Expiry');
  const messages = useSeedanceMessages();
  const expiresAt = context.result?.expiresAt;
  const date = expiresAt ? new Date(expiresAt) : undefined;
  if (!date || Number.isNaN(date.getTime()) || context.state !== 'ready') return null;
  return (
    <time dateTime={date.toISOString()} data-seedance-part="result-expiry" {...props} ref={ref}>
      {children ?? messages.resultExpires(date)}
    </time>
  );
});

export interface VideoResultDownloadProps extends ComponentPropsWithoutRef<'a'> {
  readonly asChild?: boolean;
}

/** A link to the file. */
export const VideoResultDownload = forwardRef<HTMLAnchorElement, VideoResultDownloadProps>(function VideoResultDownload(
  { asChild, children, ...props },
  ref,
) {
  const context = useVideoResult('Download');
  const messages = useSeedanceMessages();
  if (!context.result || context.state !== 'ready') return null;
  const Comp = asChild ? Slot.Root : 'a';
  return (
    <Comp
      href={context.result.videoURL}
      download
      aria-label={messages.resultDownloadLabel(context.index, context.total)}
      data-seedance-part="button"
      data-variant="secondary"
      {...props}
      ref={ref}
    >
      {children ?? messages.resultDownload}
    </Comp>
  );
});

export interface VideoResultErrorProps extends ComponentPropsWithoutRef<'div'> {
  readonly asChild?: boolean;
}

/** What went wrong, in the user's words (`messages.errorMessage`); `data-kind` is the error kind. */
export const VideoResultError = forwardRef<HTMLDivElement, VideoResultErrorProps>(function VideoResultError({ asChild, children, ...props }, ref) {
  const context = useVideoResult('Error');
  const messages = useSeedanceMessages();
  if (context.state !== 'failed' || !context.error) return null;
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <Comp data-seedance-part="result-error" data-kind={context.error.kind} {...props} ref={ref}>
      {children ?? (
        <>
          <strong data-seedance-part="result-error-title">{messages.errorTitle}</strong>
          <span data-seedance-part="result-error-message">{messages.errorMessage(context.error)}</span>
        </>
      )}
    </Comp>
  );
});

export interface VideoResultButtonProps extends ComponentPropsWithoutRef<'button'> {
  readonly asChild?: boolean;
}

/** Try again: after a retryable failure, a cancel or an expiry, when `onRetry` is given. */
export const VideoResultRetry = forwardRef<HTMLButtonElement, VideoResultButtonProps>(function VideoResultRetry(
  { asChild, children, onClick, ...props },
  ref,
) {
  const context = useVideoResult('Retry');
  const messages = useSeedanceMessages();
  const offered =
    context.onRetry !== undefined &&
    ((context.state === 'failed' && context.error?.retryable !== false) || context.state === 'cancelled' || (context.state === 'expired' && !context.result));
  if (!offered) return null;
  const Comp = asChild ? Slot.Root : 'button';
  return (
    <Comp type="button" data-seedance-part="button" data-variant="primary" {...props} ref={ref} onClick={composeEventHandlers(onClick, () => context.onRetry?.())}>
      {children ?? messages.retry}
    </Comp>
  );
});

/** Cancel: while the task is under way, when `onCancel` is given. */
export const VideoResultCancel = forwardRef<HTMLButtonElement, VideoResultButtonProps>(function VideoResultCancel(
  { asChild, children, onClick, ...props },
  ref,
) {
  const context = useVideoResult('Cancel');
  const messages = useSeedanceMessages();
  if (context.state !== 'pending' || context.onCancel === undefined) return null;
  const Comp = asChild ? Slot.Root : 'button';
  return (
    <Comp type="button" data-seedance-part="button" data-variant="secondary" {...props} ref={ref} onClick={composeEventHandlers(onClick, () => context.onCancel?.())}>
      {children ?? messages.cancel}
    </Comp>
  );
});

export type VideoResultProps = VideoResultRootProps;

/** One result with every part laid out; each part renders only in the states it applies to. */
const VideoResultAssembled = forwardRef<HTMLDivElement, VideoResultProps>(function VideoResult(props, ref) {
  return (
    <VideoResultRoot {...props} ref={ref}>
      <div data-seedance-part="result-media">
        <VideoResultVideo />
        <div data-seedance-part="result-placeholder">
          <VideoResultStatus />
          <VideoResultProgress />
          <VideoResultError />
        </div>
      </div>
      <div data-seedance-part="result-meta">
        <VideoResultSeed />
        <VideoResultCost />
        <VideoResultNsfw />
        <VideoResultExpiry />
      </div>
      <div data-seedance-part="result-actions">
        <VideoResultDownload />
        <VideoResultRetry />
        <VideoResultCancel />
      </div>
    </VideoResultRoot>
  );
});

export const VideoResult = Object.assign(VideoResultAssembled, {
  Root: VideoResultRoot,
  Video: VideoResultVideo,
  Status: VideoResultStatus,
  Progress: VideoResultProgress,
  Seed: VideoResultSeed,
  Cost: VideoResultCost,
  Nsfw: VideoResultNsfw,
  Expiry: VideoResultExpiry,
  Download: VideoResultDownload,
  Error: VideoResultError,
  Retry: VideoResultRetry,
  Cancel: VideoResultCancel,
});
