/**
 * Base64 (RFC 4648, standard alphabet) read in place: a frame image may be a 13-million-character
 * string, and only its length and a few header bytes are ever needed.
 *
 * Validation is strict on purpose. The string goes to the provider exactly as given, so what a
 * forgiving decoder like `atob` would let through is refused: whitespace and line breaks
 * anywhere (also around the value), the URL-safe alphabet (`-`, `_`), more than two `=`, `=`
 * anywhere but the end, padding that does not close a 4-character group, and a lone last
 * character (6 bits is no byte). Padding itself is optional. The empty string is refused: it
 * holds no image. Unused low bits in the last character are not checked (decoders ignore them).
 */

const ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Whether `value` is non-empty, strict standard base64 (see the module notes). */
export function isBase64(value: string): boolean {
  if (value.length === 0 || !ALPHABET.test(value)) return false;
  const rest = value.length % 4;
  return value.endsWith('=') ? rest === 0 : rest !== 1;
}

/** How many bytes `value` decodes to, from its length alone. `value` must pass `isBase64`. */
export function base64ByteLength(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor(((value.length - padding) * 3) / 4);
}

/**
 * Decodes only bytes `offset` to `offset + length` (fewer past the end) by decoding the 4-character
 * groups that hold them. `value` must pass `isBase64`; otherwise `atob` may throw.
 */
export function decodeBase64Range(value: string, offset: number, length: number): Uint8Array {
  const total = base64ByteLength(value);
  const start = Math.min(Math.max(0, offset), total);
  const end = Math.min(Math.max(start, offset + length), total);
  if (end === start) return new Uint8Array(0);
  const from = Math.floor(start / 3) * 4;
  let chunk = value.slice(from, Math.ceil(end / 3) * 4).replace(/=+$/, '');
  // A chunk cut from the middle of the string has whole groups; the last one may need its padding back.
  chunk += '=='.slice(0, (4 - (chunk.length % 4)) % 4);
  const binary = atob(chunk);
  const skip = start - (from / 4) * 3;
  const out = new Uint8Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = binary.charCodeAt(skip + i);
  return out;
}

/** The first `length` bytes of `value` (all of them if shorter). `value` must pass `isBase64`. */
export function decodeBase64Prefix(value: string, length: number): Uint8Array {
  return decodeBase64Range(value, 0, length);
}
