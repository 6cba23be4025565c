import type { FrameImageType } from '../spec/seedance-pro-fast.js';
import { readJpegSize } from './jpeg-size.js';

/** Types recognised only to name them in a refusal; no sides are read for these. */
export type OtherImageType = 'image/gif' | 'image/bmp' | 'image/tiff' | 'image/avif' | 'image/heic';
export type ImageType = FrameImageType | OtherImageType;

export interface SniffedImage {
  readonly type: ImageType;
  /** Sides from the headers of PNG, JPEG and WEBP; absent when those are cut short or broken. */
  readonly width?: number;
  readonly height?: number;
}

/** Gives `length` bytes at `offset`, fewer or none past the end; lets base64 be read in place. */
export type ByteReader = (offset: number, length: number) => Uint8Array;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BMP_HEADER_SIZES = [12, 40, 52, 56, 64, 108, 124];
const AVIF_BRANDS = ['avif', 'avis'];
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];

/**
 * The type of an image file from its first bytes and, for PNG, JPEG and WEBP, its sides from the
 * headers. Never throws: cut or garbled input gives the type without sides, or undefined when
 * no known signature matches. Nothing is decoded, so a valid header on a broken body passes.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  return sniffImageWith((offset, length) => bytes.subarray(offset, offset + length));
}

/** `sniffImage` over any byte source; only the bytes it needs are asked for. */
export function sniffImageWith(read: ByteReader): SniffedImage | undefined {
  const h = read(0, 32);
  const at = (i: number) => h[i] ?? 0;
  const ascii = (from: number, to: number) => String.fromCharCode(...h.subarray(from, to));
  const u16le = (i: number) => at(i) | (at(i + 1) << 8);
  const u24le = (i: number) => u16le(i) | (at(i + 2) << 16);
  // `>>> 0` keeps values at or past 2^31 positive.
  const u32be = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  const sized = (type: FrameImageType, width: number, height: number): SniffedImage =>
    width > 0 && height > 0 ? { type, width, height } : { type };

  if (h.length >= 8 && PNG.every((b, i) => h[i] === b)) {
    return h.length >= 24 && ascii(12, 16) === 'IHDR' ? sized('image/png', u32be(16), u32be(20)) : { type: 'image/png' };
  }
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) {
    const size = readJpegSize(read);
    return size ? sized('image/jpeg', size.width, size.height) : { type: 'image/jpeg' };
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    if (h.length < 30) return { type: 'image/webp' };
    switch (ascii(12, 16)) {
      case 'VP8 ': // lossy: a key frame's start code, then 14-bit sides (the top 2 bits are scaling)
        if (at(23) !== 0x9d || at(24) !== 0x01 || at(25) !== 0x2a) return { type: 'image/webp' };
        return sized('image/webp', u16le(26) & 0x3fff, u16le(28) & 0x3fff);
      case 'VP8L': // lossless: signature 0x2f, then width-1 and height-1 packed in 14 bits each
        if (at(20) !== 0x2f) return { type: 'image/webp' };
        return sized('image/webp', 1 + (u16le(21) & 0x3fff), 1 + ((u24le(22) >> 6) & 0x3fff));
      case 'VP8X': // extended: canvas width-1 and height-1 in 24 bits each
        return sized('image/webp', 1 + u24le(24), 1 + u24le(27));
      default:
        return { type: 'image/webp' };
    }
  }
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return { type: 'image/gif' };
  // "BM" alone is too common in text; the DIB header size that follows narrows it down.
  if (ascii(0, 2) === 'BM' && BMP_HEADER_SIZES.includes(u16le(14) | (u16le(16) << 16))) return { type: 'image/bmp' };
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return { type: 'image/tiff' };
  if (ascii(4, 8) === 'ftyp') {
    // Major brand at 8, compatible brands from 16: an AVIF may carry the generic HEIF brand first.
    const brands = [ascii(8, 12), ...Array.from({ length: 4 }, (_, i) => ascii(16 + i * 4, 20 + i * 4))];
    if (brands.some((b) => AVIF_BRANDS.includes(b))) return { type: 'image/avif' };
    if (brands.some((b) => HEIF_BRANDS.includes(b))) return { type: 'image/heic' };
  }
  return undefined;
}
