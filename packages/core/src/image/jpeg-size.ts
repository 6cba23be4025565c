import type { ByteReader } from './sniff-image.js';

// Real files have a handful of segments before the frame header; this only bounds garbage.
const MAX_SEGMENTS = 1024;

/**
 * A JPEG's sides from its frame header (SOF0–SOF15 but DHT, JPG and DAC), found by walking the
 * marker segments from the start and skipping each by its length. Metadata segments (EXIF, ICC,
 * XMP) come first and EXIF may hold a whole thumbnail JPEG, so a scan for the first SOF-looking
 * bytes would report the thumbnail's size. Each step reads a few bytes, so a long APP segment
 * costs nothing. Undefined when the walk breaks, reaches the scan data first, or the header
 * leaves the height to a later DNL marker (height 0; no encoder in use writes that).
 */
export function readJpegSize(read: ByteReader): { width: number; height: number } | undefined {
  let pos = 2; // after SOI
  for (let n = 0; n < MAX_SEGMENTS; n++) {
    const s = read(pos, 9);
    const at = (i: number) => s[i] ?? 0;
    if (s.length < 4 || at(0) !== 0xff) return undefined;
    const marker = at(1);
    if (marker === 0xff) {
      pos += 1; // fill byte: any marker may be preceded by extra 0xFF
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // markers without a length field
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return undefined; // SOI, EOI, SOS before any frame
    const length = (at(2) << 8) | at(3);
    if (length < 2) return undefined;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      // Segment: FF Cn, length(2), precision(1), height(2), width(2).
      if (s.length < 9) return undefined;
      const height = (at(5) << 8) | at(6);
      const width = (at(7) << 8) | at(8);
      return width > 0 && height > 0 ? { width, height } : undefined;
    }
    pos += 2 + length;
  }
  return undefined;
}
