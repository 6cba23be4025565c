import { readFileSync } from 'node:fs';
import {
  DEFAULT_ERROR_MESSAGES,
  classifyRunwareError,
  errorFromRunware,
  parseRunwareResponse,
  runwareErrorFamily,
  type SeedanceErrorKind,
} from '@seedance-kit/core';
import { createRunwareProvider } from '@seedance-kit/core/server';
import { describe, expect, it } from 'vitest';

/**
 * Every row of test/fixtures/runware-answers.json (sourced from Runware's SDKs, with file and
 * line) read by the kit: each error code's family as runware-sdk derives it and the kit's kind
 * for it, and each answer shape through the real Runware provider, as `kit` in the row says.
 */
interface KitAnswer {
  readonly phase: 'submit' | 'poll';
  readonly outcome: 'accepted' | 'running' | 'success' | 'error' | 'retry';
  readonly code?: string;
  readonly kind?: SeedanceErrorKind;
  readonly retryable?: boolean;
  readonly videos?: number;
  readonly progress?: number;
  readonly nsfwContent?: boolean;
  readonly videoURL?: string;
  readonly parameter?: string;
  readonly message?: string;
}
interface Fixture {
  readonly errorCodes: readonly { code: string; family: string; kit: { kind: SeedanceErrorKind; retryable: boolean; message?: string } }[];
  readonly answers: readonly { name: string; httpStatus: number | null; body: unknown; kit: KitAnswer }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/runware-answers.json', import.meta.url), 'utf8')) as Fixture;
const TASK = '11111111-1111-4111-8111-111111111111';
const KEY = 'rw-answers-test-key';

describe('Runware error codes (fixture errorCodes): family as runware-sdk derives it, kind as the kit shows it', () => {
  it('lists the 89 codes', () => expect(fixture.errorCodes).toHaveLength(89));

  it.each(fixture.errorCodes.map((row) => [row.code, row] as const))('%s', (code, row) => {
    expect(runwareErrorFamily(code)).toBe(row.family);
    const error = errorFromRunware({ code, message: `Provider text for ${code}` });
    expect(error.kind).not.toBe('unknown');
    expect(error).toMatchObject({ kind: row.kit.kind, code, retryable: row.kit.retryable });
    expect(classifyRunwareError(code, undefined, 'error')).toBe(row.kit.kind);
    // Only validation and moderation show the provider's words; everything else the kit's.
    const shown = row.kit.kind === 'validation' || row.kit.kind === 'moderation' ? `Provider text for ${code}` : (row.kit.message ?? DEFAULT_ERROR_MESSAGES[row.kit.kind]);
    expect(error.message).toBe(shown);
  });
});

describe('credentials: a 401 is auth whatever the code, and never shows the provider text', () => {
  it.each(['tokenExpired', 'invalidCredentials', 'missingAuthentication', 'invalidToken', 'taskFailedOrNotFound', 'somethingNew'])('%s with HTTP 401', (code) => {
    const error = errorFromRunware({ code, message: 'Your key rw-123 for account 42 is not valid', parameter: 'apiKey' }, 401);
    expect(error).toEqual({ kind: 'auth', code, message: DEFAULT_ERROR_MESSAGES.auth, retryable: false, status: 401 });
  });

  it('an error about the authentication task is auth even on a 200', () => {
    expect(errorFromRunware({ code: 'invalidValue', message: 'Bad key', taskType: 'authentication' }).kind).toBe('auth');
  });
});

describe('a code nobody lists falls back on the HTTP status, then on the item’s status', () => {
  it.each([
    [401, 'auth'],
    [402, 'credits'],
    [403, 'auth'],
    [404, 'not_found'],
    [429, 'rate_limit'],
    [503, 'provider'],
    [504, 'timeout'],
    [400, 'validation'],
  ] as const)('HTTP %i → %s', (status, kind) => expect(classifyRunwareError('brandNewCode', status)).toBe(kind));

  it('an item that says error is a provider failure; a bare code with nothing else stays unknown', () => {
    expect(classifyRunwareError('brandNewCode', 200, 'error')).toBe('provider');
    expect(errorFromRunware({ code: 'brandNewCode' })).toMatchObject({ kind: 'provider', retryable: true });
    expect(classifyRunwareError('brandNewCode')).toBe('unknown');
  });
});

/** A provider whose every request is answered with `status` and `body` (JSON, raw text, or none). */
function providerAnswering(status: number | null, body: unknown) {
  const text = body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const warnings: string[] = [];
  const provider = createRunwareProvider({
    apiKey: KEY,
    submitRetries: 0,
    fetch: async () => new Response(text, { status: status ?? 200, headers: { 'content-type': 'application/json' } }),
    logger: { warn: (message) => warnings.push(message), error: () => undefined },
  });
  return { provider, warnings };
}

describe('Runware answers (fixture answers) through the Runware provider', () => {
  it('lists the 28 shapes', () => expect(fixture.answers).toHaveLength(28));

  it.each(fixture.answers.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const { kit } = row;
    const text = row.body === null ? '' : typeof row.body === 'string' ? row.body : JSON.stringify(row.body);
    // Nothing an SDK reads is malformed; only a body that is not JSON at all is.
    const parsed = parseRunwareResponse(text);
    if (typeof row.body === 'string' || row.body === null) expect(parsed.malformed).toMatchObject([{ where: 'body' }]);
    else expect(parsed.malformed).toEqual([]);

    const { provider } = providerAnswering(row.httpStatus, row.body);
    if (kit.phase === 'submit') {
      const outcome = await provider.submit({ taskUUID: TASK, input: { positivePrompt: 'A fox' } });
      expect(outcome.accepted).toBe(kit.outcome === 'accepted');
      return;
    }
    const outcome = await provider.poll(TASK);
    if (kit.outcome === 'retry') {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: kit.code, kind: kit.kind, retryable: kit.retryable });
      return;
    }
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { update } = outcome;
    expect(update.results).toHaveLength(kit.videos ?? 0);
    if (kit.outcome === 'running') {
      expect(update.processing).toBe(true);
      expect(update.error).toBeUndefined();
      expect(update.progress).toBe(kit.progress);
    }
    if (kit.outcome === 'success') expect(update.error).toBeUndefined();
    if (kit.nsfwContent !== undefined) expect(update.results[0]?.NSFWContent).toBe(kit.nsfwContent);
    if (kit.videoURL !== undefined) expect(update.results[0]?.videoURL).toBe(kit.videoURL);
    if (kit.outcome === 'error') {
      expect(update.error).toMatchObject({ code: kit.code, kind: kit.kind, retryable: kit.retryable });
      if (kit.parameter !== undefined) expect(update.error?.parameter).toBe(kit.parameter);
      const message = kit.message === 'kit' ? DEFAULT_ERROR_MESSAGES[kit.kind as SeedanceErrorKind] : kit.message;
      if (message !== undefined) expect(update.error?.message).toBe(message);
    }
  });
});

