import * as z from 'zod/mini';
import { durationSchema, numberResultsSchema, outputQualitySchema, positivePromptSchema } from '../spec/generation-input.js';
import { parseSeed } from '../spec/seed.js';
import { seedanceProFast } from '../spec/seedance-pro-fast.js';

const spec = seedanceProFast;

/** int64 seed as sent to or received from Runware: a safe integer or a bigint from `parseJson`. */
const int64 = z.union([z.int(), z.bigint()]).check(z.refine((value) => parseSeed(value).ok, 'Seed out of the int64 range'));

const uuid = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i));
const httpUrl = z.string().check(z.regex(/^https?:\/\/\S+$/i));

export const runwareFrameImageSchema = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({ image: z.string().check(z.minLength(1)), frame: z.optional(z.enum(spec.frameImages.positions)) }),
]);

/** One `videoInference` task exactly as Runware takes it for this model. */
export const runwareVideoTaskSchema = z.strictObject({
  taskType: z.literal(spec.taskType),
  taskUUID: uuid,
  model: z.literal(spec.model),
  positivePrompt: positivePromptSchema,
  width: z.optional(z.int()),
  height: z.optional(z.int()),
  resolution: z.optional(z.enum(spec.resolutions)),
  duration: z.optional(durationSchema),
  seed: z.optional(int64),
  numberResults: z.optional(numberResultsSchema),
  outputType: z.optional(z.enum(spec.outputType.values)),
  outputFormat: z.optional(z.enum(spec.outputFormat.values)),
  outputQuality: z.optional(outputQualitySchema),
  deliveryMethod: z.optional(z.enum(spec.deliveryMethod.values)),
  webhookURL: z.optional(httpUrl),
  uploadEndpoint: z.optional(httpUrl),
  ttl: z.optional(z.int().check(z.minimum(spec.ttl.min))),
  includeCost: z.optional(z.boolean()),
  safety: z.optional(
    z.strictObject({ checkContent: z.optional(z.boolean()), mode: z.optional(z.enum(spec.safety.modes)) }),
  ),
  inputs: z.optional(
    z.strictObject({
      frameImages: z.array(runwareFrameImageSchema).check(z.minLength(1), z.maxLength(spec.frameImages.maxItems)),
    }),
  ),
  providerSettings: z.optional(
    z.strictObject({ bytedance: z.optional(z.strictObject({ cameraFixed: z.optional(z.boolean()) })) }),
  ),
});

export type RunwareVideoTask = Omit<z.infer<typeof runwareVideoTaskSchema>, 'seed'> & { seed?: bigint | number };

/** `getResponse`: asks for a task's results so far. */
export interface RunwareGetResponseTask {
  readonly taskType: 'getResponse';
  readonly taskUUID: string;
}

/**
 * One item of `data` for a video task: the ack, a progress frame, a finished result or a failure.
 * Every field is optional and `status` is open-ended, as Runware's SDKs read it: a progress
 * frame may carry no `status` and no `taskType`, a REST answer's item no `taskUUID`, and Runware
 * may add statuses (`queued`, `pending`, …) at any time. Only a field of the wrong type is refused.
 */
export const runwareVideoItemSchema = z.looseObject({
  taskType: z.optional(z.string()),
  taskUUID: z.optional(z.string()),
  status: z.optional(z.string()),
  progress: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  videoUUID: z.optional(z.string()),
  mediaUUID: z.optional(z.string()),
  videoURL: z.optional(z.string()),
  videoDataURI: z.optional(z.string()),
  videoBase64Data: z.optional(z.string()),
  seed: z.optional(int64),
  cost: z.optional(z.number().check(z.minimum(0))),
  NSFWContent: z.optional(z.boolean()),
});

/** One entry of `errors`. `parameter` is a string or, for cross-field rules, a list. */
export const runwareErrorSchema = z.looseObject({
  code: z.string(),
  message: z.optional(z.string()),
  parameter: z.optional(z.union([z.string(), z.array(z.string())])),
  taskType: z.optional(z.string()),
  taskUUID: z.optional(z.string()),
  documentation: z.optional(z.string()),
  status: z.optional(z.string()),
  type: z.optional(z.string()),
  min: z.optional(z.union([z.number(), z.bigint()])),
  max: z.optional(z.union([z.number(), z.bigint()])),
  allowedValues: z.optional(z.array(z.unknown())),
});

export type RunwareErrorItem = z.infer<typeof runwareErrorSchema>;
