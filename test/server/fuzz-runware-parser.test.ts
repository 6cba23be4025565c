import { parseRunwareResponse, type RunwareResponse } from '@seedance-kit/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { anyJson, Deep, Entries, HOSTILE_KEYS, meaning, RawNumber, toJsonText, unicodeText, type JsonNode } from './fuzz-generation-input.js';
import { fuzzSeed } from './fuzz-seed.js';

/**
 * `parseRunwareResponse` on random and hostile answers: it never throws, and each item lands
 * where Runware's SDKs read it (test/fixtures/runware-answers.json): a result or a still-running
 * item in `data` (any status but `success`/`error`, with or without `taskType`/`taskUUID`), a
 * failure in `errors` (wherever Runware put it), only a wrongly typed field in `malformed`.
 */
const seed = fuzzSeed('fuzz-runware-parser');
let cases = 0;
afterAll(() => console.log(`fuzz-runware-parser: ${cases} cases (seed ${seed})`));

const INT64_MAX = 9223372036854775807n;
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

// ---------------------------------------------------------------------------------------------
// The oracle, from the SDKs' reading

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (o: Obj, key: string) => Object.hasOwn(o, key) && o[key] !== null && o[key] !== undefined;
const optional = (o: Obj, key: string, ok: (v: unknown) => boolean) => !present(o, key) || ok(o[key]);
const isString = (v: unknown): v is string => typeof v === 'string';
const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isSeed = (v: unknown) => (typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))) && BigInt(v as number | bigint) >= 0n && BigInt(v as number | bigint) <= INT64_MAX;
const truthy = (o: Obj, key: string) => present(o, key) && o[key] !== false && o[key] !== 0 && o[key] !== '';

/** The code of an error entry: its own when it is text, else `unknown` (as runware-sdk reads it). */
const entryCode = (v: Obj) => nonEmpty(v.code) ?? 'unknown';
/** `{error: true, errorId}` and a bare error string, from the older API. */
function legacyCode(flag: unknown, body: Obj): string | undefined {
  if (nonEmpty(flag)) return 'unknown';
  if (flag !== true && !present(body, 'errorId')) return undefined;
  return body.errorId === 19 ? 'invalidApiKey' : 'connectionError';
}

type Expected =
  | { readonly to: 'malformed' }
  | { readonly to: 'errors'; readonly code: string }
  | { readonly to: 'processing'; readonly progress?: number }
  | { readonly to: 'success'; readonly videoUUID: string; readonly videoURL: string; readonly seed?: string };

/** Where one `data` item belongs. */
function classify(v: unknown): Expected {
  if (!isObject(v)) return { to: 'malformed' };
  const typed =
    ['taskType', 'taskUUID', 'status', 'videoUUID', 'mediaUUID', 'videoURL', 'videoDataURI', 'videoBase64Data'].every((k) => optional(v, k, isString)) &&
    optional(v, 'progress', (p) => isNumber(p) && (p as number) >= 0 && (p as number) <= 100) &&
    optional(v, 'seed', isSeed) &&
    optional(v, 'cost', (c) => isNumber(c) && (c as number) >= 0) &&
    optional(v, 'NSFWContent', (b) => typeof b === 'boolean');
  if (!typed) return { to: 'malformed' };
  if (v.status === 'error' || truthy(v, 'error') || truthy(v, 'errorId')) {
    if (isObject(v.error)) return { to: 'errors', code: entryCode(v.error) };
    return { to: 'errors', code: nonEmpty(v.code) ?? legacyCode(v.error, v) ?? 'taskFailed' };
  }
  const base64 = nonEmpty(v.videoBase64Data);
  const videoURL = nonEmpty(v.videoURL) ?? nonEmpty(v.videoDataURI) ?? (base64 && `data:video/mp4;base64,${base64}`);
  if (videoURL) {
    const videoUUID = nonEmpty(v.videoUUID) ?? nonEmpty(v.mediaUUID) ?? videoURL;
    return { to: 'success', videoUUID, videoURL, ...(present(v, 'seed') && { seed: BigInt(v.seed as number | bigint).toString() }) };
  }
  if (v.status === 'success') return { to: 'errors', code: 'resultWithoutVideo' };
  return { to: 'processing', ...(present(v, 'progress') && { progress: v.progress as number }) };
}

