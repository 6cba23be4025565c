import { defined } from '../protocol/defined.js';
import { seedanceProFast, type VideoModelSpec } from '../spec/seedance-pro-fast.js';
import type { IssueParams, ValidationCode } from '../spec/validation-issue.js';
import { base64ByteLength, decodeBase64Range, isBase64 } from './base64.js';
import { classifyImageInput, normalizeImageMediaType, type ImageInputForm } from './classify-image-input.js';
import { sniffImageWith, type ByteReader, type ImageType } from './sniff-image.js';

export type FrameImageIssueCode = Extract<
  ValidationCode,
  'invalid_image' | 'image_type' | 'image_too_large' | 'image_too_small_sides' | 'image_too_large_sides'
>;

/**
 * Why an image is `invalid_image`, in its `reason` param: not one of the four forms; a data URI
 * whose payload is not strict base64; no bytes; bytes of no known image type; or an allowed
 * type whose headers give no sides (cut short or broken).
 */
export type InvalidImageReason = 'form' | 'base64' | 'empty' | 'unrecognized' | 'no_size';

/**
 * A broken rule without path or message: the validation layer adds both. Params:
 * invalid_image {reason}; image_type {actual} and, when a declared type disagrees with the bytes,
 * {declared}; image_too_large {max, actual} in bytes; image_too_small_sides {min, width, height};
 * image_too_large_sides {max, width, height}.
 */
export interface FrameImageIssue {
  readonly code: FrameImageIssueCode;
  readonly params: IssueParams;
}

export interface FrameImageInspection {
  readonly form?: ImageInputForm;
  /** The type a data URI or a picked file claims, normalised (see `normalizeImageMediaType`). */
  readonly declaredType?: string;
  /** The type the bytes show. */
  readonly type?: ImageType;
  readonly width?: number;
  readonly height?: number;
  /** Decoded size in bytes. */
  readonly bytes?: number;
  /** Empty when every local check passed. */
  readonly issues: readonly FrameImageIssue[];
}

type FrameImageRules = Pick<VideoModelSpec, 'frameImages'>;

/**
 * Everything that can be known locally of a frame image string. A UUID or URL is checked for
 * form only (its file is elsewhere); a data URI or raw base64 also for type, byte size and sides,
 * read from the headers without decoding the whole payload.
 */
export function inspectFrameImage(value: string, spec: FrameImageRules = seedanceProFast): FrameImageInspection {
  const input = classifyImageInput(value);
  if (!input) return { issues: [invalid('form')] };
  if (input.form === 'uuid' || input.form === 'url') return { form: input.form, issues: [] };
  const declared = input.form === 'dataUri' ? input.mediaType : undefined;
  // Raw base64 was validated while being classified; a data URI's payload was not.
  if (input.form === 'dataUri' && !isBase64(input.base64)) {
    return { form: input.form, declaredType: declared, issues: [invalid(input.base64 === '' ? 'empty' : 'base64')] };
  }
  const data = input.base64;
  return inspect((offset, length) => decodeBase64Range(data, offset, length), base64ByteLength(data), declared, spec, input.form);
}

/**
 * The same checks for bytes already in memory, e.g. a file the user picked, before it becomes a
 * data URI. `declaredType` (a `File.type`) is compared with the bytes only when it names an image
 * type; '' and non-image types count as unknown. Build the data URI with the returned `type`,
 * not the declared one, or `inspectFrameImage` will find that it lies.
 */
export function inspectImageBytes(
  bytes: Uint8Array,
  declaredType?: string,
  spec: FrameImageRules = seedanceProFast,
): FrameImageInspection {
  const declared = declaredType ? normalizeImageMediaType(declaredType) : '';
  return inspect(
    (offset, length) => bytes.subarray(offset, offset + length),
    bytes.length,
    declared.startsWith('image/') ? declared : undefined,
    spec,
    undefined,
  );
}

function inspect(
  read: ByteReader,
  size: number,
  declared: string | undefined,
  spec: FrameImageRules,
  form: ImageInputForm | undefined,
): FrameImageInspection {
  const rules = spec.frameImages;
  const allowed = (type: string) => (rules.types as readonly string[]).includes(type);
  if (size === 0) return defined({ form, declaredType: declared, bytes: size, issues: [invalid('empty')] });

  const issues: FrameImageIssue[] = [];
  const sniffed = sniffImageWith(read);
  if (!sniffed) {
    // Bytes of no known type under a declared type we refuse anyway (e.g. SVG): the type is the news.
    issues.push(declared && !allowed(declared) ? { code: 'image_type', params: { actual: declared } } : invalid('unrecognized'));
  } else if (declared && declared !== sniffed.type) {
    issues.push({ code: 'image_type', params: { declared, actual: sniffed.type } });
  } else if (!allowed(sniffed.type)) {
    issues.push({ code: 'image_type', params: { actual: sniffed.type } });
  }
  if (size > rules.maxBytes) issues.push({ code: 'image_too_large', params: { max: rules.maxBytes, actual: size } });

  const { width, height } = sniffed ?? {};
  if (sniffed && allowed(sniffed.type)) {
    if (width === undefined || height === undefined) issues.push(invalid('no_size'));
    else issues.push(...frameImageSideIssues(width, height, spec));
  }
  return defined({ form, declaredType: declared, bytes: size, type: sniffed?.type, width, height, issues });
}

/** The side checks alone, e.g. for a URL image whose sides an `<img>` told. */
export function frameImageSideIssues(width: number, height: number, spec: FrameImageRules = seedanceProFast): FrameImageIssue[] {
  const { minSide: min, maxSide: max } = spec.frameImages;
  const issues: FrameImageIssue[] = [];
  if (Math.min(width, height) < min) issues.push({ code: 'image_too_small_sides', params: { min, width, height } });
  if (Math.max(width, height) > max) issues.push({ code: 'image_too_large_sides', params: { max, width, height } });
  return issues;
}

function invalid(reason: InvalidImageReason): FrameImageIssue {
  return { code: 'invalid_image', params: { reason } };
}
