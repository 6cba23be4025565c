import {
  dimensionsFor,
  findDimensions,
  seedanceProFast,
  type AspectRatio,
  type Dimensions,
  type EffectiveLimits,
  type GenerationInput,
  type Resolution,
} from '@seedance-kit/core';
import { narrowList } from '../internal/narrow.js';

/** An aspect ratio of the spec, or `'frameImage'`: the ratio follows the first frame image. */
export type AspectRatioChoice = AspectRatio | 'frameImage';

/** What `DimensionPicker` holds: a resolution tier and an aspect ratio. */
export interface DimensionSelection {
  readonly resolution: Resolution;
  readonly aspectRatio: AspectRatioChoice;
}

const spec = seedanceProFast;
const defaultPair = findDimensions(spec.defaultDimensions.width, spec.defaultDimensions.height) as Dimensions;

/** The spec's default size as a selection. */
export const defaultDimensionSelection: DimensionSelection = { resolution: defaultPair.resolution, aspectRatio: defaultPair.aspectRatio };

type SizeFields = Pick<GenerationInput, 'width' | 'height' | 'resolution' | 'frameImage'>;

/** Reads a selection back from a generation's size fields. */
export function dimensionSelectionFromInput(input: SizeFields): DimensionSelection {
  if (input.width !== undefined && input.height !== undefined) {
    const pair = findDimensions(input.width, input.height);
    if (pair) return { resolution: pair.resolution, aspectRatio: pair.aspectRatio };
  }
  if (input.resolution !== undefined) {
    return { resolution: input.resolution, aspectRatio: input.frameImage !== undefined ? 'frameImage' : defaultPair.aspectRatio };
  }
  return defaultDimensionSelection;
}

/**
 * The size fields for a selection, the spec's way: an exact width and height for an aspect
 * ratio; only the resolution preset when the ratio follows a frame image (the model then keeps
 * the image's ratio). Without a frame image, "like the image" falls back to the default ratio.
 */
export function dimensionInputFor(selection: DimensionSelection, hasFrameImage: boolean): Pick<GenerationInput, 'width' | 'height' | 'resolution'> {
  if (selection.aspectRatio === 'frameImage' && hasFrameImage) {
    return { width: undefined, height: undefined, resolution: selection.resolution };
  }
  const ratio = selection.aspectRatio === 'frameImage' ? defaultPair.aspectRatio : selection.aspectRatio;
  const pair = dimensionsFor(selection.resolution, ratio) ?? defaultPair;
  return { width: pair.width, height: pair.height, resolution: undefined };
}

/** The resolutions and pairs the spec has and the server's limits allow. */
export function availableDimensions(limits: Partial<Pick<EffectiveLimits, 'resolutions' | 'dimensions'>> | undefined): {
  readonly resolutions: readonly Resolution[];
  readonly dimensions: readonly Dimensions[];
} {
  const resolutions = narrowList(spec.resolutions, limits?.resolutions);
  const allowedPairs = limits?.dimensions ? new Set(limits.dimensions.map((d) => `${d.width}x${d.height}`)) : undefined;
  const dimensions = spec.dimensions.filter((d) => resolutions.includes(d.resolution) && (!allowedPairs || allowedPairs.has(`${d.width}x${d.height}`)));
  return { resolutions: resolutions.filter((r) => dimensions.some((d) => d.resolution === r)), dimensions };
}
