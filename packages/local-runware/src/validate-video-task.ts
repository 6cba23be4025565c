import type * as z from 'zod/mini';
import { findDimensions, formatIssueMessage, inspectFrameImage, runwareVideoTaskSchema, seedanceProFast, type IssueParams, type RunwareVideoTask, type ValidationCode } from '@seedance-kit/core';
import { runwareError, type LocatedError, type RunwareErrorEntry } from './runware-error.js';

const spec = seedanceProFast;
const TASK_TYPE = spec.taskType;

/** What Runware says about each parameter when it refuses one: its type, range or values. */
const PARAMETERS: Readonly<Record<string, Pick<RunwareErrorEntry, 'type' | 'min' | 'max' | 'allowedValues'>>> = {
  taskType: { type: 'string', allowedValues: [TASK_TYPE] },
  taskUUID: { type: 'UUID v4' },
  model: { type: 'string', allowedValues: [spec.model] },
  positivePrompt: { type: 'string', min: spec.positivePrompt.minLength, max: spec.positivePrompt.maxLength },
  width: { type: 'integer' },
  height: { type: 'integer' },
  resolution: { type: 'string', allowedValues: spec.resolutions },
  duration: { type: 'float', min: spec.duration.min, max: spec.duration.max },
  seed: { type: 'integer', min: spec.seed.min, max: spec.seed.max },
  numberResults: { type: 'integer', min: spec.numberResults.min, max: spec.numberResults.max },
  outputType: { type: 'string', allowedValues: spec.outputType.values },
  outputFormat: { type: 'string', allowedValues: spec.outputFormat.values },
  outputQuality: { type: 'integer', min: spec.outputQuality.min, max: spec.outputQuality.max },
  deliveryMethod: { type: 'string', allowedValues: spec.deliveryMethod.values },
  webhookURL: { type: 'URI' },
  uploadEndpoint: { type: 'URI' },
  ttl: { type: 'integer', min: spec.ttl.min },
  includeCost: { type: 'boolean' },
  'safety.checkContent': { type: 'boolean' },
  'safety.mode': { type: 'string', allowedValues: spec.safety.modes },
  'inputs.frameImages': { type: 'array', min: 1, max: spec.frameImages.maxItems },
  'providerSettings.bytedance.cameraFixed': { type: 'boolean' },
};

/** Path segments that only nest; codes are named after the leaf (`invalidCameraFixed`). */
const NESTING = new Set(['inputs', 'providerSettings', 'bytedance']);
const LEGACY_FIELD = 'frameImages';
const CURRENT_FIELD = 'inputs.frameImages';

export type VideoTaskCheck =
  | {
      readonly ok: true;
      readonly task: RunwareVideoTask;
      /** Where the caller put the frame image, so later errors name the field it sent. */
      readonly frameImagesField: string;
    }
  | { readonly ok: false; readonly errors: readonly LocatedError[] };

/**
 * Checks one `videoInference` task the way Runware would: the strict task schema, then the
 * model's rules between fields, then what can be read locally of a frame image. Every refusal is
 * a Runware error entry naming its `parameter`. The older shape (top-level `frameImages` of
 * `{ inputImage, frame }`) is accepted and read as `inputs.frameImages`.
 */