function expectParsed(text: string, value: unknown, parsedOk: boolean, result: RunwareResponse) {
  for (const m of result.malformed) expect(typeof m.reason === 'string' && m.reason.length > 0).toBe(true);
  if (!parsedOk || !isObject(value)) {
    expect(result).toMatchObject({ data: [], errors: [], malformed: [{ where: 'body' }] });
    return;
  }
  let items: unknown[] = [];
  let errorItems: unknown[] = [];
  const errorCodes: string[] = [];
  const bodyMalformed: { where: string; index?: number }[] = [];
  const envelope = present(value, 'data') || present(value, 'errors') || present(value, 'error');
  if (!envelope) {
    if (present(value, 'taskUUID')) items = [value];
  } else {
    if (present(value, 'data')) {
      if (Array.isArray(value.data)) items = value.data;
      else bodyMalformed.push({ where: 'body' });
    }
    if (present(value, 'errors')) errorItems = Array.isArray(value.errors) ? value.errors : [value.errors];
    if (present(value, 'error')) {
      for (const e of Array.isArray(value.error) ? value.error : [value.error]) {
        const code = isObject(e) ? entryCode(e) : legacyCode(e, value);
        if (code !== undefined) errorCodes.push(code);
      }
    }
  }
  const expected = items.map(classify);
  const data = expected.filter((e) => e.to === 'processing' || e.to === 'success');
  expect(result.data).toHaveLength(data.length);
  data.forEach((e, i) => {
    const got = result.data[i]!;
    expect(got.status).toBe(e.to);
    if (e.to === 'success' && got.status === 'success') {
      expect(got.videoUUID).toBe(e.videoUUID);
      expect(got.videoURL).toBe(e.videoURL);
      expect(got.seed).toBe(e.seed); // int64 exact, as decimal text
    }
    if (e.to === 'processing' && got.status === 'processing') expect(got.progress).toBe(e.progress);
  });
  expect(result.errors.map((e) => e.code)).toEqual([
    ...expected.flatMap((e) => (e.to === 'errors' ? [e.code] : [])),
    ...errorItems.filter(isObject).map(entryCode),
    ...errorCodes,
  ]);
  const malformed = [
    ...expected.flatMap((e, index) => (e.to === 'malformed' ? [{ where: 'data', index }] : [])),
    ...bodyMalformed,
    ...errorItems.flatMap((e, index) => (isObject(e) ? [] : [{ where: 'errors', index }])),
  ];
  expect(result.malformed.map(({ where, index }) => ({ where, ...(index !== undefined && { index }) }))).toEqual(malformed);
  // Whatever came in, what goes out is ordinary data: no borrowed prototype answers for a missing field.
  for (const out of [...result.data, ...result.errors, ...result.malformed]) {
    const proto = Object.getPrototypeOf(out);
    if (proto !== Object.prototype && proto !== null) throw new Error(`An output object has a foreign prototype: ${text.slice(0, 200)}`);
  }
}

