import * as z from 'zod/mini';
import { countPromptCharacters } from './prompt-length.js';
import { parseSeed, type SeedString } from './seed.js';
import { seedanceProFast, type OutputFormat, type Resolution, type SafetyMode } from './seedance-pro-fast.js';
import type { IssueParams, ValidationCode } from './validation-issue.js';

/**
 * What a form produces: one generation's settings, flat and JSON-friendly. Fields left out are
 * left out of the Runware task too, so the provider's defaults apply (see `buildRunwareTask`).
 */
export interface GenerationInput {
  positivePrompt: string;
  width?: number;
  height?: number;
  resolution?: Resolution;
  /** Seconds, 1.2–12 in steps of 0.1. */
  duration?: number;
  /** int64 as decimal text, or `'random'` for a uint32 seed drawn by the kit. */
  seed?: SeedString | 'random';
  numberResults?: number;
  outputFormat?: OutputFormat;
  outputQuality?: number;
  cameraFixed?: boolean;
  /** The first frame: an uploaded image's UUID, an http(s) URL, a data URI or raw base64. */
  frameImage?: string;
  checkContent?: boolean;
  safetyMode?: SafetyMode;
}

/** What may be handed to validation: the same fields, seeds also as number or bigint, nulls as "unset". */
export type GenerationInputDraft = {
  [K in keyof GenerationInput]?: (K extends 'seed' ? GenerationInput[K] | number | bigint : GenerationInput[K]) | null;
};

export const GENERATION_INPUT_FIELDS = [
  'positivePrompt',
  'width',
  'height',
  'resolution',
  'duration',
  'seed',
  'numberResults',
  'outputFormat',
  'outputQuality',
  'cameraFixed',
  'frameImage',
  'checkContent',
  'safetyMode',
] as const satisfies readonly (keyof GenerationInput)[];

const spec = seedanceProFast;

/** Our own rule codes travel through zod as custom issues carrying `params.code`. */
type Broken = { readonly code: ValidationCode } & IssueParams;

const rule = <T>(check: (value: T) => Broken | undefined) =>
  z.superRefine<T>((value, ctx) => {
    const broken = check(value);
    if (broken) ctx.addIssue({ code: 'custom', message: broken.code, params: broken, input: value });
  });

const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

// Spaces, controls and format characters (zero-width space, joiners, direction marks) show nothing:
// a prompt made only of them is blank to a reader and to the model.
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Z}]*$/u;

const isStep = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-9;

export const positivePromptSchema = z.string().check(
  rule<string>((text): Broken | undefined => {
    const length = countPromptCharacters(text);
    const { minLength, maxLength } = spec.positivePrompt;
    if (length < minLength) return { code: 'too_short', min: minLength, length };
    if (length > maxLength) return { code: 'too_long', max: maxLength, length };
    if (INVISIBLE_ONLY.test(text)) return { code: 'blank' };
    return undefined;
  }),
);

const sideSchema = z.int().check(z.minimum(1));

export const durationSchema = z.number().check(
  z.minimum(spec.duration.min),
  z.maximum(spec.duration.max),
  rule<number>((value) => (isStep(value, spec.duration.step) ? undefined : { code: 'not_step', step: spec.duration.step, unit: ' s' })),
);

export const seedSchema = z.unknown().check(
  rule<unknown>((value): Broken | undefined => {
    if (value === 'random') return undefined;
    const parsed = parseSeed(value);
    if (parsed.ok) return undefined;
    return { code: parsed.code, min: spec.seed.min.toString(), max: spec.seed.max.toString(), expected: 'a whole number or "random"' };
  }),
);

export const numberResultsSchema = z.int().check(z.minimum(spec.numberResults.min), z.maximum(spec.numberResults.max));
export const outputQualitySchema = z.int().check(z.minimum(spec.outputQuality.min), z.maximum(spec.outputQuality.max));

/**
 * Field-level rules of a generation input. Cross-field rules (pairs, presets, sizes) and the
 * frame image's content are checked by `validateGenerationInput`, which is what callers use.
 */
export const generationInputSchema = z.strictObject({
  positivePrompt: positivePromptSchema,
  width: optional(sideSchema),
  height: optional(sideSchema),
  resolution: optional(z.enum(spec.resolutions)),
  duration: optional(durationSchema),
  seed: optional(seedSchema),
  numberResults: optional(numberResultsSchema),
  outputFormat: optional(z.enum(spec.outputFormat.values)),
  outputQuality: optional(outputQualitySchema),
  cameraFixed: optional(z.boolean()),
  frameImage: optional(z.string()),
  checkContent: optional(z.boolean()),
  safetyMode: optional(z.enum(spec.safety.modes)),
});
