import { seedanceProFast, type VideoModelSpec } from './seedance-pro-fast.js';

/** An int64 seed as canonical decimal digits: exact, JSON-safe, comparable as text. */
export type SeedString = string;

export type SeedParseResult =
  | { readonly ok: true; readonly seed: SeedString }
  | { readonly ok: false; readonly code: 'invalid_type' | 'not_integer' | 'unsafe_integer' | 'too_small' | 'too_big' };

const DIGITS = /^-?\d+$/;

/**
 * Reads a seed given as decimal text, a safe integer or a bigint, without ever passing through
 * a float. Unsafe integers given as `number` are refused: they were already rounded.
 */
export function parseSeed(value: unknown, spec: VideoModelSpec = seedanceProFast): SeedParseResult {
  let seed: bigint;
  if (typeof value === 'bigint') seed = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, code: 'invalid_type' };
    if (!Number.isInteger(value)) return { ok: false, code: 'not_integer' };
    if (!Number.isSafeInteger(value)) return { ok: false, code: value < 0 ? 'too_small' : 'unsafe_integer' };
    seed = BigInt(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (!DIGITS.test(text)) return { ok: false, code: /^-?\d*\.\d+$|^-?\d+(\.\d*)?e/i.test(text) ? 'not_integer' : 'invalid_type' };
    seed = BigInt(text);
  } else return { ok: false, code: 'invalid_type' };
  if (seed < spec.seed.min) return { ok: false, code: 'too_small' };
  if (seed > spec.seed.max) return { ok: false, code: 'too_big' };
  return { ok: true, seed: seed.toString() };
}

/** A random seed in the uint32 range, the range the provider itself draws from. */
export function randomSeed(spec: VideoModelSpec = seedanceProFast): SeedString {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return String((buf[0] ?? 0) % (spec.seed.randomMax + 1));
}

/**
 * The one place a `'random'` seed becomes a number. The client calls it before submitting, so
 * the seed is known (and shown) from the start, stored with the task for a resume, and sent as
 * a plain seed that the server and the request builder pass on as it is. Other inputs are
 * returned unchanged (an unset seed stays unset: the provider's own default).
 */
export function drawSeed<T extends { readonly seed?: SeedString | 'random' }>(input: T, spec: VideoModelSpec = seedanceProFast): T {
  return input?.seed === 'random' ? { ...input, seed: randomSeed(spec) } : input;
}
