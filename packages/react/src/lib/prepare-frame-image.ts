import { inspectImageBytes, seedanceProFast, type FrameImageInspection, type VideoModelSpec } from '@seedance-kit/core';
import { decodeImage, shownSides, type DecodedImage } from './decode-image.js';

type FrameImageRules = Pick<VideoModelSpec, 'frameImages' | 'dimensions'>;

export interface PrepareFrameImageOptions {
  readonly spec?: FrameImageRules;
  /**
   * Largest data URI the server takes in a body (`/limits`' `maxBodyBytes`); a photo whose data
   * URI would not fit is scaled down further.
   */
  readonly maxBodyBytes?: number;
}

export interface PreparedFrameImage {
  /** The data URI to send, when every local check passed. */
  readonly dataUri?: string;
  readonly inspection: FrameImageInspection;
  /** The picked file's sides when it was scaled down. */
  readonly resizedFrom?: { readonly width: number; readonly height: number };
  /** The file's bytes could not be decoded as an image (where decoding was needed). */
  readonly unreadable?: boolean;
}

// Room left in a body for the other fields next to the frame image.
const BODY_MARGIN = 64 * 1024;
const JPEG_QUALITIES = [0.9, 0.82, 0.74, 0.66];
// Enough for the headers that give type and sides in nearly every photo; a larger EXIF block
// (a big thumbnail, an ICC profile) just means the whole file is read.
const HEAD_BYTES = 64 * 1024;

/**
 * Turns a picked file into a frame image data URI. The bytes are checked by core first (type by
 * signature, byte size, sides from the headers). A photo larger than any video the model makes
 * (the spec's largest output side), over the byte limit, over the side limit or too big for the
 * server's body limit is redrawn smaller on a canvas (never below the minimum side) and
 * re-encoded; the result is checked again. Images too small are refused, never upscaled.
 */
