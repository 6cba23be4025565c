import {
  countPromptCharacters,
  GENERATION_INPUT_FIELDS,
  SERVER_ONLY_FIELDS,
  seedanceProFast as spec,
  validateGenerationInput,
  type ValidationCode,
} from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

const valid = { positivePrompt: 'a dancer spins under lanterns', width: 864, height: 480 };

const issuesOf = (input: unknown) => {
  const result = validateGenerationInput(input);
  return result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }));
};
const only = (path: string, code: ValidationCode) => [{ path, code }];

describe('validateGenerationInput: accepted values', () => {
  it('returns the typed input with unset and null fields dropped', () => {
    const result = validateGenerationInput({ ...valid, duration: null, seed: undefined, cameraFixed: false });
    expect(result).toEqual({ ok: true, value: { ...valid, cameraFixed: false } });
  });

  it('accepts every field at once (but resolution, which excludes width and height)', () => {
    const full = {
      positivePrompt: 'x'.repeat(spec.positivePrompt.maxLength),
      width: 1920,
      height: 1088,
      duration: spec.duration.max,
      seed: '123',
      numberResults: spec.numberResults.max,
      outputFormat: 'WEBM',
      outputQuality: spec.outputQuality.min,
      cameraFixed: true,
      frameImage: 'aac49721-1964-481a-ae78-8a4e29b91402',
      checkContent: true,
      safetyMode: 'full',
    };
    expect(Object.keys(full).sort()).toEqual(GENERATION_INPUT_FIELDS.filter((f) => f !== 'resolution').sort());
    expect(validateGenerationInput(full)).toEqual({ ok: true, value: full });
  });

  it('lets mode and checkContent disagree: the provider lets mode win', () => {
    expect(validateGenerationInput({ ...valid, checkContent: false, safetyMode: 'fast' }).ok).toBe(true);
    expect(validateGenerationInput({ ...valid, checkContent: true, safetyMode: 'none' }).ok).toBe(true);
  });
});

describe('each parameter at and around its bounds', () => {
  const numeric = [
    { field: 'duration', min: spec.duration.min, max: spec.duration.max, below: 1.1, above: 12.1 },
    { field: 'numberResults', min: spec.numberResults.min, max: spec.numberResults.max, below: 0, above: 5 },
    { field: 'outputQuality', min: spec.outputQuality.min, max: spec.outputQuality.max, below: 19, above: 100 },
  ] as const;

  describe.each(numeric)('$field', ({ field, min, max, below, above }) => {
    it('accepts min and max', () => {
      expect(issuesOf({ ...valid, [field]: min })).toEqual([]);
      expect(issuesOf({ ...valid, [field]: max })).toEqual([]);
    });
    it('refuses just outside', () => {
      expect(issuesOf({ ...valid, [field]: below })).toEqual(only(field, 'too_small'));
      expect(issuesOf({ ...valid, [field]: above })).toEqual(only(field, 'too_big'));
    });
    it('refuses the wrong type', () => {
      expect(issuesOf({ ...valid, [field]: String(min) })).toEqual(only(field, 'invalid_type'));
      expect(issuesOf({ ...valid, [field]: Number.NaN })).toEqual(only(field, 'invalid_type'));
      expect(issuesOf({ ...valid, [field]: Number.POSITIVE_INFINITY })).toEqual(only(field, 'invalid_type'));
    });
    it('may be missing', () => {
      expect(issuesOf({ ...valid })).toEqual([]);
    });
  });

  it('numberResults and outputQuality must be whole numbers', () => {
    expect(issuesOf({ ...valid, numberResults: 2.5 })).toEqual(only('numberResults', 'not_integer'));
    expect(issuesOf({ ...valid, outputQuality: 50.5 })).toEqual(only('outputQuality', 'not_integer'));
  });

  it('duration moves in 0.1 s steps, floats included', () => {
    for (const ok of [1.2, 1.3, 5, 5.1, 7.7, 11.9, 0.1 + 0.2 + 5]) expect(issuesOf({ ...valid, duration: ok })).toEqual([]);
    expect(issuesOf({ ...valid, duration: 5.05 })).toEqual(only('duration', 'not_step'));
    expect(issuesOf({ ...valid, duration: 1.25 })).toEqual(only('duration', 'not_step'));
  });

  it.each([
    ['resolution', spec.resolutions, '720p'],
    ['outputFormat', spec.outputFormat.values, 'mp4'],
    ['safetyMode', spec.safety.modes, 'strict'],
  ] as const)('%s takes only its listed values', (field, values, wrong) => {
    const sizeless = field === 'resolution' ? { positivePrompt: valid.positivePrompt } : valid;
    for (const value of values) expect(issuesOf({ ...sizeless, [field]: value })).toEqual([]);
    expect(issuesOf({ ...sizeless, [field]: wrong })).toEqual(only(field, 'invalid_value'));
    expect(issuesOf({ ...sizeless, [field]: 1 })).toEqual(only(field, 'invalid_value'));
  });

  it.each(['cameraFixed', 'checkContent'])('%s is a boolean', (field) => {
    expect(issuesOf({ ...valid, [field]: true })).toEqual([]);
    expect(issuesOf({ ...valid, [field]: 'true' })).toEqual(only(field, 'invalid_type'));
  });
});