export function validateVideoTask(raw: Record<string, unknown>): VideoTaskCheck {
  const taskUUID = typeof raw.taskUUID === 'string' ? raw.taskUUID : undefined;
  const errors: LocatedError[] = [];
  const seen = new Set<string>();
  const add = (code: string, parameter: string | string[], message: string, extra: Partial<RunwareErrorEntry> = {}) => {
    const key = Array.isArray(parameter) ? parameter.join(',') : parameter;
    if (seen.has(key)) return; // one error per parameter, the first found
    seen.add(key);
    const info = typeof parameter === 'string' ? PARAMETERS[parameter] : undefined;
    errors.push(
      runwareError(400, {
        code,
        message,
        parameter,
        taskType: TASK_TYPE,
        ...(taskUUID !== undefined && { taskUUID }),
        ...info,
        ...extra,
      }),
    );
  };

  const { value: candidate, legacy } = fromLegacyShape(raw, add);
  const field = legacy ? LEGACY_FIELD : CURRENT_FIELD;
  const shown = (path: string) => (legacy && path.startsWith(CURRENT_FIELD) ? LEGACY_FIELD + path.slice(CURRENT_FIELD.length) : path);

  const parsed = runwareVideoTaskSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(issue, candidate, shown, add);
    return { ok: false, errors };
  }
  const task = parsed.data as RunwareVideoTask;

  const { width, height, resolution } = task;
  const image = firstFrameImage(task);
  if ((width === undefined) !== (height === undefined)) {
    const missing = width === undefined ? 'width' : 'height';
    add(`missing${upper(missing)}`, missing, `Missing ${missing} parameter: width and height must be given together.`);
  } else if (width !== undefined && height !== undefined && !findDimensions(width, height, spec)) {
    add('unsupportedDimensions', ['width', 'height'], `Unsupported dimensions ${width}x${height} for ${spec.model}. Use one of the allowed width x height pairs.`, {
      allowedValues: spec.dimensions.map((d) => `${d.width}x${d.height}`),
    });
  }
  if (resolution !== undefined && (width !== undefined || height !== undefined)) {
    add('incompatibleParameters', ['resolution', 'width', 'height'], 'The resolution parameter cannot be combined with width and height: give one or the other.');
  }
  if (width === undefined && height === undefined && resolution === undefined && image === undefined) {
    add('missingDimensions', ['width', 'height', 'resolution', field], 'Missing output size: give width and height, a resolution preset, or a frame image.');
  }
  if (image !== undefined) {
    const problem = inspectFrameImage(image, spec).issues[0];
    if (problem) {
      const detail = formatIssueMessage(problem.code, 'frameImage', problem.params);
      add('invalidFrameImages', field, `Invalid value for ${field} parameter. ${detail}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, task, frameImagesField: field };
}

/** The one frame image's content, whichever form it was given in. */
export function firstFrameImage(task: RunwareVideoTask): string | undefined {
  const item = task.inputs?.frameImages[0];
  return typeof item === 'string' ? item : item?.image;
}

type Add = (code: string, parameter: string | string[], message: string, extra?: Partial<RunwareErrorEntry>) => void;

function fromLegacyShape(raw: Record<string, unknown>, add: Add): { value: Record<string, unknown>; legacy: boolean } {
  if (!(LEGACY_FIELD in raw)) return { value: raw, legacy: false };
  const { [LEGACY_FIELD]: frameImages, ...rest } = raw;
  const inputs = rest.inputs;
  if (typeof inputs === 'object' && inputs !== null && 'frameImages' in inputs) {
    add('incompatibleParameters', [LEGACY_FIELD, CURRENT_FIELD], 'Give frame images in inputs.frameImages or (older shape) frameImages, not both.');
    return { value: raw, legacy: true };
  }
  const items = Array.isArray(frameImages)
    ? frameImages.map((item: unknown) => {
        if (typeof item !== 'object' || item === null || !('inputImage' in item)) return item;
        const { inputImage, ...others } = item as Record<string, unknown>;
        return { image: inputImage, ...others };
      })
    : frameImages;
  const nested = typeof inputs === 'object' && inputs !== null ? { ...inputs, frameImages: items } : { frameImages: items };
  return { value: { ...rest, inputs: nested }, legacy: true };
}

function reportIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>, shown: (path: string) => string, add: Add): void {
  const segments = issue.path.filter((s): s is string => typeof s === 'string');
  const path = segments.join('.');
  const parameter = shown(path);
  const name = codeName(segments);
  const value = valueAt(input, issue.path);
  // The seed is one rule however it broke (float, text, negative, past int64).
  if (segments[0] === 'seed') {
    add('invalidSeed', 'seed', `Invalid value for seed parameter. It must be an integer from ${spec.seed.min} to ${spec.seed.max}.`);
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const unknown = shown(path === '' ? key : `${path}.${key}`);
        add('unknownParameter', unknown, `Unknown parameter ${unknown} for ${spec.model}.`);
      }
      return;
    case 'invalid_type':
      if (value === undefined) {
        add(`missing${name}`, parameter, `Missing ${parameter} parameter.`);
        return;
      }
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. Expected ${describeType(issue.expected, value)}.`);
      return;
    case 'invalid_value':
      if (path === 'outputType') {
        add('invalidOutputType', parameter, `Output type ${String(value)} is not available for ${spec.model} video: only ${spec.outputType.values.join(', ')}.`);
        return;
      }
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. Allowed values: ${issue.values.map(String).join(', ')}.`);
      return;
    case 'too_small':
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. ${issue.origin === 'array' ? 'It needs' : 'Minimum'} ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}.`);
      return;
    case 'too_big':
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. ${issue.origin === 'array' ? 'At most' : 'Maximum'} ${String(issue.maximum)}${issue.origin === 'array' ? ' item(s)' : ''}.`);
      return;
    case 'invalid_format':
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. Expected ${PARAMETERS[path]?.type ?? 'a valid value'}.`);
      return;
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: ValidationCode } & IssueParams;
      const detail = code ? formatIssueMessage(code, path, params) : issue.message;
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter. ${detail}`);
      return;
    }
    default:
      add(`invalid${name}`, parameter, `Invalid value for ${parameter} parameter.`);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function codeName(segments: readonly string[]): string {
  const meaningful = segments.filter((s) => !NESTING.has(s));
  return (meaningful.length > 0 ? meaningful : segments).map(upper).join('');
}

function upper(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function describeType(expected: string, value: unknown): string {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const wanted = expected === 'int' ? 'integer' : expected;
  return `${wanted}, got ${got}`;
}
