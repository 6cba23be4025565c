'use client';
import { isActive, type GenerationInput, type TaskError, type TaskResult, type TaskStatus } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { forwardRef, useState, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { SeedanceMessages } from '../../messages.js';
import { buttonProps, composeEventHandlers, flag, withParts } from '../internal/compose.js';
import { RetryButton } from '../internal/retry-button.js';
import { createPartContext, textPart, useShallowMemo, type Part } from '../internal/field.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

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
  /** 0–100, when there is a figure. */
  readonly percent: number | undefined;
  /** Whether `percent` is the kit's estimate rather than the provider's figure. */
  readonly estimated: boolean;
  readonly error: TaskError | undefined;
  readonly onRetry: (() => void) | undefined;
  readonly onCancel: (() => void) | undefined;
  readonly poster: string | undefined;
  /** Tells the slot the video's own shape once its metadata loaded. */
  readonly onMeasure: (aspectRatio: number) => void;
  readonly fileName: string | undefined;
}
const [VideoResultProvider, useVideoResult] = createPartContext<VideoResultContextValue>('VideoResult');

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
  /**
   * Width ÷ height of the video, when known before it arrives (the requested size), so the slot
   * has the video's shape from the start. Once the video's metadata loads, its own shape wins.
   */
  readonly aspectRatio?: number | undefined;
  /** An image shown until the video plays, e.g. the task's first-frame image. */
  readonly poster?: string | undefined;
  /** The name `VideoResult.Download` saves the file as, e.g. `videoFileName(result, input)`. */
  readonly fileName?: string | undefined;
  readonly asChild?: boolean;
}

/** A usable width ÷ height, or undefined. */
const ratio = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined);

/**
 * One result slot. `data-state` is idle, pending, ready, failed, cancelled or expired;
 * `--seedance-progress` (0–1) carries the provider's progress or the kit's estimate;
 * `--seedance-result-aspect` the video's width ÷ height, and `data-orientation` its orientation.
 */
export const VideoResultRoot = forwardRef<HTMLDivElement, VideoResultRootProps>(function VideoResultRoot(
  { status, result, index = 0, total = 1, progress, estimatedProgress, error, onRetry, onCancel, now, aspectRatio, poster, fileName, asChild, style, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const state = videoResultState(status, result, now);
  const shown = progress ?? estimatedProgress;
  const percent = shown === undefined || !Number.isFinite(shown) ? undefined : Math.min(100, Math.max(0, shown));
  const estimated = percent !== undefined && progress === undefined;
  // The video's own shape beats the requested one: a size that follows a frame image is known only then.
  const [measured, onMeasure] = useState<number>();
  const aspect = ratio(measured) ?? ratio(aspectRatio);
  const context = useShallowMemo<VideoResultContextValue>({ state, status, result, index, total, percent, estimated, error, onRetry, onCancel, poster, onMeasure, fileName });
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <VideoResultProvider value={context}>
      <Comp
        role="group"
        aria-label={messages.resultLabel(index, total)}
        aria-busy={state === 'pending' || undefined}
        data-seedance-part="video-result"
        data-state={state}
        data-status={status}
        data-estimated={flag(estimated)}
        data-orientation={orientationOf(aspect)}
        style={
          {
            ...(percent !== undefined && { '--seedance-progress': String(percent / 100) }),
            ...(aspect !== undefined && { '--seedance-result-aspect': String(aspect) }),
            ...style,
          } as CSSProperties
        }
        {...props}
        ref={ref}
      />
    </VideoResultProvider>
  );
});

/** `landscape`, `portrait` or `square`, when the shape is known. */
export function orientationOf(aspectRatio: number | undefined): 'landscape' | 'portrait' | 'square' | undefined {
  const value = ratio(aspectRatio);
  return value === undefined ? undefined : value > 1.05 ? 'landscape' : value < 0.95 ? 'portrait' : 'square';
}

export type VideoResultVideoProps = ComponentPropsWithoutRef<'video'>;

/**
 * The player, once the video is ready. Its source asks for the first frame (`#t=0.001`), which
 * browsers then paint while paused, so a tile is never black before it plays.
 */
export const VideoResultVideo = forwardRef<HTMLVideoElement, VideoResultVideoProps>(function VideoResultVideo({ onLoadedMetadata, ...props }, ref) {
  const context = useVideoResult('Video');
  const messages = useSeedanceMessages();
  if (!context.result || context.state === 'expired') return null;
  const url = context.result.videoURL;
  return (
    <video
      src={url.includes('#') ? url : `${url}#t=0.001`}
      poster={context.poster}
      controls
      playsInline
      loop
      preload="metadata"
      aria-label={messages.resultLabel(context.index, context.total)}
      data-seedance-part="video"
      onLoadedMetadata={composeEventHandlers(onLoadedMetadata, (event) => {
        const { videoWidth, videoHeight } = event.currentTarget;
        if (videoWidth > 0 && videoHeight > 0) context.onMeasure(videoWidth / videoHeight);
      })}
      {...props}
      ref={ref}
    />
  );
});

