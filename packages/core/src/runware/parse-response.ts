import { JsonParseError, parseJson, type JsonValue } from '../json/index.js';
import type { SeedString } from '../spec/seed.js';
import { runwareErrorSchema, runwareVideoItemSchema, type RunwareErrorItem } from './schemas.js';

/**
 * Statuses Runware's SDKs name for a task still running. Any other status that is not `success`
 * or `error` is read the same way (the SDKs keep polling); the provider logs it once.
 */
export const RUNWARE_RUNNING_STATUSES: readonly string[] = ['processing', 'queued', 'pending', 'scheduled', 'waiting'];

/** A video item from Runware, normalized: seeds as exact decimal text, status always present. */
export type RunwareVideoItem =
  | {
      readonly status: 'processing';
      /** Absent on progress frames. */
      readonly taskType?: string;
      /** Absent on some REST items: they belong to the task asked about. */
      readonly taskUUID?: string;
      /** 0–100 when the provider reports it. */
      readonly progress?: number;
      /** Runware's own word when it is not `processing` (`queued`, `pending`, or one not known yet). */
      readonly providerStatus?: string;
    }
  | {
      readonly status: 'success';
      readonly taskType?: string;
      readonly taskUUID?: string;
      readonly videoUUID: string;
      /** An http(s) URL, or a `data:` URI when Runware sent the video inline. */
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

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (o: Obj, key: string) => Object.hasOwn(o, key) && o[key] !== undefined && o[key] !== null;
const truthy = (o: Obj, key: string) => has(o, key) && o[key] !== false && o[key] !== 0 && o[key] !== '';
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

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

/**
 * As `parseRunwareResponse`, for an already parsed value. Reads every shape Runware's SDKs read
 * (test/fixtures/runware-answers.json): `{data, errors}`; `errors` as a list or a single object;
 * `error` as an object (with the task's `taskUUID` beside it), a list, or the legacy
 * `{error: true, errorId}`; and a flat item without any of these (a webhook call's body).
 */
export function parseRunwareValue(json: unknown): RunwareResponse {
  if (!isObject(json)) return { data: [], errors: [], malformed: [{ where: 'body', reason: 'Expected an object with `data` or `errors`' }] };
  const data: RunwareVideoItem[] = [];
  const errors: RunwareErrorItem[] = [];
  const malformed: MalformedItem[] = [];
  const addItem = (raw: unknown, index?: number) => {
    const item = readVideoItem(raw);
    if (typeof item === 'string') malformed.push({ where: 'data', ...(index !== undefined && { index }), reason: item });
    else if ('code' in item) errors.push(item);
    else data.push(item);
  };

  const envelope = has(json, 'data') || has(json, 'errors') || has(json, 'error');
  if (!envelope) {
    if (has(json, 'taskUUID')) addItem(json, 0);
    return { data, errors, malformed };
  }
  // An error beside the envelope belongs to the task the envelope names, when it names one.
  const owner = { taskUUID: text(json.taskUUID), taskType: text(json.taskType) };

  if (has(json, 'data')) {
    if (Array.isArray(json.data)) json.data.forEach((raw, index) => addItem(raw, index));
    else malformed.push({ where: 'body', reason: '`data` is not a list' });
  }
  if (has(json, 'errors')) {
    const list = Array.isArray(json.errors) ? json.errors : [json.errors];
    list.forEach((raw, index) => {
      const entry = readErrorEntry(raw, owner);
      if (entry) errors.push(entry);
      else malformed.push({ where: 'errors', index, reason: 'An error entry is not an object' });
    });
  }
  if (has(json, 'error')) {
    const list = Array.isArray(json.error) ? json.error : [json.error];
    for (const raw of list) {
      const entry = isObject(raw) ? readErrorEntry(raw, owner) : legacyError(raw, json, owner);
      if (entry) errors.push(entry);
    }
  }
  return { data, errors, malformed };
}

function readVideoItem(raw: unknown): RunwareVideoItem | RunwareErrorItem | string {
  if (!isObject(raw)) return 'An item is not an object';
  // A field sent as null is a field not sent, as the SDKs read it.
  const parsed = runwareVideoItemSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null)));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return `Bad ${first?.path.join('.') || 'item'}: ${first?.message ?? 'invalid'}`;
  }
  const item = parsed.data;
  const owner = { taskUUID: text(item.taskUUID), taskType: text(item.taskType) };
  const ids = { ...(owner.taskType && { taskType: owner.taskType }), ...(owner.taskUUID && { taskUUID: owner.taskUUID }) };

  // A failed task inside `data`: the real code sits in a nested `error` object.
  if (item.status === 'error' || truthy(raw, 'error') || truthy(raw, 'errorId')) {
    if (isObject(raw.error)) return readErrorEntry(raw.error, owner) as RunwareErrorItem;
    if (text(raw.code)) return readErrorEntry(raw, owner) as RunwareErrorItem;
    return legacyError(raw.error, raw, owner) ?? { code: 'taskFailed', message: 'The task failed and the video service gave no reason.', status: 'error', ...ids };
  }

  // A result is any item with a video in it (runware-python: a key ending URL, DataURI or Base64Data).
  const base64 = text(item.videoBase64Data);
  const videoURL = text(item.videoURL) ?? text(item.videoDataURI) ?? (base64 && `data:video/mp4;base64,${base64}`);
  if (videoURL) {
    return {
      status: 'success',
      ...ids,
      videoUUID: text(item.videoUUID) ?? text(item.mediaUUID) ?? videoURL,
      videoURL,
      ...(item.seed !== undefined && { seed: item.seed.toString() }),
      ...(item.cost !== undefined && { cost: item.cost }),
      ...(item.NSFWContent !== undefined && { NSFWContent: item.NSFWContent }),
    };
  }
  if (item.status === 'success') {
    return { code: 'resultWithoutVideo', message: 'The video service reported a finished video without the video.', status: 'error', ...ids };
  }
  return {
    status: 'processing',
    ...ids,
    ...(item.progress !== undefined && { progress: item.progress }),
    ...(item.status !== undefined && item.status !== 'processing' && { providerStatus: item.status }),
  };
}

