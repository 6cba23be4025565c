import type { GenerationInput } from './generation-input.js';
import { seedanceProFast, type VideoModelSpec } from './seedance-pro-fast.js';

export interface CostRate {
  readonly usdPerMillionTokens: number;
  /** Pixels per token: tokens = width × height × fps × duration / tokenPixels. */
  readonly tokenPixels: number;
}

/**
 * An ESTIMATE of what a generation will cost, from the price rate in the spec. Runware's own
 * figure (`cost` on each result with `includeCost`) is the one that is charged. When the output
 * size is not known before generating (a frame image with a preset or alone), the estimate is a
 * range over the sizes the model could pick.
 */
export interface CostEstimate {
  /** Best single figure in USD: exact size when known, else the range's upper end. */
  readonly estimatedUsd: number;
  readonly minUsd: number;
  readonly maxUsd: number;
  readonly perVideoUsd: number;
  /** Whether the output size was known, so min and max agree. */
  readonly sizeKnown: boolean;
}

export interface EstimateOptions {
  readonly rate?: CostRate;
  readonly spec?: VideoModelSpec;
}

/** USD for one video of this size and length at the rate. */
export function estimateVideoCostUsd(
  width: number,
  height: number,
  durationSeconds: number,
  { rate = seedanceProFast.price, spec = seedanceProFast }: EstimateOptions = {},
): number {
  const tokens = (width * height * spec.fps * durationSeconds) / rate.tokenPixels;
  return (tokens * rate.usdPerMillionTokens) / 1_000_000;
}

type SizeFields = Pick<GenerationInput, 'width' | 'height' | 'resolution' | 'duration' | 'numberResults' | 'frameImage'>;

/** Estimated cost of a generation input, defaults filled from the spec. */
export function estimateGenerationCost(input: SizeFields, options: EstimateOptions = {}): CostEstimate {
  const spec = options.spec ?? seedanceProFast;
  const duration = input.duration ?? spec.duration.default;
  const count = input.numberResults ?? spec.numberResults.default;
  const candidates =
    input.width !== undefined && input.height !== undefined
      ? [{ width: input.width, height: input.height }]
      : input.resolution !== undefined
        ? spec.dimensions.filter((d) => d.resolution === input.resolution)
        : input.frameImage !== undefined
          ? spec.dimensions
          : [spec.defaultDimensions];
  const costs = candidates.map((d) => estimateVideoCostUsd(d.width, d.height, duration, options));
  const perMin = Math.min(...costs);
  const perMax = Math.max(...costs);
  return {
    estimatedUsd: perMax * count,
    minUsd: perMin * count,
    maxUsd: perMax * count,
    perVideoUsd: perMax,
    sizeKnown: candidates.length === 1,
  };
}
