/**
 * Shared by the fuzz suites: a model of JSON bodies (so a test can write text that
 * `JSON.stringify` cannot, such as `864.0`, exact int64 integers, duplicate and `__proto__`
 * keys), hostile generators for every field of a generation input, a pool of frame images with
 * known verdicts, and an oracle: which fields a body breaks, written from the spec's data
 * (`seedanceProFast` and SPEC.md) without calling the code under test.
 */
import { readFileSync } from 'node:fs';
import { seedanceProFast as spec } from '@seedance-kit/core';
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// JSON bodies as data

/** A JSON number written exactly as given, e.g. `864.0` or `9223372036854775807`. */
export class RawNumber {
  constructor(readonly text: string) {}
}
/** A JSON object as written: keys in order, duplicates and `__proto__` allowed. */
export class Entries {
  constructor(readonly entries: readonly (readonly [string, JsonNode])[]) {}
}
/** `depth` levels of `[…]` and `{"x":…}` around `inner`, built without recursion (thousands deep). */
export class Deep {
  constructor(
    readonly depth: number,
    readonly inner: JsonNode,
  ) {}
}
export type JsonNode = null | boolean | number | bigint | string | RawNumber | Entries | Deep | readonly JsonNode[];

const INTEGER_TEXT = /^-?(?:0|[1-9]\d*)$/;

/** The body text. Strings go through `JSON.stringify`, which escapes lone surrogates as `\udXXX`. */
export function toJsonText(node: JsonNode): string {
  if (node === null) return 'null';
  if (node instanceof RawNumber) return node.text;
  if (node instanceof Deep) {
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < node.depth; i++) {
      open.push(i % 2 === 0 ? '{"x":' : '[');
      close.push(i % 2 === 0 ? '}' : ']');
    }
    return `${open.join('')}${toJsonText(node.inner)}${close.reverse().join('')}`;
  }
  if (node instanceof Entries) return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${toJsonText(value)}`).join(',')}}`;
  if (Array.isArray(node)) return `[${node.map(toJsonText).join(',')}]`;
  switch (typeof node) {
    case 'bigint':
      return node.toString();
    case 'number':
      if (!Number.isFinite(node)) throw new TypeError('JSON has no non-finite numbers');
      return JSON.stringify(node);
    default:
      return JSON.stringify(node);
  }
}

/**
 * What the text means, read the int64-safe way the spec asks for: an integer too big for a
 * double is a bigint, every other number a double; the last of duplicate keys wins; `__proto__`
 * is an ordinary key (`Object.fromEntries` defines it, never sets a prototype).
 */
export function meaning(node: JsonNode): unknown {
  if (node === null) return null;
  if (node instanceof RawNumber) {
    const value = Number(node.text);
    return INTEGER_TEXT.test(node.text) && !Number.isSafeInteger(value) ? BigInt(node.text) : value;
  }
  if (node instanceof Deep) {
    let value = meaning(node.inner);
    for (let i = node.depth - 1; i >= 0; i--) value = i % 2 === 0 ? { x: value } : [value];
    return value;
  }
  if (node instanceof Entries) return Object.fromEntries(node.entries.map(([key, value]) => [key, meaning(value)]));
  if (Array.isArray(node)) return node.map(meaning);
  // A double or bigint means what its JSON text means: 2^60 written out is an exact integer.
  if (typeof node === 'bigint' || typeof node === 'number') return meaning(new RawNumber(toJsonText(node)));
  return node;
}

// ---------------------------------------------------------------------------------------------
// The spec, as the oracle reads it

/** Every field a browser may send (SPEC.md's task table, flattened). */
export const FIELDS = [
  'positivePrompt',
  'width',
  'height',
  'resolution',
  'duration',
  'seed',
  'numberResults',
  'outputFormat',
  'outputQuality',
  'cameraFixed',
  'frameImage',
  'checkContent',
  'safetyMode',
] as const;
export type Field = (typeof FIELDS)[number];

/** Runware fields only the server decides (SPEC.md): a body carrying one is refused. */
export const SERVER_ONLY = ['taskType', 'taskUUID', 'model', 'webhookURL', 'uploadEndpoint', 'ttl', 'includeCost', 'deliveryMethod', 'outputType'] as const;

