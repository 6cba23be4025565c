import { createIdempotencyKey, IDEMPOTENCY_KEY_PATTERN } from '@seedance-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createIdempotencyKey', () => {
  it('makes keys the server takes (16+ characters), with or without randomUUID', () => {
    const withUuid = createIdempotencyKey();
    expect(withUuid).toMatch(IDEMPOTENCY_KEY_PATTERN);
    // Outside a secure context randomUUID is missing; getRandomValues still works.
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const withoutUuid = createIdempotencyKey();
    expect(withoutUuid).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(withoutUuid).toHaveLength(32);
    expect(createIdempotencyKey()).not.toBe(withoutUuid);
  });
});