describe('positivePrompt', () => {
  const { minLength, maxLength } = spec.positivePrompt;
  it('is required and must be text', () => {
    expect(issuesOf({ width: 864, height: 480 })).toEqual(only('positivePrompt', 'required'));
    expect(issuesOf({ ...valid, positivePrompt: 42 })).toEqual(only('positivePrompt', 'invalid_type'));
    expect(issuesOf({ ...valid, positivePrompt: null })).toEqual(only('positivePrompt', 'invalid_type'));
  });
  it('accepts exactly min and max characters and refuses one outside', () => {
    expect(issuesOf({ ...valid, positivePrompt: 'ab' })).toEqual([]);
    expect(issuesOf({ ...valid, positivePrompt: 'a'.repeat(maxLength) })).toEqual([]);
    expect(issuesOf({ ...valid, positivePrompt: 'a'.repeat(minLength - 1) })).toEqual(only('positivePrompt', 'too_short'));
    expect(issuesOf({ ...valid, positivePrompt: 'a'.repeat(maxLength + 1) })).toEqual(only('positivePrompt', 'too_long'));
  });
  it('refuses a prompt of only spaces or invisible characters', () => {
    expect(issuesOf({ ...valid, positivePrompt: '   ' })).toEqual(only('positivePrompt', 'blank'));
    expect(issuesOf({ ...valid, positivePrompt: '\u200b\u200b' })).toEqual(only('positivePrompt', 'blank'));
    expect(issuesOf({ ...valid, positivePrompt: '\u0000\u200d\u00a0' })).toEqual(only('positivePrompt', 'blank'));
    expect(issuesOf({ ...valid, positivePrompt: '\u200bé' })).toEqual([]);
  });
  it('counts code points: emoji and combining marks as documented', () => {
    expect(countPromptCharacters('😀')).toBe(1);
    expect(countPromptCharacters('👍🏽')).toBe(2);
    expect(countPromptCharacters('👨‍👩‍👧')).toBe(5);
    expect(countPromptCharacters('\u00e9')).toBe(1);
    expect(countPromptCharacters('e\u0301')).toBe(2);
    expect(countPromptCharacters('\ud800x')).toBe(2);
    // 3000 emoji are 6000 UTF-16 units but 3000 characters: accepted.
    expect(issuesOf({ ...valid, positivePrompt: '😀'.repeat(maxLength) })).toEqual([]);
    expect(issuesOf({ ...valid, positivePrompt: '😀'.repeat(maxLength + 1) })).toEqual(only('positivePrompt', 'too_long'));
    expect(issuesOf({ ...valid, positivePrompt: '😀' })).toEqual(only('positivePrompt', 'too_short'));
  });
});

