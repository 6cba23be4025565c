import { parseJson, stringifyJson } from '../../json/index.js';
import type { GenerationInput } from '../../spec/generation-input.js';
import type { TaskRecord } from './task-store.js';

/**
 * How a record sits in its Redis hash: `v` (the version, for compare-and-set without decoding
 * JSON in Lua), `meta` (everything but the input), `input` and `ih` (a tag that changes with the
 * input). The input is kept apart because a data-URI frame image can be 13 MB: updates (every
 * poll, every result) rewrite and publish only the small `meta`, and reads fetch the input only
 * when the reader does not hold the current one. `version` in the hash wins over the copy in `meta`.
 */
export interface EncodedRecord {
  readonly version: string;
  readonly meta: string;
  readonly input: string;
}

/** Records are our own data, but a task error may nest; deeper than this is refused. */
const MAX_DEPTH = 128;

/** int64-safe: a bigint anywhere is written as a bare integer and read back exact. */
export function encodeRecord(record: TaskRecord): EncodedRecord {
  const { input, ...meta } = record;
  return { version: String(record.version), meta: stringifyJson(meta), input: encodeInput(input) };
}

export function encodeInput(input: GenerationInput): string {
  return stringifyJson(input);
}

export function encodeMeta(record: TaskRecord): string {
  const { input: _input, ...meta } = record;
  return stringifyJson(meta);
}

export type RecordMeta = Omit<TaskRecord, 'input'>;

export function decodeMeta(text: string): RecordMeta {
  return plain(parseJson(text, { maxDepth: MAX_DEPTH })) as unknown as RecordMeta;
}

export function decodeInput(text: string): GenerationInput {
  return plain(parseJson(text, { maxDepth: MAX_DEPTH })) as unknown as GenerationInput;
}

/**
 * `parseJson` gives null-prototype objects; records handed out should be ordinary objects like
 * the memory store's. `Object.fromEntries` defines properties (never invokes the `__proto__`
 * setter), so even a key named `__proto__` stays plain data.
 */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

/**
 * What an update publishes: `[meta]`, or `[meta,input]` when the input changed (rare), so the
 * image a subscriber already holds is not sent again with every progress tick.
 */
export function encodeMessage(meta: string, input?: string): string {
  return input === undefined ? `[${meta}]` : `[${meta},${input}]`;
}

export function decodeMessage(text: string): { readonly meta: RecordMeta; readonly input?: GenerationInput } {
  const parsed = plain(parseJson(text, { maxDepth: MAX_DEPTH }));
  if (!Array.isArray(parsed) || parsed.length < 1 || parsed.length > 2 || typeof parsed[0] !== 'object' || parsed[0] === null) {
    throw new TypeError('Not a task store message');
  }
  const meta = parsed[0] as RecordMeta;
  return parsed.length === 2 ? { meta, input: parsed[1] as GenerationInput } : { meta };
}