export interface VideoResultTextProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

/** A span part with `text`: none at all for null, or for no text and no children. */
const spanPart = (
  name: string,
  part: string,
  text: (context: VideoResultContextValue, messages: SeedanceMessages) => string | undefined | null,
): Part<VideoResultTextProps, HTMLSpanElement> =>
  textPart<VideoResultContextValue, HTMLSpanElement, 'span'>(useVideoResult, name, 'span', part, (context, messages) => {
    const shown = text(context, messages);
    return shown === null ? null : [shown];
  });

/** The status in words, e.g. "Queued", "Generating · About 40%". */
export const VideoResultStatus = spanPart('Status', 'result-status', ({ state, status, percent, estimated, index, total }, messages) =>
  state === 'ready'
    ? null
    : state === 'pending' && status === 'processing' && percent !== undefined
      ? `${messages.statusName(status)} · ${messages.progressValue(percent, estimated)}`
      : state === 'pending' && status === 'processing' && total > 1
        ? messages.resultPending(index, total)
        : state === 'expired'
          ? messages.resultExpired
          : messages.statusName(status),
);

export type VideoResultProgressProps = ComponentPropsWithoutRef<'div'>;

/**
 * A progressbar while pending: determinate with the provider's or the estimated figure (the
 * text says "about" for an estimate), indeterminate before either exists.
 */
export const VideoResultProgress: Part<VideoResultProgressProps, HTMLDivElement> = textPart<VideoResultContextValue, HTMLDivElement, 'div'>(
  useVideoResult,
  'Progress',
  'div',
  'progress',
  ({ state, status, percent, estimated }, messages) =>
    state === 'pending'
      ? [
          <span data-seedance-part="progress-indicator" />,
          {
            role: 'progressbar',
            'aria-label': messages.progressLabel,
            'aria-valuemin': 0,
            'aria-valuemax': 100,
            'aria-valuenow': percent === undefined ? undefined : Math.round(percent),
            'aria-valuetext': percent === undefined ? messages.statusName(status) : messages.progressValue(percent, estimated),
            'data-state': percent === undefined ? 'indeterminate' : estimated ? 'estimated' : 'reported',
          },
        ]
      : null,
);

/** "Seed 74606": the exact int64 seed, to make the same video again. */
export const VideoResultSeed = spanPart('Seed', 'result-seed', ({ result }, messages) => (result?.seed !== undefined ? messages.resultSeed(result.seed) : undefined));

/** What the provider charged for this video, when it said. */
export const VideoResultCost = spanPart('Cost', 'result-cost', ({ result }, messages) => (result?.cost !== undefined ? messages.resultCost(result.cost) : undefined));

/** A notice when the content check flagged the video. */
export const VideoResultNsfw = spanPart('Nsfw', 'result-nsfw', ({ result }, messages) => (result?.NSFWContent ? messages.resultNsfw : undefined));

export type VideoResultExpiryProps = ComponentPropsWithoutRef<'time'>;

/** Until when the provider's link works, when the server set a time to live. */
export const VideoResultExpiry: Part<VideoResultExpiryProps, HTMLTimeElement> = textPart<VideoResultContextValue, HTMLTimeElement, 'time'>(
  useVideoResult,
  'Expiry',
  'time',
  'result-expiry',
  ({ result, state }, messages) => {
    const date = result?.expiresAt ? new Date(result.expiresAt) : undefined;
    return date && !Number.isNaN(date.getTime()) && state === 'ready' ? [messages.resultExpires(date), { dateTime: date.toISOString() }] : null;
  },
);

export interface VideoResultDownloadProps extends ComponentPropsWithoutRef<'a'> {
  readonly asChild?: boolean;
}

/**
 * Browsers honour `download` only for same-origin files (the local Runware's, served by the
 * handler); a CDN URL (real Runware) would replace the app, so it opens in a new tab instead.
 */
function linkTarget(url: string, fileName: string | undefined): { download: string | true } | { target: '_blank'; rel: 'noopener' } {
  let same = true;
  try {
    same = typeof location === 'undefined' || new URL(url, location.href).origin === location.origin;
  } catch {
    // An unparsable URL: left to the browser as a plain download link.
  }
  return same ? { download: fileName ?? true } : { target: '_blank', rel: 'noopener' };
}

/**
 * A file name a person can find again: the prompt's first words and the video's short id,
 * `a-red-fox-running-1a2b3c4d.mp4`, in the format asked for (MP4 unless said).
 */
export function videoFileName(result: Pick<TaskResult, 'videoUUID'>, input?: Partial<Pick<GenerationInput, 'positivePrompt' | 'outputFormat'>>): string {
  const words = input?.positivePrompt?.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 6).join('-').slice(0, 60);
  return `${words ? `${words}-` : ''}${result.videoUUID.slice(0, 8)}.${(input?.outputFormat ?? 'mp4').toLowerCase()}`;
}