const INT64_MAX = 9223372036854775807n;
const codePoints = (text: string) => [...text].length; // lone surrogates count one each, like Python's len()
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const inRange = (v: number, r: { readonly min: number; readonly max: number }) => v >= r.min && v <= r.max;
const onStep = (v: number, step: number) => Math.abs(v / step - Math.round(v / step)) < 1e-7;

function seedOk(v: unknown): boolean {
  if (v === 'random') return true;
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return false;
    n = BigInt(v);
  } else if (typeof v === 'string') {
    const text = v.trim();
    if (!/^-?[0-9]+$/.test(text)) return false;
    n = BigInt(text);
  } else return false;
  return n >= 0n && n <= INT64_MAX;
}

/** Whether one field's value is acceptable on its own (null and absent are "unset", checked elsewhere). */
function fieldOk(field: Field, v: unknown): boolean {
  switch (field) {
    case 'positivePrompt':
      return typeof v === 'string' && inRange(codePoints(v), { min: spec.positivePrompt.minLength, max: spec.positivePrompt.maxLength }) && !/^[\s\p{Cc}\p{Cf}\p{Z}]*$/u.test(v);
    case 'width':
    case 'height':
      return isWhole(v) && v >= 1;
    case 'resolution':
      return (spec.resolutions as readonly unknown[]).includes(v);
    case 'duration':
      return typeof v === 'number' && Number.isFinite(v) && inRange(v, spec.duration) && onStep(v, spec.duration.step);
    case 'seed':
      return seedOk(v);
    case 'numberResults':
      return isWhole(v) && inRange(v, spec.numberResults);
    case 'outputFormat':
      return (spec.outputFormat.values as readonly unknown[]).includes(v);
    case 'outputQuality':
      return isWhole(v) && inRange(v, spec.outputQuality);
    case 'cameraFixed':
    case 'checkContent':
      return typeof v === 'boolean';
    case 'safetyMode':
      return (spec.safety.modes as readonly unknown[]).includes(v);
    case 'frameImage':
      return typeof v === 'string';
  }
}

export interface Verdict {
  readonly ok: boolean;
  /** The fields a refusal must name, exactly ('' = the body as a whole). */
  readonly paths: ReadonlySet<string>;
}

/**
 * The spec's verdict on a value handed to validation. Each field is judged on its own; the
 * rules between fields (SPEC.md "Dimensions, resolution, frames") only among fields that passed,
 * so one mistake is named once:
 * - width and height come together (the missing one is named) and form a supported pair (else `width`);
 * - resolution never with width or height (`resolution` is named);
 * - some way to fix the size: a frame image, a resolution, or both sides (else `width`);
 * - a frame image's content (form, type, bytes, sides) is judged by `frameImageOk`; a string of
 *   any content still counts as "a frame image was given".
 */
export function oracle(input: unknown, frameImageOk: (value: string) => boolean): Verdict {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, paths: new Set(['']) };
  const raw = input as Record<string, unknown>;
  const bad = new Set<string>();
  for (const key of Object.keys(raw)) if (!(FIELDS as readonly string[]).includes(key)) bad.add(key);

  const set = (f: Field) => raw[f] !== undefined && raw[f] !== null;
  const good = new Map<Field, unknown>();
  for (const f of FIELDS) {
    if (f === 'positivePrompt') {
      if (!fieldOk(f, raw[f])) bad.add(f);
      continue;
    }
    if (!set(f)) continue;
    if (fieldOk(f, raw[f])) good.set(f, raw[f]);
    else bad.add(f);
  }

  const width = good.get('width') as number | undefined;
  const height = good.get('height') as number | undefined;
  if (!bad.has('width') && !bad.has('height')) {
    if (width !== undefined && height === undefined) bad.add('height');
    else if (height !== undefined && width === undefined) bad.add('width');
    else if (width !== undefined && height !== undefined && !spec.dimensions.some((d) => d.width === width && d.height === height)) bad.add('width');
  }
  if (good.has('resolution') && (width !== undefined || height !== undefined)) bad.add('resolution');
  const sized = good.has('frameImage') || good.has('resolution') || (width !== undefined && height !== undefined);
  const sizeBad = (['width', 'height', 'resolution', 'frameImage'] as const).some((f) => bad.has(f));
  if (!sized && !sizeBad && width === undefined && height === undefined) bad.add('width');
  const frame = good.get('frameImage');
  if (typeof frame === 'string' && !frameImageOk(frame)) bad.add('frameImage');
  return { ok: bad.size === 0, paths: bad };
}