/**
 * An error entry from any of the places Runware puts one. A missing `code` reads as `unknown`
 * (as runware-sdk reads it); a field of the wrong type is dropped rather than losing the error.
 */
function readErrorEntry(raw: unknown, owner: { readonly taskUUID?: string | undefined; readonly taskType?: string | undefined }): RunwareErrorItem | undefined {
  if (!isObject(raw)) return undefined;
  const entry: Obj = { ...raw, code: text(raw.code) ?? 'unknown' };
  for (let attempt = 0; attempt < 2; attempt++) {
    const parsed = runwareErrorSchema.safeParse(entry);
    if (parsed.success) {
      return {
        ...parsed.data,
        ...(parsed.data.taskUUID === undefined && owner.taskUUID !== undefined && { taskUUID: owner.taskUUID }),
        ...(parsed.data.taskType === undefined && owner.taskType !== undefined && { taskType: owner.taskType }),
      };
    }
    for (const issue of parsed.error.issues) delete entry[String(issue.path[0])];
  }
  return { code: entry.code as string, ...(owner.taskUUID && { taskUUID: owner.taskUUID }) };
}

/** The older WebSocket API's `{error: true, errorId}`: 19 was an invalid key (sdk-python). */
function legacyError(flag: unknown, body: Obj, owner: { readonly taskUUID?: string | undefined }): RunwareErrorItem | undefined {
  if (typeof flag === 'string' && flag !== '') return { code: 'unknown', message: flag, status: 'error', ...(owner.taskUUID && { taskUUID: owner.taskUUID }) };
  if (flag !== true && !has(body, 'errorId')) return undefined;
  const code = body.errorId === 19 ? 'invalidApiKey' : 'connectionError';
  return { code, status: 'error', ...(owner.taskUUID && { taskUUID: owner.taskUUID }) };
}
