import { JsonParseError, parseJson, type JsonValue } from '../json/index.js';
import type { SeedString } from '../spec/seed.js';
import { runwareEnvelopeSchema, runwareErrorSchema, runwareVideoItemSchema, type RunwareErrorItem } from './schemas.js';

/** A video item from Runware, normalized: seeds as exact decimal text, status always present. */
export type RunwareVideoItem =
  | {
      readonly status: 'processing';
      readonly taskType: string;
      readonly taskUUID: string;
      /** 0–100 when the provider reports it. */
      readonly progress?: number;
    }
  | {
      readonly status: 'success';
      readonly taskType: string;
      readonly taskUUID: string;
      readonly videoUUID: string;
      readonly videoURL: string;
      readonly seed?: SeedString;
      readonly cost?: number;
      readonly NSFWContent?: boolean;
    };

/** Something in the answer that is not what Runware documents; kept so nothing is lost silently. */
export interface MalformedItem {
  readonly where: 'data' | 'errors' | 'body';
  readonly index?: number;
  readonly reason: string;
}

export interface RunwareResponse {
  readonly data: readonly RunwareVideoItem[];
  readonly errors: readonly RunwareErrorItem[];
  readonly malformed: readonly MalformedItem[];
}

/**
 * Reads a Runware answer (submit ack, `getResponse`, or one webhook call's flat result) from
 * untrusted text. Never throws: what cannot be understood is reported in `malformed`.
 */
export function parseRunwareResponse(text: string): RunwareResponse {
  let json: JsonValue;
  try {
    json = parseJson(text);
  } catch (error) {
    const reason = error instanceof JsonParseError ? error.message : 'Unreadable body';
    return { data: [], errors: [], malformed: [{ where: 'body', reason: `Not JSON: ${reason}` }] };
  }
  return parseRunwareValue(json);
}

/** As `parseRunwareResponse`, for an already parsed value. A flat object is a webhook result. */
export function parseRunwareValue(json: unknown): RunwareResponse {
  const malformed: MalformedItem[] = [];
  const isFlatResult = typeof json === 'object' && json !== null && !Array.isArray(json) && 'taskUUID' in json;
  const envelope = isFlatResult ? { success: true as const, data: { data: [json] } } : runwareEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { data: [], errors: [], malformed: [{ where: 'body', reason: 'Expected an object with `data` or `errors`' }] };
  }
  const data: RunwareVideoItem[] = [];
  const errors: RunwareErrorItem[] = [];
  envelope.data.data?.forEach((raw, index) => {
    const item = readVideoItem(raw);
    if (typeof item === 'string') malformed.push({ where: 'data', index, reason: item });
    else if ('code' in item) errors.push(item);
    else data.push(item);
  });
  envelope.data.errors?.forEach((raw, index) => {
    const parsed = runwareErrorSchema.safeParse(raw);
    if (parsed.success) errors.push(parsed.data);
    else malformed.push({ where: 'errors', index, reason: 'Error without a string `code`' });
  });
  return { data, errors, malformed };
}

function readVideoItem(raw: unknown): RunwareVideoItem | RunwareErrorItem | string {
  const parsed = runwareVideoItemSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return `Bad ${first?.path.join('.') || 'item'}: ${first?.message ?? 'invalid'}`;
  }
  const item = parsed.data;
  // A failed item may arrive inside `data` with status "error"; treat it as an error entry.
  if (item.status === 'error') {
    const asError = runwareErrorSchema.safeParse(raw);
    return asError.success ? asError.data : { code: 'taskFailed', taskUUID: item.taskUUID, message: 'The task failed.' };
  }
  const { taskType, taskUUID } = item;
  if (item.videoURL !== undefined || item.videoUUID !== undefined || item.status === 'success') {
    if (!item.videoURL || !item.videoUUID) return 'A finished result needs both `videoUUID` and `videoURL`';
    return {
      status: 'success',
      taskType,
      taskUUID,
      videoUUID: item.videoUUID,
      videoURL: item.videoURL,
      ...(item.seed !== undefined && { seed: item.seed.toString() }),
      ...(item.cost !== undefined && { cost: item.cost }),
      ...(item.NSFWContent !== undefined && { NSFWContent: item.NSFWContent }),
    };
  }
  return { status: 'processing', taskType, taskUUID, ...(item.progress !== undefined && { progress: item.progress }) };
}
