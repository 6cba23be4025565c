/** A decoded picture as shown (EXIF orientation applied), ready for `drawImage`. */
export interface DecodedImage {
  readonly image: CanvasImageSource;
  /** The picture's sides as shown, at the size it was decoded. */
  readonly width: number;
  readonly height: number;
  readonly close: () => void;
}

/**
 * Decodes an image at no less than `scale` of its sides where the browser can do it cheaply:
 * WebCodecs' `ImageDecoder` lets a JPEG decode in 1/8 steps (the IDCT skips what is thrown
 * away), e.g. a 12 MP photo at 5/8. Elsewhere, or for types without scaled decoding, the full
 * picture (`createImageBitmap` with `resizeWidth` measured slower than a full decode in
 * Chromium). Undefined when the bytes do not decode.
 */
export async function decodeImage(file: Blob, type: string, width: number, height: number, scale: number): Promise<DecodedImage | undefined> {
  return (await decodeScaled(file, type, width, height, scale)) ?? (await decodeWhole(file));
}

async function decodeScaled(file: Blob, type: string, width: number, height: number, scale: number): Promise<DecodedImage | undefined> {
  // Not in Safari, nor outside secure contexts.
  if (typeof ImageDecoder !== 'function') return undefined;
  // The smallest 1/8 step at or above the scale: asking for less gets the step below.
  const eighths = Math.min(8, Math.ceil(scale * 8 - 1e-9)) / 8;
  let decoder: ImageDecoder | undefined;
  try {
    if (!(await ImageDecoder.isTypeSupported(type))) return undefined;
    decoder = new ImageDecoder({ data: file.stream(), type, desiredWidth: Math.ceil(width * eighths), desiredHeight: Math.ceil(height * eighths) });
    const { image } = await decoder.decode();
    return { image, width: image.displayWidth, height: image.displayHeight, close: () => image.close() };
  } catch {
    return undefined;
  } finally {
    decoder?.close();
  }
}

async function decodeWhole(file: Blob): Promise<DecodedImage | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    // Also where createImageBitmap does not exist (jsdom).
    return undefined;
  }
}
