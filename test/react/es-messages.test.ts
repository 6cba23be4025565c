import { validateGenerationInput } from '@seedance-kit/core';
import { defaultMessages, esMessages, type SeedanceMessages } from '@seedance-kit/react';
import { describe, expect, expectTypeOf, it } from 'vitest';

// The type side: `satisfies SeedanceMessages` in es.ts fails the typecheck on a missing or an
// unknown key; this keeps the exported object assignable where the provider takes it.
expectTypeOf(esMessages).toExtend<SeedanceMessages>();

describe('esMessages (the Spanish translation)', () => {
  it('has exactly the keys of the English messages, each of the same kind', () => {
    expect(Object.keys(esMessages).sort()).toEqual(Object.keys(defaultMessages).sort());
    for (const key of Object.keys(defaultMessages) as (keyof SeedanceMessages)[]) {
      expect(typeof esMessages[key], key).toBe(typeof defaultMessages[key]);
    }
  });

  it('translates every plain string', () => {
    const untranslated = (Object.keys(defaultMessages) as (keyof SeedanceMessages)[]).filter(
      (key) => typeof defaultMessages[key] === 'string' && esMessages[key] === defaultMessages[key],
    );
    expect(untranslated).toEqual([]);
  });

  it('words core validation issues and task errors in Spanish', () => {
    const result = validateGenerationInput({ positivePrompt: 'a', duration: 30 }, { messages: esMessages.formatIssue });
    expect(result.ok).toBe(false);
    expect(result.issues?.map((issue) => issue.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^La descripción debe tener al menos \d+ caracteres \(ahora 1\)\.$/), 'La duración debe ser como máximo 12 s.']),
    );
    expect(esMessages.errorMessage({ kind: 'network', code: 'network', message: 'Could not reach the server.', retryable: true })).toMatch(/^No se ha podido conectar/);
    expect(esMessages.invalidSummary(2)).toBe('2 ajustes necesitan atención.');
  });
});