describe('cross-field rules', () => {
  const prompt = { positivePrompt: valid.positivePrompt };
  it('width and height come together', () => {
    expect(issuesOf({ ...prompt, width: 864 })).toEqual(only('height', 'incomplete_pair'));
    expect(issuesOf({ ...prompt, height: 480 })).toEqual(only('width', 'incomplete_pair'));
  });
  it('accepts each of the 14 supported pairs and nothing else', () => {
    expect(spec.dimensions).toHaveLength(14);
    for (const d of spec.dimensions) expect(issuesOf({ ...prompt, width: d.width, height: d.height })).toEqual([]);
    expect(issuesOf({ ...prompt, width: 480, height: 864 })).toEqual([]);
    expect(issuesOf({ ...prompt, width: 1248, height: 704 })).toEqual(only('width', 'unsupported_dimensions'));
    expect(issuesOf({ ...prompt, width: 864, height: 864 })).toEqual(only('width', 'unsupported_dimensions'));
  });
  it('sides are positive whole numbers', () => {
    expect(issuesOf({ ...prompt, width: 0, height: 480 })).toEqual(only('width', 'too_small'));
    expect(issuesOf({ ...prompt, width: 864.5, height: 480 })).toEqual(only('width', 'not_integer'));
  });
  it('resolution never goes with width/height', () => {
    expect(issuesOf({ ...valid, resolution: '480p' })).toEqual(only('resolution', 'resolution_with_dimensions'));
    expect(issuesOf({ ...prompt, width: 864, resolution: '480p' })).toEqual([
      { path: 'height', code: 'incomplete_pair' },
      { path: 'resolution', code: 'resolution_with_dimensions' },
    ]);
  });
  it('the size is fixed one way or another', () => {
    expect(issuesOf(prompt)).toEqual(only('width', 'size_required'));
    expect(issuesOf({ ...prompt, resolution: '1080p' })).toEqual([]);
    expect(issuesOf({ ...prompt, frameImage: 'https://example.com/a.jpg' })).toEqual([]);
    expect(issuesOf({ ...prompt, frameImage: 'https://example.com/a.jpg', resolution: '480p' })).toEqual([]);
  });
  it('the frame image must be one of the four forms', () => {
    expect(issuesOf({ ...valid, frameImage: 'ftp://example.com/a.jpg' })).toEqual(only('frameImage', 'invalid_image'));
    expect(issuesOf({ ...valid, frameImage: '' })).toEqual(only('frameImage', 'invalid_image'));
    expect(issuesOf({ ...valid, frameImage: 5 })).toEqual(only('frameImage', 'invalid_type'));
  });
});

describe('the shape of the input', () => {
  it('refuses what is not an object', () => {
    for (const input of [null, [], 'x', 1]) expect(issuesOf(input)).toEqual(only('', 'invalid_type'));
  });
  it('names unknown fields and refuses server-only ones', () => {
    expect(issuesOf({ ...valid, negativePrompt: 'x' })).toEqual(only('negativePrompt', 'unknown_field'));
    for (const field of SERVER_ONLY_FIELDS) expect(issuesOf({ ...valid, [field]: 'x' })).toEqual(only(field, 'server_only'));
  });
  it('reports every broken rule at once, each with a message naming the field', () => {
    const result = validateGenerationInput({ positivePrompt: 'a', duration: 20, numberResults: 9, ttl: 5 });
    expect(result.ok).toBe(false);
    expect(result.issues!.map((i) => i.path).sort()).toEqual(['duration', 'numberResults', 'positivePrompt', 'ttl', 'width']);
    const byPath = Object.fromEntries(result.issues!.map((i) => [i.path, i.message]));
    expect(byPath.positivePrompt).toBe('Prompt must be at least 2 characters (now 1).');
    expect(byPath.duration).toBe('Duration must be at most 12 s.');
    expect(byPath.numberResults).toBe('Number of videos must be at most 4.');
    expect(byPath.ttl).toBe('“ttl” is decided by the server and cannot be sent.');
  });
  it('takes replacement messages, e.g. a translation', () => {
    const result = validateGenerationInput({ ...valid, duration: 20 }, {
      messages: (code, path, params) => (code === 'too_big' ? `${path} ≤ ${params.max}` : undefined),
    });
    expect(result.issues).toEqual([{ path: 'duration', code: 'too_big', params: { max: 12, unit: ' s' }, message: 'duration ≤ 12' }]);
  });
});
