/**
 * Every string the components and the widget show or speak, in one replaceable object. Pass a
 * `Partial<SeedanceMessages>` to `SeedanceProvider` (or to `resolveMessages`) to translate or
 * reword; anything left out keeps the English default. Numbers, sizes and ranges arrive as
 * arguments, read from the spec (and the server's limits), so no message restates a rule.
 */
import {
  DEFAULT_ERROR_MESSAGES,
  type AspectRatio,
  type IssueMessageFormatter,
  type OutputFormat,
  type Resolution,
  type SafetyMode,
  type TaskError,
  type TaskStatus,
} from '@seedance-kit/core';

/** What the frame image description is built from: the spec's frame image rules. */
export interface FrameImageRulesText {
  /** e.g. `['PNG', 'JPEG', 'WEBP']`. */
  readonly types: readonly string[];
  readonly minSide: number;
  readonly maxSide: number;
  readonly maxBytes: number;
}

/** A cost estimate as `CostPreview` shows it. */
export interface CostText {
  readonly estimatedUsd: number;
  readonly minUsd: number;
  readonly maxUsd: number;
  /** False when the output size follows a frame image, so the estimate is a range. */
  readonly sizeKnown: boolean;
}

export interface SeedanceMessages {
  // ── formatting shared by every part ───────────────────────────────────────────────────────
  formatUsd(usd: number): string;
  formatSeconds(seconds: number): string;
  formatBytes(bytes: number): string;
  formatTime(date: Date): string;
  /**
   * Text for a validation issue (core's codes, e.g. `too_long` on `positivePrompt`). Return
   * undefined to keep core's English message. Handed to `validateGenerationInput` as-is.
   */
  formatIssue: IssueMessageFormatter;
  /** What the end user reads for a failed task. */
  errorMessage(error: TaskError): string;
  /** Marks an optional control's label. */
  optional: string;

  // ── PromptField ──────────────────────────────────────────────────────────────────────────
  promptLabel: string;
  promptDescription: string;
  promptPlaceholder: string;
  /** The visible counter, e.g. "12 / 3000". */
  promptCounter(count: number, max: number): string;
  /** The counter as read by a screen reader. */
  promptCounterLabel(count: number, max: number): string;
  promptSubmitHint: string;

  // ── FrameImagePicker ─────────────────────────────────────────────────────────────────────
  frameImageLabel: string;
  frameImageDescription(rules: FrameImageRulesText): string;
  frameImageDrop: string;
  frameImageDropActive: string;
  frameImageBrowse: string;
  frameImageUrlLabel: string;
  frameImageUrlPlaceholder: string;
  frameImageUrlApply: string;
  frameImageRemove: string;
  frameImagePreviewAlt: string;
  frameImageProcessing: string;
  frameImageInfo(width: number | undefined, height: number | undefined, bytes: number | undefined): string;
  frameImageResized(fromWidth: number, fromHeight: number, width: number, height: number): string;
  frameImageUnreadable: string;
  frameImageUrlUnreachable: string;
  frameImageOneOnly: string;

  // ── DurationSlider ───────────────────────────────────────────────────────────────────────
  durationLabel: string;
  durationFrames(frames: number, fps: number): string;
  /** aria-valuetext of the slider thumb. */
  durationValueText(seconds: number, frames: number): string;

  // ── DimensionPicker ──────────────────────────────────────────────────────────────────────
  dimensionsLabel: string;
  resolutionLabel: string;
  aspectRatioLabel: string;
  resolutionName(resolution: Resolution): string;
  aspectRatioName(aspectRatio: AspectRatio): string;
  dimensionsValue(width: number, height: number): string;
  fromFrameImage: string;
  fromFrameImageDescription: string;

  // ── SeedField ────────────────────────────────────────────────────────────────────────────
  seedLabel: string;
  seedDescription: string;
  seedRandom: string;
  seedFixed: string;
  seedInputLabel: string;
  seedPickRandom: string;

  // ── CameraFixedSwitch ────────────────────────────────────────────────────────────────────
  cameraFixedLabel: string;
  cameraFixedDescription: string;

  // ── NumberResultsPicker ──────────────────────────────────────────────────────────────────
  numberResultsLabel: string;
  numberResultsOption(count: number): string;

  // ── OutputFormatPicker, OutputQualitySlider ──────────────────────────────────────────────
  outputFormatLabel: string;
  outputFormatName(format: OutputFormat): string;
  outputFormatDescription(format: OutputFormat): string;
  outputQualityLabel: string;
  outputQualityDescription: string;

  // ── SafetyPicker ─────────────────────────────────────────────────────────────────────────
  safetyLabel: string;
  safetyModeName(mode: SafetyMode): string;
  safetyModeDescription(mode: SafetyMode): string;

  // ── AdvancedSettings ─────────────────────────────────────────────────────────────────────
  advancedSettings: string;