function check(text: string, node?: JsonNode) {
  cases++;
  let result: RunwareResponse;
  try {
    result = parseRunwareResponse(text);
  } catch (error) {
    throw new Error(`parseRunwareResponse threw ${String(error)} on ${JSON.stringify(text.slice(0, 200))}`);
  }
  let parsedOk = true;
  try {
    JSON.parse(text);
  } catch {
    parsedOk = false;
  }
  // Nesting past the parser's documented limit (64) is refused like broken JSON.
  if (parsedOk && nestingOf(text) > 64) parsedOk = false;
  // The spec's int64 rule: read the value from the model when there is one (JSON.parse rounds big integers).
  expectParsed(text, node === undefined ? (parsedOk ? JSON.parse(text) : undefined) : meaning(node), parsedOk, result);
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Obj).polluted !== undefined) {
    throw new Error(`Object.prototype was changed by ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/** How deep arrays and objects nest in JSON text (brackets inside strings do not count). */
function nestingOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

// ---------------------------------------------------------------------------------------------
// Generators: plausible items with each field sometimes wrong, inside plausible envelopes

const uuidish = fc.oneof(fc.uuid(), unicodeText(10), fc.constant(''));
const maybe = <T extends JsonNode>(arb: fc.Arbitrary<T>, wrong: fc.Arbitrary<JsonNode> = anyJson(1)) =>
  fc.oneof({ weight: 4, arbitrary: arb.map((v): JsonNode | undefined => v) }, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: wrong.map((v): JsonNode | undefined => v) });
const seedNode = fc.oneof(
  fc.bigInt(0n, INT64_MAX).map((n) => new RawNumber(n.toString())),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.constantFrom<JsonNode>(new RawNumber('9223372036854775807'), new RawNumber('9223372036854775808'), new RawNumber('-1'), new RawNumber('1e19'), new RawNumber('74606.0'), '74606', 1.5),
);

const item: fc.Arbitrary<JsonNode> = fc
  .record({
    taskType: maybe(fc.constantFrom('videoInference', 'getResponse'), fc.constantFrom<JsonNode>(1, null)),
    taskUUID: maybe(uuidish, fc.constantFrom<JsonNode>(5, null, [])),
    status: maybe(fc.constantFrom('processing', 'success', 'error', 'queued', 'pending', 'scheduled', 'waiting', 'warming'), fc.constantFrom<JsonNode>('done', 'SUCCESS', '', 0)),
    progress: maybe(fc.integer({ min: 0, max: 100 }), fc.constantFrom<JsonNode>(-1, 101, 50.5, new RawNumber('1e400'), '50')),
    videoUUID: maybe(uuidish, fc.constantFrom<JsonNode>(7, null)),
    videoURL: maybe(fc.constantFrom('https://vm.runware.ai/video/a.mp4', 'http://127.0.0.1:9/files/x.webm', ''), fc.constantFrom<JsonNode>(false, [])),
    seed: maybe(seedNode),
    cost: maybe(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom<JsonNode>(-0.01, new RawNumber('1e400'), '0.03')),
    NSFWContent: maybe(fc.boolean(), fc.constantFrom<JsonNode>('false', 0)),
    code: maybe(fc.constantFrom('taskFailed', 'timeoutProvider', 'contentPolicyViolation'), fc.constantFrom<JsonNode>(1, null)),
    message: maybe(unicodeText(20)),
    parameter: maybe(fc.oneof(fc.constant('positivePrompt'), fc.constant<JsonNode>(['width', 'height'])), fc.constantFrom<JsonNode>([1], 2)),
    extra: fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), anyJson(2)), { maxLength: 2 }),
  })
  .map(({ extra, ...fields }) => new Entries([...Object.entries(fields).filter((e): e is [string, JsonNode] => e[1] !== undefined), ...extra]));

const errorEntry: fc.Arbitrary<JsonNode> = fc
  .record({
    code: maybe(fc.constantFrom('invalidPositivePrompt', 'insufficientCredits', 'queueFull'), fc.constantFrom<JsonNode>(400, null)),
    message: maybe(unicodeText(20)),
    parameter: maybe(fc.oneof(fc.constant('positivePrompt'), fc.constant<JsonNode>(['width', 'height'])), fc.constantFrom<JsonNode>([1], 2)),
    taskUUID: maybe(uuidish),
    min: maybe(fc.oneof(fc.integer(), fc.constant<JsonNode>(new RawNumber('9223372036854775807')))),
    allowedValues: maybe(fc.array(anyJson(1), { maxLength: 3 }), fc.constantFrom<JsonNode>('MP4', 1)),
    extra: fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), anyJson(2)), { maxLength: 2 }),
  })
  .map(({ extra, ...fields }) => new Entries([...Object.entries(fields).filter((e): e is [string, JsonNode] => e[1] !== undefined), ...extra]));

const envelope: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ data: fc.option(fc.array(item, { maxLength: 5 }), { nil: undefined }), errors: fc.option(fc.array(errorEntry, { maxLength: 3 }), { nil: undefined }) }).map(({ data, errors }) => new Entries([...(data ? [['data', data] as [string, JsonNode]] : []), ...(errors ? [['errors', errors] as [string, JsonNode]] : [])])) },
  { weight: 2, arbitrary: item }, // a webhook's flat result
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('data', 'errors', '__proto__'), anyJson(2)).map(([k, v]) => new Entries([[k, v]])) },
  { weight: 1, arbitrary: anyJson(3) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>(new Entries([['__proto__', new Entries([['data', []]])]]), new Entries([['data', null]]), [new Entries([['taskUUID', 'x']])], new Deep(200, null), new Deep(10, new Entries([['data', []]]))) },
);

describe('parseRunwareResponse on random answers', () => {
  it('files every item where the documented shapes say, and never throws', () => {
    fc.assert(fc.property(envelope, (node) => check(toJsonText(node), node)), { numRuns: 5_000, seed });
  }, 60_000);

  it('reports any text that is not JSON as a malformed body', () => {
    const text = fc.oneof(
      unicodeText(60),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }),
      envelope.chain((node) => {
        const full = toJsonText(node);
        return fc.integer({ min: 0, max: Math.max(0, full.length - 1) }).map((cut) => full.slice(0, cut));
      }),
      fc.constantFrom('', ' ', '{', '{"data":[}', 'null', 'NaN', '{"data":[1,]}', "{'data':[]}", '\ufeff{}', '{"data":[]}garbage', '{"data":"\\ud800"}', '{"a":"\\uZZZZ"}'),
    );
    fc.assert(fc.property(text, (t) => check(t)), { numRuns: 3_000, seed });
  }, 60_000);

  it('keeps int64 seeds exact at the edges', () => {
    for (const seedText of ['0', '1', '9007199254740991', '9007199254740992', '9007199254740993', '9223372036854775806', '9223372036854775807']) {
      const node = new Entries([['data', [new Entries([['taskType', 'videoInference'], ['taskUUID', 't'], ['videoUUID', 'v'], ['videoURL', 'https://x/v.mp4'], ['seed', new RawNumber(seedText)]])]]]);
      const text = toJsonText(node);
      check(text, node);
      expect(parseRunwareResponse(text).data[0]).toMatchObject({ status: 'success', seed: seedText });
    }
    const over = parseRunwareResponse('{"taskType":"videoInference","taskUUID":"t","videoUUID":"v","videoURL":"https://x","seed":9223372036854775808}');
    expect(over.data).toEqual([]);
    expect(over.malformed).toMatchObject([{ where: 'data', index: 0 }]);
  });
});
