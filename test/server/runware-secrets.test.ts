import { createRunwareProvider, createSeedanceHandler } from '@seedance-kit/core/server';
import { describe, expect, it } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, SECRET, serve } from './support/harness.js';

/**
 * Runware's answers are untrusted text, and any field of one may echo the API key back. The
 * provider cuts it out of every field before an update or error leaves it: one test per field.
 */
const TASK = '11111111-1111-4111-8111-111111111111';

function answering(body: unknown, status = 200) {
  return createRunwareProvider({
    apiKey: FAKE_KEY,
    submitRetries: 0,
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  });
}
const echo = `key ${FAKE_KEY} echoed`;

describe('the API key never leaves the Runware provider', () => {
  it.each([
    ['code', { code: `invalid${FAKE_KEY}` }],
    ['message', { code: 'invalidPositivePrompt', message: echo }],
    ['parameter (one)', { code: 'invalidPositivePrompt', parameter: echo }],
    ['parameter (a list)', { code: 'incompatibleParameters', parameter: ['width', echo] }],
    ['a nested error’s message', undefined],
  ] as const)('in an error’s %s', async (_field, entry) => {
    const body = entry ? { errors: [{ ...entry, taskUUID: TASK }] } : { data: [{ taskUUID: TASK, status: 'error', error: { code: 'invalidPositivePrompt', message: echo, parameter: echo } }] };
    const outcome = await answering(body).poll(TASK);
    const text = JSON.stringify(outcome);
    expect(outcome.ok && outcome.update.error).toBeTruthy();
    expect(text).not.toContain(FAKE_KEY);
    expect(text).toContain('[redacted]');
  });

  it('in a refused submit’s error', async () => {
    const outcome = await answering({ errors: [{ code: 'invalidPositivePrompt', message: echo, parameter: [echo] }] }, 400).submit({ taskUUID: TASK, input: { positivePrompt: 'A fox' } });
    expect(outcome.accepted).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(FAKE_KEY);
  });

  it.each(['videoURL', 'videoUUID'] as const)('in a result’s %s', async (field) => {
    const item = { taskUUID: TASK, status: 'success', videoUUID: 'v1', videoURL: 'https://cdn.example/v1.mp4', [field]: `https://cdn.example/${FAKE_KEY}.mp4` };
    const outcome = await answering({ data: [item] }).poll(TASK);
    expect(outcome.ok && outcome.update.results).toHaveLength(1);
    expect(JSON.stringify(outcome)).not.toContain(FAKE_KEY);
  });

  it('in a webhook body', () => {
    const [delivery] = answering({}).readWebhook(JSON.stringify({ error: { code: 'processingFailed', message: echo, parameter: echo }, taskUUID: TASK }));
    expect(delivery?.update.error).toBeDefined();
    expect(JSON.stringify(delivery)).not.toContain(FAKE_KEY);
  });

  it('in the snapshot the browser reads, through the handler', async () => {
    let calls = 0;
    const handler = createSeedanceHandler({
      apiKey: FAKE_KEY,
      secret: SECRET,
      polling: { firstDelayMs: 5, secondDelayMs: 5, maxDelayMs: 10 },
      policy: { rateLimit: null },
      logger: { warn: () => undefined, error: () => undefined },
      fetch: async (_input, init) => {
        const [task] = JSON.parse(String(init?.body)) as { taskUUID: string }[];
        const body = calls++ === 0 ? { data: [] } : { data: [{ taskUUID: task!.taskUUID, status: 'error', error: { code: `invalid${FAKE_KEY}`, message: echo, parameter: [echo] } }] };
        return new Response(JSON.stringify(body), { status: 200 });
      },
    });
    const listening = await serve(handler);
    try {
      const api = new Api(`${listening.url}/api/seedance`);
      const created = await api.create(BASIC_INPUT);
      const done = await api.finished(created.body.task.id, created.body.token);
      expect(done.status).toBe('failed');
      expect(done.error?.kind).toBe('validation');
      expect(api.transcript.text).not.toContain(FAKE_KEY);
    } finally {
      await listening.close();
      await handler.close();
    }
  });
});
