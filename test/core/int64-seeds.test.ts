import {
  buildRunwareTask,
  parseJson,
  parseRunwareResponse,
  parseSeed,
  randomSeed,
  stringifyJson,
  validateGenerationInput,
} from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

const MAX = '9223372036854775807';
const base = { positivePrompt: 'a dancer on a rooftop', width: 864, height: 480 };

describe('int64 seeds', () => {
  it.each(['0', String(2 ** 53 + 1), '9007199254740993', MAX])('%s stays exact from input to the wire and back', (seed) => {
    const result = validateGenerationInput({ ...base, seed });
    expect(result.ok).toBe(true);
    expect(result.value!.seed).toBe(seed);
    const body = stringifyJson([buildRunwareTask(result.value!)]);
    expect(body).toContain(`"seed":${seed}`);
    const echoed = body.replace('"model"', '"videoUUID":"v1","videoURL":"https://x.test/v.mp4","model"');
    const parsed = parseRunwareResponse(`{"data":${echoed}}`);
    expect(parsed.data[0]).toMatchObject({ status: 'success', seed });
  });

  it('accepts a bigint or a safe number and keeps them as decimal text', () => {
    expect(validateGenerationInput({ ...base, seed: BigInt(MAX) }).value!.seed).toBe(MAX);
    expect(validateGenerationInput({ ...base, seed: 74606 }).value!.seed).toBe('74606');
  });

  it.each([
    ['9223372036854775808', 'too_big'],
    ['-1', 'too_small'],
    [-1, 'too_small'],
    [1.5, 'not_integer'],
    ['1.5', 'not_integer'],
    [2 ** 60, 'unsafe_integer'],
    ['12abc', 'invalid_type'],
    [true, 'invalid_type'],
    [{}, 'invalid_type'],
  ])('%s is refused with %s on path seed', (seed, code) => {
    const result = validateGenerationInput({ ...base, seed });
    expect(result.issues).toEqual([expect.objectContaining({ path: 'seed', code })]);
  });

  it('a missing seed stays missing in the task', () => {
    const task = buildRunwareTask(validateGenerationInput(base).value!);
    expect('seed' in task).toBe(false);
    expect(stringifyJson(task)).not.toContain('seed');
  });

  it('"random" draws a uint32 seed, injectable for tests', () => {
    const input = validateGenerationInput({ ...base, seed: 'random' }).value!;
    expect(buildRunwareTask(input, { randomSeed: () => '42' }).seed).toBe(42n);
    for (let i = 0; i < 200; i++) {
      const drawn = BigInt(randomSeed());
      expect(drawn >= 0n && drawn <= 4294967295n).toBe(true);
    }
  });

  it('parseSeed never goes through a float', () => {
    expect(parseSeed('  9223372036854775807 ')).toEqual({ ok: true, seed: MAX });
    expect(parseSeed('007')).toEqual({ ok: true, seed: '7' });
  });
});

describe('parseJson / stringifyJson', () => {
  it('parses unsafe integers as bigint and safe ones as number', () => {
    expect(parseJson('[9223372036854775807, 9007199254740991, -9007199254740993, 1.5, 1e3]')).toEqual([
      9223372036854775807n,
      9007199254740991,
      -9007199254740993n,
      1.5,
      1000,
    ]);
  });

  it('matches JSON.parse on ordinary documents', () => {
    const text = '{"a":[1,2,{"b":"x\\n\\u00e9\\ud83d\\ude00"}],"c":null,"d":true,"e":false,"f":-0.25e-2, "g" : "\\"\\\\\\/"}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it.each(['', '{', '[1,]', '{"a":1,}', '01', '"\u0001"', 'nul', '[1] x', '{"a" 1}', '"\\x"', '"\\u12"', '+1', '.5', 'NaN'])(
    'refuses %j with a position',
    (text) => {
      expect(() => parseJson(text)).toThrowError(/position \d+/);
    },
  );

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    expect(() => parseJson('['.repeat(100_000) + ']'.repeat(100_000))).toThrowError(/Nesting deeper than 64/);
    expect(parseJson('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]]);
    expect(() => parseJson('[[[1]]]', { maxDepth: 2 })).toThrowError(/Nesting/);
  });

  it('keeps __proto__ as plain data', () => {
    const value = parseJson('{"__proto__":{"polluted":true},"constructor":1}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it('stringifies like JSON.stringify, writing bigint bare', () => {
    const value = { a: 1, b: undefined, c: [undefined, () => 1, 'x'], d: { toJSON: () => 'D' }, e: NaN, big: 2n ** 63n - 1n };
    expect(stringifyJson(value)).toBe('{"a":1,"c":[null,null,"x"],"d":"D","e":null,"big":9223372036854775807}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stringifyJson(cyclic)).toThrowError(/circular/);
  });
});