/** A link to the file: a download when the browser allows it, else the file in a new tab. */
export const VideoResultDownload: Part<VideoResultDownloadProps, HTMLAnchorElement> = textPart<VideoResultContextValue, HTMLAnchorElement, 'a'>(
  useVideoResult,
  'Download',
  'a',
  'button',
  ({ result, state, index, total, fileName }, messages) =>
    result && state === 'ready'
      ? [messages.resultDownload, { href: result.videoURL, ...linkTarget(result.videoURL, fileName), 'aria-label': messages.resultDownloadLabel(index, total), 'data-variant': 'secondary' }]
      : null,
);

export interface VideoResultErrorProps extends ComponentPropsWithoutRef<'div'> {
  readonly asChild?: boolean;
}

/** A failed task's title and message, in the user's words (`messages.errorMessage`). */
export function errorContent(messages: SeedanceMessages, error: TaskError) {
  return (
    <>
      <strong data-seedance-part="result-error-title">{messages.errorTitle}</strong>
      <span data-seedance-part="result-error-message">{messages.errorMessage(error)}</span>
    </>
  );
}

/** What went wrong, in the user's words (`messages.errorMessage`); `data-kind` is the error kind. */
export const VideoResultError: Part<VideoResultErrorProps, HTMLDivElement> = /* @__PURE__ */ textPart<VideoResultContextValue, HTMLDivElement, 'div'>(
  useVideoResult,
  'Error',
  'div',
  'result-error',
  ({ state, error }, messages) => (state === 'failed' && error ? [errorContent(messages, error), { 'data-kind': error.kind }] : null),
);

export interface VideoResultButtonProps extends ComponentPropsWithoutRef<'button'> {
  readonly asChild?: boolean;
}

/** A button part that runs the context's action, offered only when `action` gives one. */
const actionPart = (name: string, variant: 'primary' | 'secondary', action: (context: VideoResultContextValue) => (() => void) | undefined | false, text: (messages: SeedanceMessages) => string) =>
  forwardRef<HTMLButtonElement, VideoResultButtonProps>(function ActionPart({ asChild, children, onClick, ...props }, ref) {
    const run = action(useVideoResult(name));
    const messages = useSeedanceMessages();
    if (!run) return null;
    const Comp = asChild ? Slot.Root : 'button';
    return (
      <Comp {...buttonProps(variant)} {...props} ref={ref} onClick={composeEventHandlers(onClick, () => run())}>
        {children ?? text(messages)}
      </Comp>
    );
  });

/**
 * Try again: after a retryable failure, a cancel or an expiry, when `onRetry` is given. After a
 * rate limit it counts down the server's Retry-After first (`data-wait`, aria-disabled).
 */
export const VideoResultRetry = forwardRef<HTMLButtonElement, VideoResultButtonProps>(function VideoResultRetry(props, ref) {
  const { state, error, result, onRetry } = useVideoResult('Retry');
  const offered = (state === 'failed' && error?.retryable !== false) || state === 'cancelled' || (state === 'expired' && !result);
  return offered && onRetry ? <RetryButton {...props} onRetry={onRetry} retryAt={state === 'failed' ? error?.retryAt : undefined} ref={ref} /> : null;
});

/** Cancel: while the task is under way, when `onCancel` is given. */
export const VideoResultCancel = /* @__PURE__ */ actionPart('Cancel', 'secondary', ({ state, onCancel }) => state === 'pending' && onCancel, (messages) => messages.cancel);

export type VideoResultProps = VideoResultRootProps;

/** The layout of a result: `error` goes under the progress, `actions` after the download link. */
function resultLayout(props: VideoResultProps, ref: Ref<HTMLDivElement>, error?: ReactNode, actions?: ReactNode) {
  return (
    <VideoResultRoot {...props} ref={ref}>
      <div data-seedance-part="result-media">
        <VideoResultVideo />
        <div data-seedance-part="result-placeholder">
          <VideoResultStatus />
          <VideoResultProgress />
          {error}
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
        {actions}
      </div>
    </VideoResultRoot>
  );
}

/**
 * One result with every part laid out; each part renders only in the states it applies to. The
 * assembled component alone, without its parts attached.
 */
const VideoResultAssembled = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoResultProps>(function VideoResult(props, ref) {
  return resultLayout(
    props,
    ref,
    <VideoResultError />,
    <>
      <VideoResultRetry />
      <VideoResultCancel />
    </>,
  );
});

/**
 * A slot of `VideoResultGrid`: the same layout without Error, Retry and Cancel, which never show
 * in a slot (it gets no error, onRetry or onCancel: the grid shows a failure and its retry once).
 */
export const VideoResultSlotView = forwardRef<HTMLDivElement, VideoResultProps>(function VideoResult(props, ref) {
  return resultLayout(props, ref);
});

export const VideoResult = withParts(VideoResultAssembled, {
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