export async function prepareFrameImage(file: Blob, options: PrepareFrameImageOptions = {}): Promise<PreparedFrameImage> {
  const spec = options.spec ?? seedanceProFast;
  const rules = spec.frameImages;
  const size = file.size;
  const read = async (end?: number) => new Uint8Array(await file.slice(0, end).arrayBuffer());
  // The bytes decide the type (the data URI is built from it); a file's declared type only
  // comes from its name, so a mislabelled PNG is still a PNG.
  const inspectWhole = async () => inspectImageBytes(await read(), undefined, spec);
  // A photo to be scaled is read by its decoder only (reading 12 MP here first cost ~200 ms): its
  // headers give type and sides, the file its byte size. Anything else gets the whole check.
  let inspection = inspectImageBytes(await read(HEAD_BYTES), undefined, spec);
  // Only size problems (image_too_large, image_too_large_sides) can be fixed by scaling; anything
  // else (type, unreadable, too small) stands.
  const blocked = () => inspection.issues.some((issue) => !issue.code.startsWith('image_too_large'));
  if (blocked() || (size > HEAD_BYTES && inspection.width === undefined)) inspection = await inspectWhole();
  const { width, height, type } = inspection;
  if (blocked() || width === undefined || height === undefined || type === undefined) {
    // Bytes of no image type at all (a text file named .png): say so, not which forms text may take.
    return { inspection, ...(inspection.issues.some((issue) => issue.code === 'invalid_image') && { unreadable: true }) };
  }

  const targetSide = Math.max(...spec.dimensions.map((d) => Math.max(d.width, d.height)));
  const byteLimit = Math.min(rules.maxBytes, options.maxBodyBytes ? Math.floor(((options.maxBodyBytes - BODY_MARGIN) * 3) / 4) : Infinity);
  // To the largest output side, never below the minimum short side, never up. A 3000×300 banner
  // keeps its sides (its short side is the minimum): then only too many bytes mean re-encoding.
  const long = Math.max(width, height);
  let scale = Math.max(Math.min(1, targetSide / long, rules.maxSide / long), Math.min(1, rules.minSide / Math.min(width, height)));
  if (scale >= 1 && size <= byteLimit) return finish(await read(), type, spec);

  const decoded = await decodeImage(file, type, width, height, scale);
  // On failure, the whole file's findings (the headers alone lack the byte size).
  const fail = async (unreadable?: true): Promise<PreparedFrameImage> => ({ inspection: await inspectWhole(), ...(unreadable && { unreadable }) });
  if (!decoded) return fail(true);
  try {
    // EXIF orientation is applied to the decoded picture, so its sides may be the header's
    // swapped: whichever way round matches its aspect (the scale does not change with a swap).
    const [shownWidth, shownHeight] = shownSides(decoded);
    const swapped = Math.abs(shownWidth * width - shownHeight * height) < Math.abs(shownWidth * height - shownHeight * width);
    const sourceWidth = swapped ? height : width;
    const sourceHeight = swapped ? width : height;
    const keepPng = type === 'image/png' && size <= byteLimit;
    const outType = keepPng ? 'image/png' : 'image/jpeg';
    for (let attempt = 0; attempt < 6; attempt++) {
      const w = Math.max(1, Math.round(sourceWidth * scale));
      const h = Math.max(1, Math.round(sourceHeight * scale));
      // Drawn once per size; each quality only encodes it again.
      const canvas = draw(decoded, w / shownWidth, w, h, outType);
      if (!canvas) return fail(true);
      for (const quality of keepPng ? [undefined] : JPEG_QUALITIES) {
        const blob = await encode(canvas, outType, quality);
        if (!blob) return fail(true);
        const out = new Uint8Array(await blob.arrayBuffer());
        // Re-encoded at the same sides (only the bytes were too many) is not "scaled down".
        if (out.length <= byteLimit) return { ...finish(out, blob.type || outType, spec), ...(scale < 1 && { resizedFrom: { width: sourceWidth, height: sourceHeight } }) };
      }
      // Still too heavy: smaller sides, as long as the short side stays allowed.
      const next = scale * 0.8;
      if (Math.min(sourceWidth, sourceHeight) * next < rules.minSide) break;
      scale = next;
    }
    return fail();
  } finally {
    decoded.close();
  }
}

function finish(bytes: Uint8Array, type: string, spec: FrameImageRules): PreparedFrameImage {
  // Checked from the bytes' headers, as the data URI would be, without scanning its base64 again
  // (~20–80 ms for a 1 MB photo).
  const inspection: FrameImageInspection = { ...inspectImageBytes(bytes, type, spec), form: 'dataUri' };
  return inspection.issues.length === 0 ? { dataUri: `data:${type};base64,${toBase64(bytes)}`, inspection } : { inspection };
}

function toBase64(bytes: Uint8Array): string {
  // Native where there is one (Chromium 140+, Firefox 133+, Safari 18.2+).
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function draw(image: DecodedImage, ratio: number, width: number, height: number, type: string): Canvas | undefined {
  const offscreen = typeof OffscreenCanvas === 'function';
  if (!offscreen && typeof document === 'undefined') return undefined;
  const canvas = offscreen ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!context) return undefined;
  // JPEG has no alpha: transparent pixels would turn black without a white ground.
  if (type === 'image/jpeg') {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
  }
  // Bilinear ('low') is enough down to half size, which a scaled decode always leaves; below that
  // 'medium' (mipmaps) avoids aliasing. 'high' was 200–530 ms of the draw alone on 12 MP in Chromium.
  context.imageSmoothingQuality = ratio < 0.5 ? 'medium' : 'low';
  context.drawImage(image, 0, 0, width, height);
  return canvas;
}

function encode(canvas: Canvas, type: string, quality: number | undefined): Promise<Blob | undefined> {
  return 'convertToBlob' in canvas
    ? canvas.convertToBlob({ type, quality })
    : new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? undefined), type, quality));
}