// ---------------------------------------------------------------------------------------------
// Frame images with known verdicts (spec: PNG, JPEG or WEBP; sides 300–6000; at most 10 MB; an
// uploaded image's UUID, an http(s) URL with a host, a base64 data URI or raw base64)

const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A PNG that is only its signature and IHDR: enough for a header check, nothing to decode. */
export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

/** A data URI of a PNG header followed by zero bytes, decoding to exactly `bytes` bytes. */
export function pngDataUriOfSize(bytes: number): string {
  const head = b64(pngHeader(640, 360)); // 33 bytes, 44 characters, no padding
  const rest = bytes - 33;
  const groups = Math.floor(rest / 3);
  const tail = ['', 'AA==', 'AAA='][rest % 3]!;
  return `data:image/png;base64,${head}${'A'.repeat(groups * 4)}${tail}`;
}

export interface FrameCase {
  readonly label: string;
  readonly value: string;
  readonly ok: boolean;
}

const PNG = fixture('frame-640x360.png');
const JPEG = fixture('frame-640x360.jpg');
const GIF = fixture('other-320x240.gif');

export const FRAME_CASES: readonly FrameCase[] = [
  { label: 'png data URI', value: `data:image/png;base64,${b64(PNG)}`, ok: true },
  { label: 'jpeg data URI', value: `data:image/jpeg;base64,${b64(JPEG)}`, ok: true },
  { label: 'image/jpg alias', value: `data:image/jpg;base64,${b64(JPEG)}`, ok: true },
  { label: 'upper-case media type', value: `data:IMAGE/PNG;base64,${b64(PNG)}`, ok: true },
  { label: 'media type parameter', value: `data:image/png;name=frame.png;base64,${b64(pngHeader(640, 360))}`, ok: true },
  { label: 'progressive jpeg', value: `data:image/jpeg;base64,${b64(fixture('frame-640x360-progressive.jpg'))}`, ok: true },
  { label: 'exif jpeg', value: `data:image/jpeg;base64,${b64(fixture('frame-640x360-exif.jpg'))}`, ok: true },
  { label: 'webp vp8', value: `data:image/webp;base64,${b64(fixture('frame-640x360-vp8.webp'))}`, ok: true },
  { label: 'webp vp8l 401x303', value: `data:image/webp;base64,${b64(fixture('frame-401x303-vp8l.webp'))}`, ok: true },
  { label: 'webp vp8x', value: `data:image/webp;base64,${b64(fixture('frame-500x320-vp8x.webp'))}`, ok: true },
  { label: 'raw base64 png', value: b64(PNG), ok: true },
  { label: 'raw base64 jpeg', value: b64(JPEG), ok: true },
  { label: 'header-only png 300x300', value: `data:image/png;base64,${b64(pngHeader(300, 300))}`, ok: true },
  { label: 'header-only png 6000x300', value: `data:image/png;base64,${b64(pngHeader(6000, 300))}`, ok: true },
  { label: 'upload uuid', value: 'aac49721-1964-481a-ae78-8a4e29b91402', ok: true },
  { label: 'upload uuid upper-case', value: 'AAC49721-1964-481A-AE78-8A4E29B91402', ok: true },
  { label: 'https url', value: 'https://example.com/frames/first.png?size=large#x', ok: true },
  { label: 'http url', value: 'http://example.com', ok: true },
  // Lies and wrong types
  { label: 'png that says jpeg', value: `data:image/jpeg;base64,${b64(PNG)}`, ok: false },
  { label: 'jpeg that says png', value: `data:image/png;base64,${b64(JPEG)}`, ok: false },
  { label: 'png that says webp', value: `data:image/webp;base64,${b64(PNG)}`, ok: false },
  { label: 'gif that says png', value: `data:image/png;base64,${b64(GIF)}`, ok: false },
  { label: 'gif', value: `data:image/gif;base64,${b64(GIF)}`, ok: false },
  { label: 'raw gif', value: b64(GIF), ok: false },
  { label: 'bmp', value: `data:image/bmp;base64,${b64(fixture('other-32x32.bmp'))}`, ok: false },
  { label: 'svg', value: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`, ok: false },
  { label: 'text as image', value: `data:image/png;base64,${Buffer.from('not an image at all').toString('base64')}`, ok: false },
  { label: 'text/plain data URI', value: `data:text/plain;base64,${b64(PNG)}`, ok: false },
  // Sides and size
  { label: 'side 299', value: `data:image/png;base64,${b64(fixture('small-299x400.png'))}`, ok: false },
  { label: 'side 6001', value: `data:image/png;base64,${b64(pngHeader(6001, 400))}`, ok: false },
  { label: 'sides 7000x7000', value: `data:image/png;base64,${b64(pngHeader(7000, 7000))}`, ok: false },
  { label: 'sides 0x0', value: `data:image/png;base64,${b64(pngHeader(0, 0))}`, ok: false },
  { label: 'sides 2^32-1', value: `data:image/png;base64,${b64(pngHeader(0xffffffff, 0xffffffff))}`, ok: false },
  { label: 'cut-short png', value: `data:image/png;base64,${b64(PNG.subarray(0, 12))}`, ok: false },
  // Form
  { label: 'empty', value: '', ok: false },
  { label: 'empty data URI payload', value: 'data:image/png;base64,', ok: false },
  { label: 'not base64', value: 'data:image/png;base64,@@@@', ok: false },
  { label: 'url-safe alphabet', value: `data:image/png;base64,${b64(PNG).replace(/\+/g, '-').replace(/\//g, '_')}`, ok: false },
  { label: 'line breaks in base64', value: `data:image/png;base64,${b64(PNG).replace(/(.{76})/g, '$1\n')}`, ok: false },
  { label: 'leading space', value: ` data:image/png;base64,${b64(PNG)}`, ok: false },
  { label: 'trailing newline', value: `https://example.com/a.png\n`, ok: false },
  { label: 'no host', value: 'https:///frame.png', ok: false },
  { label: 'backslashes', value: 'https:\\\\example.com\\a.png', ok: false },
  { label: 'space in host', value: 'https://exa mple.com/a.png', ok: false },
  { label: 'ftp', value: 'ftp://example.com/a.png', ok: false },
  { label: 'javascript', value: 'javascript:alert(1)', ok: false },
  { label: 'file', value: 'file:///etc/passwd', ok: false },
  { label: 'protocol-relative', value: '//example.com/a.png', ok: false },
  { label: 'relative path', value: 'photos/cat', ok: false },
  { label: 'uuid with braces', value: '{aac49721-1964-481a-ae78-8a4e29b91402}', ok: false },
];

const FRAME_VERDICTS = new Map(FRAME_CASES.map((c) => [c.value, c.ok]));

/** Decoded bytes: 10 MB is the limit, inclusive. These are 13 MB strings: made once, used sparingly. */
export const HUGE_FRAMES = {
  atLimit: pngDataUriOfSize(spec.frameImages.maxBytes),
  overLimit: pngDataUriOfSize(spec.frameImages.maxBytes + 1),
};
FRAME_VERDICTS.set(HUGE_FRAMES.atLimit, true);
FRAME_VERDICTS.set(HUGE_FRAMES.overLimit, false);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JUNK_MARK = '\u0021'; // '!': in no base64 alphabet, starts no URL, UUID or data URI

/**
 * The verdict on a frame image: from the labelled pool; else by form alone, since a random
 * string is never image data: an uploaded image's UUID, or an http(s) URL with a host and no
 * whitespace or control characters (read by the platform's URL parser), is valid; anything
 * else is not. A string that looks like image data but is not in the pool has no verdict.
 */
export function frameImageOk(value: string): boolean {
  const known = FRAME_VERDICTS.get(value);
  if (known !== undefined) return known;
  if (UUID.test(value)) return true;
  if (/^https?:\/\//i.test(value)) {
    if (/[\s\u0000-\u001f\u007f]/.test(value) || /^https?:\/\/[/\\?#]/i.test(value) || /^https?:\/\/$/i.test(value)) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }
  if (value.includes(JUNK_MARK)) return false;
  if (/^data:/i.test(value) || (/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) && looksLikeImage(value))) {
    throw new Error(`No verdict for the frame image ${JSON.stringify(value.slice(0, 80))}`);
  }
  return false;
}

/** Whether base64 text starts with the bytes of an image signature. */
function looksLikeImage(base64: string): boolean {
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  return starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x52, 0x49, 0x46, 0x46) || starts(0x47, 0x49, 0x46) || starts(0x42, 0x4d) || starts(0x49, 0x49) || starts(0x4d, 0x4d);
}

// ---------------------------------------------------------------------------------------------
// Generators

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const TRICKY = fc.constantFrom(
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\u200f', // right-to-left mark
  '\u202e', // right-to-left override
  '\u0301', // combining acute
  '\ufeff', // BOM as a character
  '\u00a0', // no-break space
  '\u2028', // line separator
  '\u0000',
  '👨‍👩‍👧',
  '👍🏽',
  '🇺🇳',
  'é',
  'e\u0301',
  'عربى',
  'עברית',
  '中文',
  '"',
  '\\',
  '</script>',
);
/** Unicode with the awkward parts overrepresented: lone surrogates, joiners, marks, RTL, emoji. */
export const unicodeText = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: TRICKY }, { weight: 1, arbitrary: LONE_SURROGATE }), maxLength });

