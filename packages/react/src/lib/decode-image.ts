/** A decoded picture as shown (EXIF orientation applied); both close when done with. */
export type DecodedImage = VideoFrame | ImageBitmap;

/**
 * Decodes an image at no less than `scale` of its sides where the browser can do it cheaply:
 * WebCodecs' `ImageDecoder` decodes a JPEG in 1/8 steps (the IDCT skips what would be thrown
 * away), e.g. a 12 MP photo at 5/8 (~35% less than a full decode in Chromium). Elsewhere, or for
 * types without scaled decoding, the whole picture (`createImageBitmap` with `resizeWidth` was
 * no faster than a full decode). Undefined when the bytes do not decode.
 */
export async function decodeImage(file: Blob, type: string, width: number, height: number, scale: number): Promise<DecodedImage | undefined> {
  // The smallest 1/8 step at or above the scale: asking for less gets the step below.
  const eighths = Math.min(8, Math.ceil(scale * 8 - 1e-9)) / 8;
  try {
    // Absent in Safari and outside secure contexts (a ReferenceError), or refusing the type: both
    // land in the catch.
    const decoder = new ImageDecoder({ data: file.stream(), type, desiredWidth: Math.ceil(width * eighths), desiredHeight: Math.ceil(height * eighths) });
    try {
      return (await decoder.decode()).image;
    } finally {
      decoder.close();
    }
  } catch {
    try {
      return await createImageBitmap(file);
    } catch {
      // Also where createImageBitmap is missing (jsdom).
      return undefined;
    }
  }
}

/** The decoded picture's sides as shown. */
export function shownSides(image: DecodedImage): [width: number, height: number] {
  return 'displayWidth' in image ? [image.displayWidth, image.displayHeight] : [image.width, image.height];
}
