import { classifyImageInput, dimensionsFor, inspectFrameImage, inspectImageBytes, seedanceProFast, type Resolution, type RunwareVideoTask } from '@seedance-kit/core';
import { fetchFrameImage, type FetchFrameImageOptions } from './fetch-frame-image.js';
import { firstFrameImage } from './validate-video-task.js';

export interface OutputSize {
  readonly width: number;
  readonly height: number;
}

export type SizeResult = { readonly ok: true; readonly size: OutputSize } | { readonly ok: false; readonly reason: string };

const spec = seedanceProFast;
/** Without a preset, a frame image picks among the 480p sizes: the model's default tier. */
const DEFAULT_TIER: Resolution = '480p';
/** How frame image URLs are fetched: the transport, whether private hosts are allowed, the deadline. */
export type FrameImageFetch = Pick<FetchFrameImageOptions, 'fetch' | 'allowPrivateHosts' | 'timeoutMs' | 'lookup'>;
/** One message for every failure, so an answer never tells what is listening where. */
const UNREADABLE_URL = 'The frame image URL could not be read as a PNG, JPEG or WEBP image of at most 10 MB.';

/**
 * The size the model renders a valid task at: `width`×`height`; or a `resolution` preset, at
 * 16:9 without a frame image or at the supported ratio nearest the image's; or a frame image
 * alone, the same at 480p. An uploaded image's UUID cannot be looked at here and counts as 16:9;
 * an image URL is fetched to read its sides.
 */
export async function resolveOutputSize(task: RunwareVideoTask, imageFetch: FrameImageFetch, signal?: AbortSignal): Promise<SizeResult> {
  if (task.width !== undefined && task.height !== undefined) return ok(task.width, task.height);
  const tier = task.resolution ?? DEFAULT_TIER;
  const image = firstFrameImage(task);
  if (image === undefined) return ok16x9(tier);
  const form = classifyImageInput(image)?.form;
  if (form === 'uuid' || form === undefined) return ok16x9(tier);
  let sides: { width?: number; height?: number };
  if (form === 'url') {
    const read = await readImageUrl(image, imageFetch, signal);
    if (!read.ok) return read;
    sides = read.sides;
  } else sides = inspectFrameImage(image, spec);
  if (sides.width === undefined || sides.height === undefined) return { ok: false, reason: 'The frame image has no readable width and height.' };
  return { ok: true, size: nearestSize(sides.width, sides.height, tier) };
}

/** The supported pair of a tier whose aspect ratio is nearest the image's (compared as log ratios). */
export function nearestSize(imageWidth: number, imageHeight: number, tier: Resolution): OutputSize {
  const target = Math.log(imageWidth / imageHeight);
  let best: OutputSize | undefined;
  let bestDistance = Infinity;
  for (const d of spec.dimensions) {
    if (d.resolution !== tier) continue;
    const distance = Math.abs(Math.log(d.width / d.height) - target);
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  return best ? { width: best.width, height: best.height } : spec.defaultDimensions;
}

function ok(width: number, height: number): SizeResult {
  return { ok: true, size: { width, height } };
}

function ok16x9(tier: Resolution): SizeResult {
  const d = dimensionsFor(tier, '16:9', spec) ?? spec.defaultDimensions;
  return ok(d.width, d.height);
}

async function readImageUrl(
  url: string,
  imageFetch: FrameImageFetch,
  signal?: AbortSignal,
): Promise<{ ok: true; sides: { width?: number; height?: number } } | { ok: false; reason: string }> {
  const download = await fetchFrameImage(url, { ...imageFetch, maxBytes: spec.frameImages.maxBytes, ...(signal && { signal }) });
  if (!download.ok) return { ok: false, reason: UNREADABLE_URL };
  const inspected = inspectImageBytes(download.bytes, download.contentType, spec);
  if (inspected.issues.length > 0 || inspected.width === undefined) return { ok: false, reason: UNREADABLE_URL };
  return { ok: true, sides: inspected };
}