const validPrompt = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 2, maxLength: 120 }).filter((s) => !/^[\s\p{Cc}\p{Cf}\p{Z}]*$/u.test(s) && codePoints(s) >= 2) },
  { weight: 3, arbitrary: unicodeText(200).filter((s) => !/^[\s\p{Cc}\p{Cf}\p{Z}]*$/u.test(s) && codePoints(s) >= 2 && codePoints(s) <= 3000) },
  { weight: 1, arbitrary: fc.constantFrom('ab', 'x'.repeat(3000), '😀'.repeat(3000), 'é'.repeat(3000), `${'a'.repeat(2998)}👍🏽`, `\ud800${'b'.repeat(2999)}`) },
);
const badPrompt = fc.oneof(
  fc.constantFrom('', 'a', '😀', '\ud800', ' ', '  ', '\t\n', '\u00a0\u00a0\u2028', '\u3000\u3000', 'x'.repeat(3001), '😀'.repeat(3001), `${'a'.repeat(2999)}👍🏽`),
  fc.constantFrom<JsonNode>(null, 0, 1, true, false, [], new Entries([]), ['a prompt'], new Entries([['text', 'a prompt']])),
);

const DIMENSION_PAIRS = spec.dimensions.map((d) => [d.width, d.height] as const);
const sideValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...spec.dimensions.flatMap((d) => [d.width, d.height])) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 5000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<JsonNode>(
      0,
      -1,
      1248,
      704,
      864.5,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
      new RawNumber('9007199254740993'),
      new RawNumber('864.0'),
      new RawNumber('8.64e2'),
      new RawNumber('-0'),
      new RawNumber('1e400'),
      '864',
      '',
      true,
      [864],
      new Entries([['value', 864]]),
    ),
  },
);
const resolutionValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...spec.resolutions) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>('720p', '480P', '1080', ' 480p', '', 480, ['480p']) },
);
const durationValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 12, max: 120 }).map((k) => k / 10) },
  { weight: 2, arbitrary: fc.double({ min: -20, max: 40, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 12, max: 120 }).map((k) => k / 10 + 1e-12) },
  { weight: 1, arbitrary: fc.integer({ min: 12, max: 120 }).map((k) => k / 10 + 1e-4) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<JsonNode>(1.1, 1.15, 12.1, 12.05, 0, -5, 1e308, 5e-324, new RawNumber('5.0'), new RawNumber('1.2e0'), new RawNumber('1.2000000000000001'), new RawNumber('12E0'), '5', true),
  },
);
const seedValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt(0n, INT64_MAX).map((n) => n.toString()) },
  { weight: 2, arbitrary: fc.bigInt(0n, INT64_MAX) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 31 }) },
  { weight: 1, arbitrary: fc.bigInt(-(2n ** 70n), 2n ** 70n).map((n) => n.toString()) },
  { weight: 1, arbitrary: fc.bigInt(-(2n ** 70n), 2n ** 70n) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<JsonNode>(
      'random',
      'RANDOM',
      ' random',
      '0',
      '-0',
      '007',
      ' 42 ',
      '\u00a042\u00a0',
      '9223372036854775807',
      '9223372036854775808',
      '18446744073709551615',
      '-1',
      '+5',
      '1.5',
      '1e5',
      '0x10',
      '٤٢', // Arabic-Indic digits
      '',
      new RawNumber('9223372036854775807'),
      new RawNumber('9223372036854775808'),
      new RawNumber('9007199254740993'),
      new RawNumber('9223372036854775807.0'),
      new RawNumber('1e19'),
      new RawNumber('42.0'),
      new RawNumber('-0'),
      -1,
      1.5,
      Number.MAX_SAFE_INTEGER,
      true,
      [1],
    ),
  },
);
const numberResultsValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>(0, 5, -1, 2.5, '2', new RawNumber('4.0'), new RawNumber('1e0'), 2 ** 53, false) },
);
const outputFormatValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...spec.outputFormat.values) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>('mp4', 'MKV', 'GIF', '', ' MP4', 1) },
);
const outputQualityValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 99 }) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>(19, 100, 0, 50.5, '50', new RawNumber('99.0'), -20) },
);
const booleanValue: fc.Arbitrary<JsonNode> = fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom<JsonNode>('true', 1, 0, 'false') });
const safetyModeValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...spec.safety.modes) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>('NONE', 'strict', '', 'off', 1) },
);
const safeFrames = FRAME_CASES.map((c) => c.value);
const frameImageValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...safeFrames) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z]{2,5}){1,2}$/), fc.stringMatching(/^[a-z0-9/._-]{0,30}$/)).map(([host, path]) => `https://${host}/${path}`) },
  { weight: 1, arbitrary: unicodeText(40).map((s) => `${JUNK_MARK}${s}`) },
  { weight: 1, arbitrary: fc.constantFrom<JsonNode>(0, true, [], new Entries([['image', safeFrames[0]!]]), [safeFrames[0]!]) },
);

