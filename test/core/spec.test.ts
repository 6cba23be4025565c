import { describe, expect, it } from 'vitest';
import { dimensionsFor, findDimensions, frameCount, seedanceProFast as spec } from '@seedance-kit/core';

// The one place the model's numbers are written a second time: to check the spec object against
// SPEC.md and the provider's page. Everything else in the kit reads them from the spec.
describe('seedanceProFast matches the provider page (SPEC.md)', () => {
  it('names the model and task', () => {
    expect(spec).toMatchObject({ taskType: 'videoInference', model: 'bytedance:2@2', fps: 24 });
  });

  it('has the 14 supported pairs with their tier and aspect ratio', () => {
    const table: Record<string, Record<string, [number, number]>> = {
      '480p': { '16:9': [864, 480], '4:3': [736, 544], '1:1': [640, 640], '3:4': [544, 736], '9:16': [480, 864], '9:21': [416, 960], '21:9': [960, 416] },
      '1080p': {
        '16:9': [1920, 1088],
        '4:3': [1664, 1248],
        '1:1': [1440, 1440],
        '3:4': [1248, 1664],
        '9:16': [1088, 1920],
        '9:21': [928, 2176],
        '21:9': [2176, 928],
      },
    };
    expect(spec.dimensions).toHaveLength(14);
    for (const [resolution, row] of Object.entries(table)) {
      for (const [aspectRatio, [width, height]] of Object.entries(row)) {
        expect(findDimensions(width, height)).toEqual({ width, height, aspectRatio, resolution });
        expect(dimensionsFor(resolution as '480p', aspectRatio as '16:9')).toEqual({ width, height, aspectRatio, resolution });
      }
    }
    expect(findDimensions(1248, 704)).toBeUndefined(); // 720p: listed in prices, not in the schema
  });

  it('has every range and default of the parameter table', () => {
    expect(spec.positivePrompt).toEqual({ minLength: 2, maxLength: 3000 });
    expect(spec.resolutions).toEqual(['480p', '1080p']);
    expect(spec.duration).toEqual({ min: 1.2, max: 12, step: 0.1, default: 5 });
    expect(spec.numberResults).toEqual({ min: 1, max: 4, default: 1 });
    expect(spec.outputType).toEqual({ values: ['URL'], default: 'URL' });
    expect(spec.outputFormat).toEqual({ values: ['MP4', 'WEBM', 'MOV'], default: 'MP4' });
    expect(spec.outputQuality).toEqual({ min: 20, max: 99, default: 95 });
    expect(spec.deliveryMethod).toEqual({ values: ['async'], default: 'async' });
    expect(spec.safety).toEqual({ modes: ['none', 'fast', 'full'], defaultMode: 'none', checkContentMode: 'fast' });
    expect(spec.ttl).toEqual({ min: 60 });
    expect(spec.seed).toEqual({ min: 0n, max: 9223372036854775807n, randomMax: 4294967295 });
    expect(spec.cameraFixed).toEqual({ default: false });
    expect(spec.defaultDimensions).toEqual({ width: 864, height: 480 });
  });

  it('has the frame-image rules and the price rate', () => {
    expect(spec.frameImages).toEqual({
      maxItems: 1,
      positions: ['first'],
      types: ['image/png', 'image/jpeg', 'image/webp'],
      minSide: 300,
      maxSide: 6000,
      maxBytes: 10_000_000,
    });
    expect(spec.price).toEqual({ usdPerMillionTokens: 0.6535, tokenPixels: 1024 });
  });

  it('counts frames as duration × 24', () => {
    expect(frameCount(1.2)).toBe(29);
    expect(frameCount(5)).toBe(120);
    expect(frameCount(12)).toBe(288);
  });
});
