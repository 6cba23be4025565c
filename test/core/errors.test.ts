import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_MESSAGES, ERROR_KINDS, SeedanceError, classifyRunwareError, errorFromRunware, isRetryableKind, parseRunwareResponse } from '@seedance-kit/core';

describe('classifyRunwareError: Runware code families (SPEC.md) to kinds', () => {
  it.each([
    ['invalidPositivePrompt', 'validation'],
    ['missingPositivePrompt', 'validation'],
    ['unsupportedDimensions', 'validation'],
    ['unknownParameter', 'validation'],
    ['incompatibleParameters', 'validation'],
    ['duplicateTaskUUID', 'validation'],
    ['invalidApiKey', 'auth'],
    ['unauthorized', 'auth'],
    ['forbidden', 'auth'],
    ['insufficientCredits', 'credits'],
    ['lowBalance', 'credits'],
    ['paymentRequired', 'credits'],
    ['requestRateLimitExceeded', 'rate_limit'],
    ['queueFull', 'rate_limit'],
    ['contentPolicyViolation', 'moderation'],
    ['providerContentPolicyViolation', 'moderation'],
    ['sensitiveContentDetected', 'moderation'],
    ['nsfwContentDetected', 'moderation'],
    ['promptBlocked', 'moderation'],
    ['imageBlocked', 'moderation'],
    ['timeoutProvider', 'provider'],
    ['inferenceError', 'provider'],
    ['taskFailed', 'provider'],
    ['noAvailableServer', 'provider'],
    ['modelUnavailable', 'provider'],
    ['taskFailedOrNotFound', 'not_found'],
    ['imageNotFound', 'not_found'],
    ['resultExpired', 'not_found'],
  ] as const)('%s → %s', (code, kind) => {
    expect(classifyRunwareError(code)).toBe(kind);
  });

  it('falls back on the HTTP status for unknown codes', () => {
    expect(classifyRunwareError('somethingNew', 401)).toBe('auth');
    expect(classifyRunwareError('somethingNew', 402)).toBe('credits');
    expect(classifyRunwareError('somethingNew', 429)).toBe('rate_limit');
    expect(classifyRunwareError('somethingNew', 503)).toBe('provider');
    expect(classifyRunwareError('somethingNew', 504)).toBe('timeout');
    expect(classifyRunwareError('somethingNew', 400)).toBe('validation');
    expect(classifyRunwareError('somethingNew')).toBe('unknown');
    expect(classifyRunwareError(undefined, 200)).toBe('unknown');
  });
});

describe('errorFromRunware', () => {
  it('keeps the provider message and parameter for validation errors, from a parsed reply', () => {
    const reply = parseRunwareResponse(
      JSON.stringify({ errors: [{ code: 'invalidDuration', message: 'Invalid value for duration.', parameter: 'duration', taskType: 'videoInference', taskUUID: 'x' }] }),
    );
    const item = reply.errors[0];
    expect(item).toBeDefined();
    expect(errorFromRunware(item!, 400)).toEqual({
      kind: 'validation',
      code: 'invalidDuration',
      message: 'Invalid value for duration.',
      retryable: false,
      parameter: 'duration',
      status: 400,
    });
  });

  it('keeps a list of parameters for cross-field rules', () => {
    expect(errorFromRunware({ code: 'incompatibleParameters', message: 'x', parameter: ['width', 'resolution'] }).parameter).toEqual(['width', 'resolution']);
  });

  it('replaces account-level provider text with the kit’s message', () => {
    const error = errorFromRunware({ code: 'invalidApiKey', message: 'Invalid API key sk-123 for account 42' }, 401);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, message: DEFAULT_ERROR_MESSAGES.auth });
    expect(error.message).not.toContain('sk-123');
  });

  it('marks only transient kinds retryable', () => {
    const retryable = ERROR_KINDS.filter(isRetryableKind);
    expect(retryable.sort()).toEqual(['network', 'provider', 'rate_limit', 'timeout', 'unknown']);
  });

  it('has a plain-English message for every kind', () => {
    for (const kind of ERROR_KINDS) expect(DEFAULT_ERROR_MESSAGES[kind]).toMatch(/^[A-Z].+\.$/);
  });
});

describe('SeedanceError', () => {
  it('is an Error that round-trips to plain data', () => {
    const data = { kind: 'credits', code: 'insufficientCredits', message: DEFAULT_ERROR_MESSAGES.credits, retryable: false, status: 402 } as const;
    const error = new SeedanceError(data);
    expect(error).toBeInstanceOf(Error);
    expect(SeedanceError.is(error)).toBe(true);
    expect(SeedanceError.is(new Error('x'))).toBe(false);
    expect(error.message).toBe(data.message);
    expect(JSON.parse(JSON.stringify(error))).toEqual(data);
  });
});
