import type * as z from 'zod/mini';
import { inspectFrameImage } from '../image/index.js';
import { generationInputSchema, type GenerationInput } from './generation-input.js';
import { formatIssueMessage } from './messages.js';
import { parseSeed } from './seed.js';
import { findDimensions, SERVER_ONLY_FIELDS, seedanceProFast, type VideoModelSpec } from './seedance-pro-fast.js';
import type { IssueMessageFormatter, IssueParams, ValidationCode, ValidationIssue } from './validation-issue.js';

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues?: undefined }
  | { readonly ok: false; readonly value?: undefined; readonly issues: readonly ValidationIssue[] };

export interface ValidateOptions {
  /** Replace any message, e.g. to translate; return undefined to keep the English default. */
  readonly messages?: IssueMessageFormatter;
}

const spec: VideoModelSpec = seedanceProFast;
const serverOnly = new Set<string>(SERVER_ONLY_FIELDS);

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
};

/**
 * Checks a generation input against every rule of the model: each field's type and range, then
 * the rules between fields and what can be known locally of a frame image. Returns the typed
 * input with unset (missing or null) fields dropped, or one issue per broken rule.
 */
export function validateGenerationInput(input: unknown, options: ValidateOptions = {}): ValidationResult<GenerationInput> {
  const issues: ValidationIssue[] = [];
  const add = (path: string, code: ValidationCode, params: IssueParams = {}) =>
    issues.push({ path, code, params, message: formatIssueMessage(code, path, params, options.messages) });

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('', 'invalid_type', { expected: 'an object' });
    return { ok: false, issues };
  }

  const parsed = generationInputSchema.safeParse(input);
  const badFields = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const [path, code, params] of fromZodIssue(issue, input as Record<string, unknown>)) {
        badFields.add(path);
        add(path, code, params);
      }
    }
  }

  // Cross-field rules run on the fields that passed their own checks, so one mistake is
  // reported once.
  const raw = input as Record<string, unknown>;
  const field = <T>(name: string): T | undefined => (badFields.has(name) || raw[name] == null ? undefined : (raw[name] as T));
  const width = field<number>('width');
  const height = field<number>('height');
  const resolution = field<string>('resolution');
  const frameImage = field<string>('frameImage');

  if (!badFields.has('width') && !badFields.has('height')) {
    if (width !== undefined && height === undefined) add('height', 'incomplete_pair', { other: 'width' });
    else if (height !== undefined && width === undefined) add('width', 'incomplete_pair', { other: 'height' });
    else if (width !== undefined && height !== undefined && !findDimensions(width, height, spec)) {
      add('width', 'unsupported_dimensions', { width, height, allowed: spec.dimensions.map((d) => `${d.width}×${d.height}`).join(', ') });
    }
  }
  if (resolution !== undefined && (width !== undefined || height !== undefined)) {
    add('resolution', 'resolution_with_dimensions');
  }
  const sized = frameImage !== undefined || resolution !== undefined || (width !== undefined && height !== undefined);
  const sizeFieldsBad = ['width', 'height', 'resolution', 'frameImage'].some((f) => badFields.has(f));
  if (!sized && !sizeFieldsBad && width === undefined && height === undefined) add('width', 'size_required');

  if (frameImage !== undefined) {
    for (const problem of inspectFrameImage(frameImage, spec).issues) add('frameImage', problem.code, problem.params ?? {});
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: normalize(parsed.success ? parsed.data : {}) };
}

/**
 * The issues of one field's value alone, by the same schema and the same mapping as
 * `validateGenerationInput`: what a part used without a form shows, so a part and a form can
 * never disagree. Rules between fields (a size pair, a frame image's sides) are the form's.
 */
export function validateGenerationField(field: keyof GenerationInput, value: unknown, options: ValidateOptions = {}): readonly ValidationIssue[] {
  const parsed = generationInputSchema.safeParse({ [field]: value });
  if (parsed.success) return [];
  const issues: ValidationIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.path[0] !== field) continue;
    for (const [path, code, params] of fromZodIssue(issue, { [field]: value })) issues.push({ path, code, params, message: formatIssueMessage(code, path, params, options.messages) });
  }
  return issues;
}

function normalize(data: Record<string, unknown>): GenerationInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    if (key === 'seed' && value !== 'random') {
      const seed = parseSeed(value, spec);
      out.seed = seed.ok ? seed.seed : value;
    } else out[key] = value;
  }
  return out as unknown as GenerationInput;
}

type Mapped = [path: string, code: ValidationCode, params: IssueParams];

function fromZodIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): Mapped[] {
  const path = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key): Mapped => [key, serverOnly.has(key) ? 'server_only' : 'unknown_field', {}]);
    case 'invalid_type': {
      const value = input[path];
      if (value === undefined) return [[path, 'required', {}]];
      if (issue.expected === 'int' && typeof value === 'number' && Number.isFinite(value)) return [[path, 'not_integer', {}]];
      return [[path, 'invalid_type', { expected: EXPECTED[issue.expected] ?? issue.expected }]];
    }
    case 'too_small':
      return [[path, 'too_small', { min: Number(issue.minimum), unit: path === 'duration' ? ' s' : '' }]];
    case 'too_big':
      return [[path, 'too_big', { max: Number(issue.maximum), unit: path === 'duration' ? ' s' : '' }]];
    case 'invalid_value':
      return [[path, 'invalid_value', { allowed: issue.values.map(String).join(', ') }]];
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: ValidationCode } & Record<string, string | number>;
      return [[path, code ?? 'invalid_type', params]];
    }
    default:
      return [[path, 'invalid_type', {}]];
  }
}