/** A valid value for each field, mostly; sometimes a wrong one of the right flavour. */
export const FIELD_VALUES: Readonly<Record<Exclude<Field, 'positivePrompt'>, fc.Arbitrary<JsonNode>>> = {
  width: sideValue,
  height: sideValue,
  resolution: resolutionValue,
  duration: durationValue,
  seed: seedValue,
  numberResults: numberResultsValue,
  outputFormat: outputFormatValue,
  outputQuality: outputQualityValue,
  cameraFixed: booleanValue,
  checkContent: booleanValue,
  safetyMode: safetyModeValue,
  frameImage: frameImageValue,
};

/** Any JSON at all, up to `depth` deep, with unicode keys and hostile scalars. */
export const anyJson = (depth: number): fc.Arbitrary<JsonNode> =>
  fc.letrec<{ node: JsonNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      fc.constantFrom<JsonNode>(null, true, false, 0, -0, 1e308, -1e-308, new RawNumber('9223372036854775808'), new RawNumber('1E+2')),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.bigInt(),
      unicodeText(30),
      fc.array(tie('node'), { maxLength: 5 }),
      fc.array(fc.tuple(fc.oneof(unicodeText(12), fc.constantFrom(...HOSTILE_KEYS)), tie('node')), { maxLength: 5 }).map((e) => new Entries(e)),
    ),
  })).node;

