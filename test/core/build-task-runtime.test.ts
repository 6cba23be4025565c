import { SeedanceError, buildRunwareTask, type GenerationInput, type RunwareTaskOptions } from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

/** What the types refuse, refused at run time too, for callers in plain JavaScript. */
const INPUT: GenerationInput = { positivePrompt: 'A fox in the snow', width: 864, height: 480 };

function refusal(run: () => unknown): SeedanceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SeedanceError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('buildRunwareTask refuses at run time what its types refuse', () => {
  it.each([
    ['outputType', { outputType: 'base64Data' }],
    ['outputType', { outputType: 'url' }],
    ['includeCost', { includeCost: 'yes' }],
    ['includeCost', { includeCost: 1 }],
    ['ttl', { ttl: '3600' }],
    ['webhookURL', { webhookURL: 42 }],
    ['uploadEndpoint', { uploadEndpoint: {} }],
    ['taskUUID', { taskUUID: 12345 }],
    ['randomSeed', { randomSeed: 7 }],
  ] as const)('%s = %j', (field, options) => {
    const error = refusal(() => buildRunwareTask(INPUT, options as unknown as RunwareTaskOptions));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalidTaskOptions', parameter: field, retryable: false });
    expect(error.issues?.[0]?.path).toBe(field);
  });

  it('names options that are not an object', () => {
    expect(refusal(() => buildRunwareTask(INPUT, 'fast' as unknown as RunwareTaskOptions))).toMatchObject({ kind: 'validation', parameter: 'options' });
  });

  it.each([
    ['duration', { duration: '5' }],
    ['numberResults', { numberResults: 9 }],
    ['outputFormat', { outputFormat: 'GIF' }],
    ['positivePrompt', { positivePrompt: 42 }],
  ] as const)('an input no validator saw: %s', (field, change) => {
    const error = refusal(() => buildRunwareTask({ ...INPUT, ...change } as unknown as GenerationInput));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalidTask', parameter: field });
  });

  it('builds what the types allow', () => {
    expect(buildRunwareTask(INPUT, { outputType: 'URL', includeCost: true, ttl: 3600 })).toMatchObject({ outputType: 'URL', includeCost: true, ttl: 3600 });
  });
});