describe('statuses are open-ended', () => {
  it.each(['queued', 'pending', 'scheduled', 'waiting', 'processing', 'completed', 'warming-up'])('%s is a task still running', async (status) => {
    const { provider } = providerAnswering(200, { data: [{ taskType: 'videoInference', taskUUID: TASK, status, progress: 10 }] });
    const outcome = await provider.poll(TASK);
    expect(outcome).toEqual({ ok: true, update: { results: [], processing: true, progress: 10 } });
  });

  it('a status the kit does not know is logged once per provider, and never fails the task', async () => {
    const { provider, warnings } = providerAnswering(200, { data: [{ taskUUID: TASK, status: 'warming-up' }] });
    for (let i = 0; i < 3; i++) expect((await provider.poll(TASK)).ok).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"warming-up"');
    const known = providerAnswering(200, { data: [{ taskUUID: TASK, status: 'queued' }] });
    await known.provider.poll(TASK);
    expect(known.warnings).toEqual([]);
  });

  it('a webhook body shaped {error, taskUUID} is an error for that task, not a result', () => {
    const { provider } = providerAnswering(200, {});
    const [delivery] = provider.readWebhook(JSON.stringify({ error: { code: 'processingFailed', message: 'x' }, taskUUID: TASK, taskType: 'videoInference' }));
    expect(delivery).toMatchObject({ taskUUID: TASK, update: { results: [], processing: false, error: { kind: 'provider', code: 'processingFailed' } } });
  });
});