  // ── CostPreview ──────────────────────────────────────────────────────────────────────────
  costLabel: string;
  costValue(cost: CostText): string;
  costNote: string;
  costOverCap(maxUsd: number): string;

  // ── task status, VideoResult, VideoResultGrid ────────────────────────────────────────────
  statusName(status: TaskStatus): string;
  progressLabel: string;
  /** The progress text; `estimated` when the provider gave no figure and the kit guessed. */
  progressValue(percent: number, estimated: boolean): string;
  resultsLabel: string;
  resultLabel(index: number, total: number): string;
  resultPending(index: number, total: number): string;
  resultSeed(seed: string): string;
  resultCost(usd: number): string;
  resultDownload: string;
  resultDownloadLabel(index: number, total: number): string;
  resultExpires(date: Date): string;
  resultExpired: string;
  /** After Cancel: Runware has no cancel, so the kit only stopped waiting. */
  resultCancelled: string;
  resultNsfw: string;
  errorTitle: string;
  retry: string;
  /** Try again while a server's Retry-After runs (the button waits, aria-disabled). */
  retryIn: (seconds: number) => string;
  cancel: string;

  // ── TaskStatusAnnouncer (spoken through an aria-live region) ─────────────────────────────
  announceSubmitting: string;
  announceQueued: string;
  announceProcessing: string;
  announceProgress(percent: number): string;
  announcePartial(done: number, total: number): string;
  announceSucceeded(count: number): string;
  announceFailed(message: string): string;
  announceCancelled: string;
  announceExpired: string;

