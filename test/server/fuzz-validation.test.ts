import { validateGenerationInput } from '@seedance-kit/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Entries, FIELD_VALUES, FIELDS, FRAME_CASES, frameImageOk, HUGE_FRAMES, inputBody, meaning, oddBody, oracle, validInput, type JsonNode } from './fuzz-generation-input.js';
import { fuzzSeed } from './fuzz-seed.js';

/**
 * Validation's accept/reject decision, and the fields it names, against an oracle written from
 * the spec (fuzz-generation-input.ts). Deterministic per seed; set FUZZ_SEED to replay a failure.
 */
const seed = fuzzSeed('fuzz-validation');
let cases = 0;
let accepted = 0;
afterAll(() => console.log(`fuzz-validation: ${cases} cases, ${accepted} valid (seed ${seed})`));

function check(value: unknown) {
  cases++;
  deepFreeze(value); // validation must not write to what it was given
  const expected = oracle(value, frameImageOk);
  const result = validateGenerationInput(value);
  const paths = new Set(result.ok ? [] : result.issues.map((i) => i.path));
  if (result.ok !== expected.ok || !sameSet(paths, expected.paths)) {
    throw new Error(`Oracle says ${describeVerdict(expected.ok, expected.paths)}, validation says ${describeVerdict(result.ok, paths)}${result.ok ? '' : `: ${JSON.stringify(result.issues.map((i) => `${i.path}:${i.code}`))}`}`);
  }
  if (!result.ok) {
    for (const issue of result.issues) expect(typeof issue.message === 'string' && issue.message.length > 0).toBe(true);
    return;
  }
  accepted++;
  // The typed value: the same fields minus unset ones, seeds as canonical decimal text.
  const raw = value as Record<string, unknown>;
  const want: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const v = raw[field];
    if (v === undefined || v === null) continue;
    want[field] = field === 'seed' && v !== 'random' ? BigInt(typeof v === 'string' ? v.trim() : (v as number | bigint)).toString() : v;
  }
  expect(result.value).toEqual(want);
}

function describeVerdict(ok: boolean, paths: ReadonlySet<string>): string {
  return ok ? 'valid' : `invalid at [${[...paths].map((p) => JSON.stringify(p)).join(', ')}]`;
}
function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
function deepFreeze(value: unknown) {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
}

/** Values a JavaScript caller (the React form) can hand over that JSON cannot carry. */
const jsOnly = fc.constantFrom<unknown>(undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 864n, 5n, () => 864, Symbol('x'), new Date(0), new Map([['a', 1]]), Object.create(null), [, 1], new Number(864), new String('a prompt'));

describe('validateGenerationInput against the spec oracle', () => {
  it('agrees on mutated inputs sent as JSON', () => {
    fc.assert(fc.property(inputBody, (body) => check(meaning(body))), { numRuns: 8_000, seed });
  }, 60_000);

  it('agrees on bodies that are not inputs at all', () => {
    fc.assert(fc.property(oddBody, (body) => check(meaning(body))), { numRuns: 600, seed });
  }, 60_000);

  it('agrees on values only JavaScript can send', () => {
    const withJsValues = fc.tuple(validInput, fc.array(fc.tuple(fc.constantFrom(...FIELDS, 'extra'), jsOnly), { minLength: 1, maxLength: 3 })).map(([entries, overrides]) => {
      const value = meaning(new Entries(entries)) as Record<string, unknown>;
      for (const [key, v] of overrides) Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
      return value;
    });
    fc.assert(fc.property(withJsValues, check), { numRuns: 2_000, seed });
  }, 60_000);

  it('agrees on every field value generator alone', () => {
    for (const [field, values] of Object.entries(FIELD_VALUES)) {
      fc.assert(
        fc.property(values, (v: JsonNode) => check(meaning(new Entries([['positivePrompt', 'A quiet harbour'], ['resolution', '480p'], [field, v]])))),
        { numRuns: 150, seed },
      );
    }
  });

  it('agrees on every labelled frame image, and at the 10 MB limit', () => {
    for (const frame of [...FRAME_CASES.map((c) => c.value), HUGE_FRAMES.atLimit, HUGE_FRAMES.overLimit]) {
      check({ positivePrompt: 'A quiet harbour', frameImage: frame });
      check({ positivePrompt: 'A quiet harbour', frameImage: frame, resolution: '1080p' });
    }
  });
});
