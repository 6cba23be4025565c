import { createLocalRunware, type LocalRunware, type LocalRunwareServer } from '@seedance-kit/local-runware';
import { createRunwareProvider, type ProviderUpdate } from '@seedance-kit/core/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASIC_INPUT, FAKE_KEY, FAST_TIMING, startStack } from './support/harness.js';

let runware: LocalRunware;
let server: LocalRunwareServer;
beforeAll(async () => {
  runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING });
  server = await runware.listen();
});
afterAll(() => runware.close());

describe('createRunwareProvider against the local Runware', () => {
  it('submits one JSON array with a Bearer key and an exact int64 seed, then polls to the results', async () => {
    const sent: { auth: string | null; body: string }[] = [];
    const provider = createRunwareProvider({
      apiKey: FAKE_KEY,
      baseUrl: `${server.url}/v1`,
      fetch: async (input, init) => {
        sent.push({ auth: new Headers(init?.headers).get('authorization'), body: String(init?.body) });
        return fetch(input, init);
      },
    });
    const taskUUID = crypto.randomUUID();
    const outcome = await provider.submit({ taskUUID, input: { ...BASIC_INPUT, seed: '9223372036854775807' }, includeCost: true });
    expect(outcome).toEqual({ accepted: true });
    expect(sent[0]!.auth).toBe(`Bearer ${FAKE_KEY}`);
    expect(sent[0]!.body.startsWith('[{"taskType":"videoInference"')).toBe(true);
    expect(sent[0]!.body).toContain('"seed":9223372036854775807,');
    expect(sent[0]!.body).toContain('"deliveryMethod":"async"');
    expect(sent[0]!.body).toContain('"includeCost":true');

    const update: ProviderUpdate = await vi.waitFor(
      async () => {
        const poll = await provider.poll(taskUUID);
        if (!poll.ok || poll.update.results.length === 0) throw new Error('not finished yet');
        return poll.update;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(update.results[0]).toMatchObject({ seed: '9223372036854775807' });
    expect(update.results[0]!.cost).toBeGreaterThan(0);
    expect(sent.at(-1)!.body).toBe(`[{"taskType":"getResponse","taskUUID":"${taskUUID}"}]`);
    // Submitting the same taskUUID again is refused by Runware as a duplicate: the provider
    // reads that as "already there", and nothing runs twice.
    expect(await provider.submit({ taskUUID, input: BASIC_INPUT })).toEqual({ accepted: true });
  });

  it('reads webhook bodies: a flat result, an error, and junk', () => {
    const provider = createRunwareProvider({ apiKey: FAKE_KEY });
    const taskUUID = crypto.randomUUID();
    const [result] = provider.readWebhook(
      `{"taskType":"videoInference","taskUUID":"${taskUUID}","status":"success","videoUUID":"v1","videoURL":"https://cdn.example/v1.mp4","seed":9223372036854775807,"cost":0.01}`,
    );
    expect(result).toEqual({ taskUUID, update: { results: [{ videoUUID: 'v1', videoURL: 'https://cdn.example/v1.mp4', seed: '9223372036854775807', cost: 0.01 }], processing: false } });
    const [failure] = provider.readWebhook(JSON.stringify({ taskType: 'videoInference', taskUUID, status: 'error', code: 'contentPolicyViolation', message: 'Blocked.' }));
    expect(failure!.update.error).toMatchObject({ kind: 'moderation', code: 'contentPolicyViolation', message: 'Blocked.' });
    expect(provider.readWebhook('not json')).toEqual([]);
    expect(provider.readWebhook('[1,2]')).toEqual([]);
  });

  it('answers a poll for a task Runware never saw with a not_found failure, not an endless wait', async () => {
    const provider = createRunwareProvider({ apiKey: FAKE_KEY, baseUrl: `${server.url}/v1` });
    const poll = await provider.poll(crypto.randomUUID());
    expect(poll.ok).toBe(true);
    expect(poll.ok && poll.update.error).toMatchObject({ kind: 'not_found', code: 'taskFailedOrNotFound' });
  });

  it('needs a key', () => {
    expect(() => createRunwareProvider({ apiKey: '' })).toThrow(/apiKey/);
  });
});

describe('the handler when Runware cannot be reached', () => {
  it('fails the task with a typed provider error after safe retries (no hang, no key shown, not blamed on the user’s connection)', async () => {
    const stack = await startStack({ handler: { baseUrl: 'http://127.0.0.1:1/v1' } });
    try {
      const res = await stack.api.create(BASIC_INPUT);
      expect(res.status).toBe(201);
      expect(res.body.task).toMatchObject({ status: 'failed', error: { kind: 'provider', code: 'providerUnreachable', retryable: true } });
      expect(stack.api.transcript.text).not.toContain(FAKE_KEY);
      const read = await stack.api.get(res.body.task.id, res.body.token);
      expect(read.body.status).toBe('failed');
    } finally {
      await stack.close();
    }
  });
});
