import { decodeBase64Prefix, isBase64 } from './base64.js';
import { sniffImage } from './sniff-image.js';

export type ImageInputForm = 'uuid' | 'url' | 'dataUri' | 'base64';

/** Which of the provider's four forms a frame image string is in, with the parts later checks read. */
export type ImageInput =
  | { readonly form: 'uuid' }
  | { readonly form: 'url' }
  /** `mediaType` is lower-cased with common aliases folded (image/jpg → image/jpeg); `base64` is the payload, not yet validated. */
  | { readonly form: 'dataUri'; readonly mediaType: string; readonly base64: string }
  | { readonly form: 'base64'; readonly base64: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A host must follow the slashes: the URL parser would read `https:///x` or `https:\\x` as host x.
const HTTP_URL = /^https?:\/\/[^/\\?#]/i;
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
// data:image/<subtype>[;param=value…];base64,<payload>; only base64 payloads are a provider form.
const DATA_URI = /^data:(image\/[\w.+-]+)(?:;[^;,]*)*?;base64,/i;
const MEDIA_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
};

/** Lower-cases a media type and folds the common non-standard spellings into the standard one. */
export function normalizeImageMediaType(mediaType: string): string {
  const lower = mediaType.trim().toLowerCase();
  return MEDIA_TYPE_ALIASES[lower] ?? lower;
}

/**
 * The form of a frame image string, or undefined when it is none of the four: an uploaded image's
 * UUID (any version, any case), an http(s) URL with a host, a base64 data URI of an `image/*`
 * type, or raw base64. The value is sent as given, so surrounding or inner whitespace is refused,
 * never trimmed. Raw base64 must also start with a known image signature (any image type, so a
 * GIF is still told apart as a wrong type): otherwise every short word or relative path made of
 * letters and slashes (`photos/cat`) would pass as base64.
 */
export function classifyImageInput(value: string): ImageInput | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (UUID.test(value)) return { form: 'uuid' };
  if (HTTP_URL.test(value)) return isHttpUrl(value) ? { form: 'url' } : undefined;
  const dataUri = DATA_URI.exec(value);
  if (dataUri) {
    return { form: 'dataUri', mediaType: normalizeImageMediaType(dataUri[1] ?? ''), base64: value.slice(dataUri[0].length) };
  }
  if (isBase64(value) && sniffImage(decodeBase64Prefix(value, 32))) return { form: 'base64', base64: value };
  return undefined;
}

function isHttpUrl(value: string): boolean {
  if (SPACE_OR_CONTROL.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
