import type { IssueMessageFormatter, IssueParams, ValidationCode } from './validation-issue.js';

/** Human names for fields, used inside messages. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  positivePrompt: 'Prompt',
  width: 'Width',
  height: 'Height',
  resolution: 'Resolution',
  duration: 'Duration',
  seed: 'Seed',
  numberResults: 'Number of videos',
  outputFormat: 'Format',
  outputQuality: 'Quality',
  cameraFixed: 'Fixed camera',
  frameImage: 'First frame image',
  checkContent: 'Content check',
  safetyMode: 'Safety mode',
  ttl: 'Time to live',
  webhookURL: 'Webhook URL',
  uploadEndpoint: 'Upload endpoint',
};

const label = (path: string) => FIELD_LABELS[path] ?? path;
const mb = (bytes: string | number) => `${Math.round((Number(bytes) / 1_000_000) * 10) / 10} MB`;

type Template = (path: string, p: IssueParams) => string;

/** The English defaults; every message can be replaced through an `IssueMessageFormatter`. */
export const DEFAULT_ISSUE_MESSAGES: Readonly<Record<ValidationCode, Template>> = {
  required: (f) => `${label(f)} is required.`,
  invalid_type: (f, p) => `${label(f)} must be ${p.expected ?? 'a valid value'}.`,
  too_small: (f, p) => `${label(f)} must be at least ${p.min}${p.unit ?? ''}.`,
  too_big: (f, p) => `${label(f)} must be at most ${p.max}${p.unit ?? ''}.`,
  too_short: (f, p) => `${label(f)} must be at least ${p.min} characters (now ${p.length}).`,
  too_long: (f, p) => `${label(f)} must be at most ${p.max} characters (now ${p.length}).`,
  blank: (f) => `${label(f)} cannot be only spaces or invisible characters.`,
  not_integer: (f) => `${label(f)} must be a whole number.`,
  unsafe_integer: (f) => `${label(f)} is too large to be exact as a number: give it as text.`,
  not_step: (f, p) => `${label(f)} must be in steps of ${p.step}${p.unit ?? ''}.`,
  invalid_value: (f, p) => `${label(f)} must be one of: ${p.allowed}.`,
  unknown_field: (f) => `“${f}” is not a setting of this model.`,
  server_only: (f) => `“${f}” is decided by the server and cannot be sent.`,
  incomplete_pair: (f, p) => `${label(f)} is required when ${label(String(p.other))} is given.`,
  unsupported_dimensions: (_f, p) => `${p.width}×${p.height} is not a supported size. Supported: ${p.allowed}.`,
  resolution_with_dimensions: () => 'Choose either a resolution preset or a width and height, not both.',
  size_required: () => 'Choose a size: a width and height, a resolution preset, or a first frame image.',
  ttl_requires_url: () => 'Time to live only applies when the output type is URL.',
  invalid_image: (f) => `${label(f)} must be an image UUID, an http(s) URL, a data URI or base64 image data.`,
  image_type: (f, p) => `${label(f)} must be PNG, JPEG or WEBP${p.actual ? ` (got ${p.actual})` : ''}.`,
  image_too_large: (f, p) => `${label(f)} must be at most ${mb(p.max ?? 0)} (this one is ${mb(p.actual ?? 0)}).`,
  image_too_small_sides: (f, p) => `${label(f)} sides must be at least ${p.min} px (this one is ${p.width}×${p.height}).`,
  image_too_large_sides: (f, p) => `${label(f)} sides must be at most ${p.max} px (this one is ${p.width}×${p.height}).`,
  invalid_json: () => 'The request body is not valid JSON.',
};

export function formatIssueMessage(
  code: ValidationCode,
  path: string,
  params: IssueParams = {},
  formatter?: IssueMessageFormatter,
): string {
  return formatter?.(code, path, params) ?? DEFAULT_ISSUE_MESSAGES[code](path, params);
}