/** Keys that attack objects, plus near-misses of real field names. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'polluted',
  '',
  ' positivePrompt',
  'PositivePrompt',
  'positive_prompt',
  'frameImages',
  'inputs',
  'safety',
  'providerSettings',
  'bytedance',
  'numberResult',
  'width\u200b',
] as const;

/** What an attacker puts under `__proto__` or `constructor`. */
const POLLUTION: fc.Arbitrary<JsonNode> = fc.constantFrom<JsonNode>(
  new Entries([
    ['polluted', true],
    ['isAdmin', true],
    ['positivePrompt', 'injected'],
  ]),
  new Entries([['prototype', new Entries([['polluted', true]])]]),
  new Entries([['__proto__', new Entries([['polluted', true]])]]),
  [new Entries([['polluted', true]])],
  'polluted',
);

const serverOnlyValue: fc.Arbitrary<JsonNode> = fc.constantFrom<JsonNode>(
  'videoInference',
  'bytedance:2@2',
  '6f1c7a52-3d1e-4a8e-9c1b-2a7d5e9f0b13',
  'https://evil.example/hook',
  60,
  false,
  'async',
  'URL',
  null,
);

/** A valid input: one way of fixing the size, a valid prompt, some optional fields. */
export const validInput: fc.Arbitrary<[string, JsonNode][]> = fc
  .record({
    prompt: validPrompt,
    size: fc.oneof(
      fc.constantFrom(...DIMENSION_PAIRS).map(([w, h]): [string, JsonNode][] => [
        ['width', w],
        ['height', h],
      ]),
      fc.constantFrom(...spec.resolutions).map((r): [string, JsonNode][] => [['resolution', r]]),
      fc.constantFrom(...FRAME_CASES.filter((c) => c.ok).map((c) => c.value)).map((f): [string, JsonNode][] => [['frameImage', f]]),
    ),
    duration: fc.option(fc.integer({ min: 12, max: 120 }).map((k) => k / 10), { nil: undefined }),
    seed: fc.option(fc.oneof(fc.constant('random'), fc.bigInt(0n, INT64_MAX).map(String), fc.bigInt(0n, INT64_MAX)), { nil: undefined }),
    numberResults: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    outputFormat: fc.option(fc.constantFrom(...spec.outputFormat.values), { nil: undefined }),
    outputQuality: fc.option(fc.integer({ min: 20, max: 99 }), { nil: undefined }),
    cameraFixed: fc.option(fc.boolean(), { nil: undefined }),
    checkContent: fc.option(fc.boolean(), { nil: undefined }),
    safetyMode: fc.option(fc.constantFrom(...spec.safety.modes), { nil: undefined }),
    nulls: fc.subarray(['duration', 'seed', 'numberResults', 'outputFormat', 'outputQuality', 'cameraFixed', 'checkContent', 'safetyMode']),
  })
  .map(({ prompt, size, nulls, ...optional }) => {
    const entries: [string, JsonNode][] = [['positivePrompt', prompt], ...size];
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) entries.push([key, value]);
    // An explicit null means "unset", like leaving the field out.
    for (const key of nulls) if (!entries.some(([k]) => k === key)) entries.push([key, null]);
    return entries;
  });

