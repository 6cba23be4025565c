import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyImageInput, inspectFrameImage, inspectImageBytes, seedanceProFast, sniffImage, validateGenerationInput } from '@seedance-kit/core';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url)));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const dataUri = (type: string, bytes: Uint8Array) => `data:${type};base64,${b64(bytes)}`;
const { minSide, maxSide, maxBytes } = seedanceProFast.frameImages;

describe('classifyImageInput: the four provider forms', () => {
  it.each([
    ['aac49721-1964-481a-ae78-8a4e29b91402', 'uuid'],
    ['AAC49721-1964-481A-AE78-8A4E29B91402', 'uuid'],
    ['https://example.com/frame.png', 'url'],
    ['http://example.com:8080/a?b=c', 'url'],
    [dataUri('image/png', fixture('frame-640x360.png')), 'dataUri'],
    [b64(fixture('frame-640x360.jpg')), 'base64'],
  ])('%s… is %s', (value, form) => {
    expect(classifyImageInput(value)?.form).toBe(form);
  });

  it.each(['', 'photos/cat', 'ftp://example.com/a.png', 'https:///nohost', ' https://example.com/a.png', 'https://exa mple.com/a.png', 'data:text/plain;base64,aGVsbG8=', 'not-a-uuid-1964-481a-ae78-8a4e29b91402'])(
    'refuses %j',
    (value) => {
      expect(classifyImageInput(value)).toBeUndefined();
    },
  );
});

describe('sniffImage: sides from the headers', () => {
  it.each([
    ['frame-640x360.png', 'image/png', 640, 360],
    ['frame-640x360.jpg', 'image/jpeg', 640, 360],
    ['frame-640x360-progressive.jpg', 'image/jpeg', 640, 360],
    ['frame-640x360-exif.jpg', 'image/jpeg', 640, 360],
    ['frame-640x360-vp8.webp', 'image/webp', 640, 360],
    ['frame-401x303-vp8l.webp', 'image/webp', 401, 303],
    ['frame-500x320-vp8x.webp', 'image/webp', 500, 320],
  ])('%s → %s %i×%i', (name, type, width, height) => {
    expect(sniffImage(fixture(name))).toEqual({ type, width, height });
  });

  it('tells refused types apart and does not invent sides for random bytes', () => {
    expect(sniffImage(fixture('other-320x240.gif'))?.type).toBe('image/gif');
    expect(sniffImage(fixture('other-32x32.bmp'))?.type).toBe('image/bmp');
    expect(sniffImage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toBeUndefined();
  });

  it('never throws on truncated headers', () => {
    const png = fixture('frame-640x360.png');
    for (let n = 0; n < 40; n++) expect(() => sniffImage(png.subarray(0, n))).not.toThrow();
  });
});

describe('inspectFrameImage: what can be checked locally', () => {
  it('checks only the form of UUIDs and URLs (their bytes live elsewhere)', () => {
    expect(inspectFrameImage('https://example.com/x.gif')).toEqual({ form: 'url', issues: [] });
  });

  it('reads type, bytes and sides of a data URI without issues when allowed', () => {
    const bytes = fixture('frame-640x360-vp8.webp');
    expect(inspectFrameImage(dataUri('image/webp', bytes))).toEqual({
      form: 'dataUri',
      declaredType: 'image/webp',
      type: 'image/webp',
      width: 640,
      height: 360,
      bytes: bytes.length,
      issues: [],
    });
  });

  it('leaves out what it does not know: bytes alone have no form and no declared type', () => {
    const bytes = fixture('frame-640x360.png');
    expect(inspectImageBytes(bytes)).toStrictEqual({ type: 'image/png', width: 640, height: 360, bytes: bytes.length, issues: [] });
  });

  it('refuses GIF and BMP by type', () => {
    expect(inspectFrameImage(dataUri('image/gif', fixture('other-320x240.gif'))).issues).toEqual([{ code: 'image_type', params: { actual: 'image/gif' } }]);
    expect(inspectFrameImage(b64(fixture('other-32x32.bmp'))).issues).toEqual([{ code: 'image_type', params: { actual: 'image/bmp' } }]);
  });

  it('catches a data URI whose declared type lies about its bytes', () => {
    expect(inspectFrameImage(dataUri('image/png', fixture('frame-640x360.jpg'))).issues).toEqual([
      { code: 'image_type', params: { declared: 'image/png', actual: 'image/jpeg' } },
    ]);
  });

  it(`refuses a side under ${minSide} px`, () => {
    expect(inspectFrameImage(dataUri('image/png', fixture('small-299x400.png'))).issues).toEqual([
      { code: 'image_too_small_sides', params: { min: minSide, width: 299, height: 400 } },
    ]);
  });

  it(`refuses a side over ${maxSide} px, read from a forged header`, () => {
    const png = fixture('frame-640x360.png').slice();
    new DataView(png.buffer).setUint32(16, maxSide + 1);
    expect(inspectImageBytes(png).issues).toEqual([{ code: 'image_too_large_sides', params: { max: maxSide, width: maxSide + 1, height: 360 } }]);
  });

  it(`refuses more than ${maxBytes} bytes`, () => {
    const png = fixture('frame-640x360.png');
    const big = new Uint8Array(maxBytes + 1);
    big.set(png);
    expect(inspectImageBytes(big).issues).toEqual([{ code: 'image_too_large', params: { max: maxBytes, actual: maxBytes + 1 } }]);
  });

  it('names why a broken data URI is invalid', () => {
    expect(inspectFrameImage('data:image/png;base64,').issues).toEqual([{ code: 'invalid_image', params: { reason: 'empty' } }]);
    expect(inspectFrameImage('data:image/png;base64,@@@@').issues).toEqual([{ code: 'invalid_image', params: { reason: 'base64' } }]);
    expect(inspectFrameImage(dataUri('image/png', new Uint8Array(64).fill(7))).issues).toEqual([{ code: 'invalid_image', params: { reason: 'unrecognized' } }]);
    expect(inspectFrameImage(dataUri('image/png', fixture('frame-640x360.png').subarray(0, 12))).issues).toEqual([{ code: 'invalid_image', params: { reason: 'no_size' } }]);
  });

  it('compares a picked file’s declared type only when it names an image type', () => {
    const jpg = fixture('frame-640x360.jpg');
    expect(inspectImageBytes(jpg, '').issues).toEqual([]);
    expect(inspectImageBytes(jpg, 'application/octet-stream').issues).toEqual([]);
    expect(inspectImageBytes(jpg, 'image/jpg').issues).toEqual([]);
    expect(inspectImageBytes(jpg, 'image/webp').issues).toEqual([{ code: 'image_type', params: { declared: 'image/webp', actual: 'image/jpeg' } }]);
  });
});

describe('validateGenerationInput: frame-image issues name the field', () => {
  it('puts the issue on frameImage with a plain message', () => {
    const result = validateGenerationInput({ positivePrompt: 'a cat', frameImage: dataUri('image/png', fixture('small-299x400.png')) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: 'frameImage', code: 'image_too_small_sides' });
    expect(result.issues[0]?.message).toMatch(/300/);
  });

  it('accepts an allowed image as the size source', () => {
    expect(validateGenerationInput({ positivePrompt: 'a cat', frameImage: dataUri('image/jpeg', fixture('frame-640x360.jpg')) }).ok).toBe(true);
  });
});
