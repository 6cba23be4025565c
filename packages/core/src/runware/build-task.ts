import { SeedanceError } from '../errors/index.js';
import { parameterOf } from '../errors/seedance-error.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { formatIssueMessage } from '../spec/messages.js';
import { randomSeed } from '../spec/seed.js';
import { seedanceProFast, type OutputType } from '../spec/seedance-pro-fast.js';
import type { ValidationCode, ValidationIssue } from '../spec/validation-issue.js';
import { runwareVideoTaskSchema, type RunwareVideoTask } from './schemas.js';

/** What the server decides about a task; never taken from the browser. */
export interface RunwareTaskOptions {
  /** Defaults to a fresh UUID v4. */
  readonly taskUUID?: string;
  readonly webhookURL?: string;
  readonly uploadEndpoint?: string;
  /** Seconds the result URL lives, at least 60; only with URL output. */
  readonly ttl?: number;
  readonly includeCost?: boolean;
  readonly outputType?: OutputType;
  /** Draws the seed when the input asks for `'random'` (uint32 range). */
  readonly randomSeed?: () => string;
}

/**
 * Turns a validated input into the exact Runware `videoInference` task for this model.
 * Fields the user did not set are omitted, so Runware's own defaults apply (duration 5 s,
 * one result, MP4 at quality 95, no safety check, camera free, a seed of Runware's choosing);
 * `deliveryMethod` is always `"async"` because video is only delivered that way.
 * Throws a validation `SeedanceError` naming the field (`parameter`) when an option or the input
 * breaks the spec: the types refuse these too, but plain JavaScript callers get no types.
 */
export function buildRunwareTask(input: GenerationInput, options: RunwareTaskOptions = {}): RunwareVideoTask {
  checkOptions(options);
  const task: RunwareVideoTask = {
    taskType: seedanceProFast.taskType,
    taskUUID: options.taskUUID ?? globalThis.crypto.randomUUID(),
    model: seedanceProFast.model,
    positivePrompt: input.positivePrompt,
  };
  // Assigned in the order of Runware's own examples, so bodies read like the docs.
  if (input.width !== undefined) task.width = input.width;
  if (input.height !== undefined) task.height = input.height;
  if (input.resolution !== undefined) task.resolution = input.resolution;
  if (input.duration !== undefined) task.duration = input.duration;
  if (input.seed !== undefined) {
    task.seed = BigInt(input.seed === 'random' ? (options.randomSeed ?? randomSeed)() : input.seed);
  }
  if (input.numberResults !== undefined) task.numberResults = input.numberResults;
  if (options.outputType !== undefined) task.outputType = options.outputType;
  if (input.outputFormat !== undefined) task.outputFormat = input.outputFormat;
  if (input.outputQuality !== undefined) task.outputQuality = input.outputQuality;
  task.deliveryMethod = 'async';
  if (options.webhookURL !== undefined) task.webhookURL = options.webhookURL;
  if (options.uploadEndpoint !== undefined) task.uploadEndpoint = options.uploadEndpoint;
  if (options.ttl !== undefined) task.ttl = options.ttl;
  if (options.includeCost !== undefined) task.includeCost = options.includeCost;
  if (input.checkContent !== undefined || input.safetyMode !== undefined) {
    task.safety = {};
    if (input.checkContent !== undefined) task.safety.checkContent = input.checkContent;
    if (input.safetyMode !== undefined) task.safety.mode = input.safetyMode;
  }
  if (input.cameraFixed !== undefined) task.providerSettings = { bytedance: { cameraFixed: input.cameraFixed } };
  if (input.frameImage !== undefined) task.inputs = { frameImages: [{ image: input.frameImage, frame: 'first' }] };
  checkTask(task);
  return task;
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+/i;

function checkOptions(options: RunwareTaskOptions): void {
  if (typeof options !== 'object' || options === null) throw invalid('invalidTaskOptions', [issue('options', 'invalid_type', { expected: 'an object' })]);
  const issues: ValidationIssue[] = [];
  const add = (path: string, code: ValidationCode, params: Record<string, string | number> = {}) => issues.push(issue(path, code, params));
  const { ttl, outputType = seedanceProFast.outputType.default, includeCost, randomSeed: draw } = options;
  const outputTypes: readonly unknown[] = seedanceProFast.outputType.values;
  if (!outputTypes.includes(outputType)) add('outputType', 'invalid_value', { allowed: seedanceProFast.outputType.values.join(', ') });
  if (includeCost !== undefined && typeof includeCost !== 'boolean') add('includeCost', 'invalid_type', { expected: 'true or false' });
  if (draw !== undefined && typeof draw !== 'function') add('randomSeed', 'invalid_type', { expected: 'a function' });
  if (ttl !== undefined) {
    if (typeof ttl !== 'number') add('ttl', 'invalid_type', { expected: 'a whole number of seconds' });
    else if (!Number.isInteger(ttl)) add('ttl', 'not_integer');
    else if (ttl < seedanceProFast.ttl.min) add('ttl', 'too_small', { min: seedanceProFast.ttl.min, unit: ' s' });
    if (outputType !== 'URL') add('ttl', 'ttl_requires_url');
  }
  for (const key of ['webhookURL', 'uploadEndpoint'] as const) {
    const url = options[key];
    if (url !== undefined && (typeof url !== 'string' || !HTTP_URL.test(url))) add(key, 'invalid_type', { expected: 'an http(s) URL' });
  }
  if (options.taskUUID !== undefined && (typeof options.taskUUID !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(options.taskUUID))) {
    add('taskUUID', 'invalid_type', { expected: 'a UUID v4' });
  }
  if (issues.length > 0) throw invalid('invalidTaskOptions', issues);
}

/** The built task against Runware's schema for this model: catches an input no validator saw. */
function checkTask(task: RunwareVideoTask): void {
  const parsed = runwareVideoTaskSchema.safeParse(task);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((i): ValidationIssue => {
    const path = i.path.map(String).join('.') || 'task';
    return { path, code: 'invalid_value', params: {}, message: `Runware would refuse ${path}: ${i.message}.` };
  });
  throw invalid('invalidTask', issues);
}

function issue(path: string, code: ValidationCode, params: Record<string, string | number> = {}): ValidationIssue {
  return { path, code, params, message: formatIssueMessage(code, path, params) };
}

function invalid(code: string, issues: readonly ValidationIssue[]): SeedanceError {
  const parameter = parameterOf([...new Set(issues.map((i) => i.path))]);
  return new SeedanceError({ kind: 'validation', code, message: issues.map((i) => i.message).join(' '), retryable: false, issues, ...(parameter !== undefined && { parameter }) });
}