type Mutation =
  | { readonly kind: 'set'; readonly key: string; readonly value: JsonNode }
  | { readonly kind: 'delete'; readonly key: string }
  | { readonly kind: 'prompt'; readonly value: JsonNode };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...(Object.keys(FIELD_VALUES) as (keyof typeof FIELD_VALUES)[])).chain((key) => FIELD_VALUES[key].map((value): Mutation => ({ kind: 'set', key, value }))) },
  { weight: 2, arbitrary: badPrompt.map((value): Mutation => ({ kind: 'prompt', value })) },
  { weight: 2, arbitrary: fc.constantFrom(...FIELDS).map((key): Mutation => ({ kind: 'delete', key })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SERVER_ONLY), serverOnlyValue).map(([key, value]): Mutation => ({ kind: 'set', key, value })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), POLLUTION).map(([key, value]): Mutation => ({ kind: 'set', key, value })) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), unicodeText(10)), anyJson(3)).map(([key, value]): Mutation => ({ kind: 'set', key, value })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), anyJson(4)).map(([key, value]): Mutation => ({ kind: 'set', key, value })) },
);

/** A generation-input body: valid, then zero to four mutations (a set may add a duplicate key). */
export const inputBody: fc.Arbitrary<Entries> = fc
  .tuple(validInput, fc.array(mutation, { maxLength: 4 }), fc.boolean())
  .map(([entries, mutations, appendDuplicates]) => {
    let out = [...entries];
    for (const m of mutations) {
      if (m.kind === 'delete') out = out.filter(([k]) => k !== m.key);
      else {
        const key = m.kind === 'prompt' ? 'positivePrompt' : m.key;
        // Either replace in place or append a duplicate key (JSON's last one wins).
        if (appendDuplicates || !out.some(([k]) => k === key)) out.push([key, m.value]);
        else out = out.map(([k, v]) => [k, k === key ? m.value : v]);
      }
    }
    return new Entries(out);
  });

/** Bodies that are not objects, or nest far too deep, or are huge in breadth. */
export const oddBody: fc.Arbitrary<JsonNode> = fc.oneof(
  anyJson(3),
  fc.integer({ min: 100, max: 3_000 }).map((depth) => new Deep(depth, new Entries([['positivePrompt', 'deep']]))),
  fc.integer({ min: 1, max: 20 }).map((depth) => new Entries([['positivePrompt', 'A quiet harbour'], ['width', 864], ['height', 480], ['duration', new Deep(depth, 5)]])),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => new Entries([['positivePrompt', 'wide'], ['resolution', '480p'], ['seed', Array.from({ length: n }, (_, i) => i)]])),
  fc.integer({ min: 100, max: 1_000 }).map((n) => new Entries(Array.from({ length: n }, (_, i): [string, JsonNode] => [`field${i}`, i]))),
);
