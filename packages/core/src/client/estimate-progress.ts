import type { GenerationInput } from '../spec/generation-input.js';
import { seedanceProFast } from '../spec/seedance-pro-fast.js';

const BASE_PIXELS = seedanceProFast.defaultDimensions.width * seedanceProFast.defaultDimensions.height;

/**
 * A GUESS at how long a generation takes, in ms: a fixed start-up plus time per second of video,
 * growing with the pixel count. Only used for `estimatedProgress`; pass your own figure when you
 * have measured one.
 */
export function expectedGenerationMs(input: Pick<GenerationInput, 'width' | 'height' | 'resolution' | 'duration'> = {}): number {
  const duration = input.duration ?? seedanceProFast.duration.default;
  const pixels = input.width !== undefined && input.height !== undefined ? input.width * input.height : input.resolution === '1080p' ? 1920 * 1088 : BASE_PIXELS;
  return Math.round(10_000 + duration * 2_500 * (pixels / BASE_PIXELS));
}

/**
 * ESTIMATED progress, 0–99, from elapsed time alone: 90 at the expected duration, then creeping
 * towards 99 and never reaching 100 (only a finished task is done). Not the provider's progress.
 */
export function estimateProgress(elapsedMs: number, expectedMs: number): number {
  if (!(elapsedMs > 0) || !(expectedMs > 0)) return 0;
  return Math.min(99, Math.floor(100 * (1 - Math.exp((-2.3 * elapsedMs) / expectedMs))));
}