  // ── SeedanceGenerator ────────────────────────────────────────────────────────────────────
  generatorTitle: string;
  submit: string;
  submitBusy: string;
  startOver: string;
  resultsEmpty: string;
  invalidSummary(count: number): string;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const seconds = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const mb = (bytes: number) => `${Math.round((bytes / 1_000_000) * 10) / 10} MB`;
const size = (bytes: number) => (bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} KB` : mb(bytes));
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const STATUS_NAMES: Readonly<Record<TaskStatus, string>> = {
  idle: 'Not started',
  submitting: 'Sending',
  queued: 'Queued',
  processing: 'Generating',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

const FORMAT_DESCRIPTIONS: Readonly<Record<OutputFormat, string>> = {
  MP4: 'H.264, plays everywhere',
  WEBM: 'VP9, for the web',
  MOV: 'QuickTime, for editing',
};

const SAFETY_NAMES: Readonly<Record<SafetyMode, string>> = { none: 'Off', fast: 'Fast', full: 'Full' };
const SAFETY_DESCRIPTIONS: Readonly<Record<SafetyMode, string>> = {
  none: 'No content check',
  fast: 'Checks the first, middle and last frames',
  full: 'Checks every frame',
};

export const defaultMessages: SeedanceMessages = {
  formatUsd: usd.format,
  formatSeconds: (value) => `${seconds.format(value)} s`,
  formatBytes: size,
  formatTime: time.format,
  formatIssue: () => undefined,
  errorMessage: (error) => error.message || DEFAULT_ERROR_MESSAGES[error.kind],
  optional: '(optional)',

  promptLabel: 'Prompt',
  promptDescription: 'Describe the scene: subject, action, setting, light and camera.',
  promptPlaceholder: 'A flamenco dancer on a moonlit rooftop, slow orbit around her',
  promptCounter: (count, max) => `${count} / ${max}`,
  promptCounterLabel: (count, max) => `${count} of ${max} characters used`,
  promptSubmitHint: 'Ctrl+Enter or ⌘+Enter generates.',

  frameImageLabel: 'First frame image',
  frameImageDescription: ({ types, minSide, maxSide, maxBytes }) =>
    `${types.join(', ')}; sides ${minSide}–${maxSide} px; up to ${mb(maxBytes)}. Large photos are scaled down first.`,
  frameImageDrop: 'Drop or paste an image here, or',
  frameImageDropActive: 'Drop the image to use it',
  frameImageBrowse: 'Choose a file',
  frameImageUrlLabel: 'Image URL',
  frameImageUrlPlaceholder: 'https://example.com/frame.jpg',
  frameImageUrlApply: 'Use URL',
  frameImageRemove: 'Remove image',
  frameImagePreviewAlt: 'First frame preview',
  frameImageProcessing: 'Preparing the image…',
  frameImageInfo: (width, height, bytes) =>
    [width !== undefined && height !== undefined ? `${width}×${height} px` : undefined, bytes !== undefined ? size(bytes) : undefined]
      .filter(Boolean)
      .join(', '),
  frameImageResized: (fromWidth, fromHeight, width, height) => `Scaled down from ${fromWidth}×${fromHeight} to ${width}×${height} px.`,
  frameImageUnreadable: 'This file could not be read as an image.',
  frameImageUrlUnreachable: 'The image at this URL could not be loaded here. The server will try it when you generate.',
  frameImageOneOnly: 'Only one image can be used; the first one was taken.',

  durationLabel: 'Duration',
  durationFrames: (frames, fps) => `${frames} frames at ${fps} fps`,
  durationValueText: (value, frames) => `${seconds.format(value)} seconds, ${frames} frames`,

  dimensionsLabel: 'Size',
  resolutionLabel: 'Resolution',
  aspectRatioLabel: 'Aspect ratio',
  resolutionName: (resolution) => resolution,
  aspectRatioName: (aspectRatio) => aspectRatio,
  dimensionsValue: (width, height) => `${width}×${height}`,
  fromFrameImage: 'Like the image',
  fromFrameImageDescription: 'The aspect ratio follows the first frame image.',

  seedLabel: 'Seed',
  seedDescription: 'The same seed and settings make a similar video.',
  seedRandom: 'Random',
  seedFixed: 'Fixed',
  seedInputLabel: 'Seed value',
  seedPickRandom: 'Pick a random seed',

  cameraFixedLabel: 'Fixed camera',
  cameraFixedDescription: 'No pan, tilt or zoom.',

  numberResultsLabel: 'Number of videos',
  numberResultsOption: (count) => String(count),

  outputFormatLabel: 'Format',
  outputFormatName: (format) => format,
  outputFormatDescription: (format) => FORMAT_DESCRIPTIONS[format],
  outputQualityLabel: 'Quality',
  outputQualityDescription: 'Higher is sharper and larger.',

  safetyLabel: 'Content check',
  safetyModeName: (mode) => SAFETY_NAMES[mode],
  safetyModeDescription: (mode) => SAFETY_DESCRIPTIONS[mode],

  advancedSettings: 'Advanced settings',

  costLabel: 'Estimated cost',
  costValue: (cost) =>
    cost.sizeKnown || cost.minUsd === cost.maxUsd
      ? `≈ ${usd.format(cost.estimatedUsd)}`
      : `≈ ${usd.format(cost.minUsd)}–${usd.format(cost.maxUsd)}`,
  costNote: 'An estimate. The charged cost shows on each video.',
  costOverCap: (maxUsd) => `Over this site’s limit of ${usd.format(maxUsd)} per generation.`,

  statusName: (status) => STATUS_NAMES[status],
  progressLabel: 'Progress',
  progressValue: (percent, estimated) => (estimated ? `About ${Math.round(percent)}%` : `${Math.round(percent)}%`),
  resultsLabel: 'Videos',
  resultLabel: (index, total) => (total > 1 ? `Video ${index + 1} of ${total}` : 'Video'),
  resultPending: (index, total) => (total > 1 ? `Video ${index + 1} of ${total} is on its way` : 'The video is on its way'),
  resultSeed: (seed) => `Seed ${seed}`,
  resultCost: (value) => `Cost ${usd.format(value)}`,
  resultDownload: 'Download',
  resultDownloadLabel: (index, total) => (total > 1 ? `Download video ${index + 1} of ${total}` : 'Download the video'),
  resultExpires: (date) => `Link works until ${time.format(date)}`,
  resultExpired: 'This link has expired. Generate again to get a new one.',
  resultCancelled: 'Stopped waiting. The video service cannot cancel, so the video may still be made and billed.',
  resultNsfw: 'Flagged by the content check',
  errorTitle: 'The video could not be made',
  retry: 'Try again',
  retryIn: (seconds) => `Try again in ${seconds > 90 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`}`,
  cancel: 'Cancel',

  announceSubmitting: 'Sending the request.',
  announceQueued: 'Waiting in the queue.',
  announceProcessing: 'Generating the video.',
  announceProgress: (percent) => `${Math.round(percent)}% done.`,
  announcePartial: (done, total) => `${done} of ${total} videos ready.`,
  announceSucceeded: (count) => (count === 1 ? 'Your video is ready.' : `${count} videos are ready.`),
  announceFailed: (message) => `Failed. ${message}`,
  announceCancelled: 'Stopped waiting. The video may still be made and billed.',
  announceExpired: 'The video links have expired.',

  generatorTitle: 'Generate a video',
  submit: 'Generate video',
  submitBusy: 'Generating…',
  startOver: 'Start over',
  resultsEmpty: 'Your videos will appear here.',
  invalidSummary: (count) => `${count} ${plural(count, 'setting needs', 'settings need')} attention.`,
};

/** The defaults with `overrides` laid on top; `undefined` entries keep the default. */
export function resolveMessages(overrides?: Partial<SeedanceMessages>): SeedanceMessages {
  if (!overrides) return defaultMessages;
  const out: Record<string, unknown> = { ...defaultMessages };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) out[key] = value;
  return out as unknown as SeedanceMessages;
}
