import { createServer } from 'node:http';
import { createLocalRunware, type LocalRunware, type LocalRunwareFault } from '@seedance-kit/local-runware';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import { createSeedanceHandler, type SeedanceHandler } from '@seedance-kit/core/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAKE_KEY, FAST_POLLING, FAST_RETRY, FAST_TIMING, listen, problemOf, quietLogger, SECRET, type Listening } from './support/harness.js';

interface WebhookStack {
  readonly runware: LocalRunware;
  readonly handler: SeedanceHandler;
  readonly api: Api;
  /** Webhook URLs Runware was given, in submit order. */
  readonly webhookURLs: string[];
  close(): Promise<void>;
}

let current: WebhookStack | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/**
 * Real HTTP both ways: the handler submits to the local Runware's port with `webhookURL` set to
 * the handler's own public URL, and the local Runware POSTs each result there.
 */
async function startWebhookStack(faults: readonly LocalRunwareFault[] = [], fallbackPollMs = 60_000): Promise<WebhookStack> {
  const runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING, faults });
  const runwareServer = await runware.listen();
  const webhookURLs: string[] = [];
  let handler: SeedanceHandler | undefined;
  const server: Listening = await listen(createServer(createSeedanceRequestListener((request) => handler!(request))));
  handler = createSeedanceHandler({
    apiKey: FAKE_KEY,
    secret: SECRET,
    publicUrl: `${server.url}/api/seedance`,
    webhook: { fallbackPollMs },
    polling: FAST_POLLING,
    retry: FAST_RETRY,
    logger: quietLogger(),
    // Watches what the provider sends, then passes it on unchanged.
    baseUrl: `${runwareServer.url}/v1`,
    fetch: async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { webhookURL?: string }[];
      if (body[0]?.webhookURL) webhookURLs.push(body[0].webhookURL);
      return fetch(input, init);
    },
  });
  const api = new Api(`${server.url}/api/seedance`);
  current = {
    runware,
    handler,
    api,
    webhookURLs,
    async close() {
      await server.close();
      await handler!.close();
      await runware.close();
    },
  };
  return current;
}

describe('webhook delivery', () => {
  it('gives Runware a signed webhook URL and takes results from it, without polling', async () => {
    const { api, runware, webhookURLs } = await startWebhookStack();
    const created = await api.create({ ...BASIC_INPUT, numberResults: 2 });
    expect(created.status).toBe(201);
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(2);
    expect(runware.stats.webhooksSent).toBe(2);
    expect(runware.stats.polls).toBe(0);
    const url = new URL(webhookURLs[0]!);
    expect(url.pathname).toBe('/api/seedance/webhooks/runware');
    expect(url.searchParams.get('task')).toBe(created.body.task.id);
    expect(url.searchParams.get('sig')).toMatch(/^[\w-]{43}$/);
    expect(api.transcript.text).not.toContain(FAKE_KEY);
  });

  it('ignores a duplicated webhook (one result recorded once)', async () => {
    const { api, runware } = await startWebhookStack([{ kind: 'duplicateWebhook' }]);
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(done.results).toHaveLength(1);
    // The copy comes after the original was answered.
    await vi.waitFor(() => expect(runware.stats.webhooksSent).toBe(2));
    const after = await api.get(created.body.task.id, created.body.token);
    expect(after.body.results).toHaveLength(1);
    expect(after.body.version).toBe(done.version);
  });

  it('recovers a lost webhook by the fallback poll', async () => {
    const { api, runware } = await startWebhookStack([{ kind: 'loseWebhook' }], 100);
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(runware.stats.webhooksSent).toBe(0);
    expect(runware.stats.polls).toBeGreaterThan(0);
  });

  it('takes a failure from a webhook as a typed error', async () => {
    const { api } = await startWebhookStack([{ kind: 'moderation' }]);
    const created = await api.create(BASIC_INPUT);
    const done = await api.finished(created.body.task.id, created.body.token);
    expect(done).toMatchObject({ status: 'failed', error: { kind: 'moderation', code: 'contentPolicyViolation' } });
  });

  it('refuses a wrong signature (401) and ignores unknown tasks, other tasks’ results and duplicates (200)', async () => {
    const { api, webhookURLs } = await startWebhookStack();
    const a = await api.create(BASIC_INPUT);
    const b = await api.create(BASIC_INPUT);
    await api.finished(a.body.task.id, a.body.token);
    const doneB = await api.finished(b.body.task.id, b.body.token);
    const [urlA, urlB] = webhookURLs;
    const post = (url: string, body: unknown) => api.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const result = { taskType: 'videoInference', taskUUID: a.body.task.id, status: 'success', videoUUID: crypto.randomUUID(), videoURL: 'https://evil.example/x.mp4', seed: 1 };

    const forged = new URL(urlA!);
    forged.searchParams.set('sig', 'A'.repeat(43));
    const refused = await post(forged.toString(), result);
    expect(refused.status).toBe(401);
    expect(problemOf(refused)).toMatchObject({ code: 'webhook_unauthorized' });
    // B's URL cannot carry A's results.
    expect((await post(urlB!, result)).body).toEqual({ received: true, applied: false });
    // A duplicate of B's real result changes nothing.
    const real = doneB.results[0]!;
    const duplicate = await post(urlB!, { taskType: 'videoInference', taskUUID: b.body.task.id, status: 'success', videoUUID: real.videoUUID, videoURL: real.videoURL, seed: Number(real.seed) });
    expect(duplicate.body).toEqual({ received: true, applied: false });
    // A finished task takes no more results.
    expect((await post(urlA!, result)).body).toEqual({ received: true, applied: false });
    // Not JSON at all: acknowledged, ignored.
    expect((await api.request(urlA!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })).body).toEqual({ received: true, applied: false });
    const after = await api.get(a.body.task.id, a.body.token);
    expect(after.body.results).toHaveLength(1);
    expect(after.body.results[0]!.videoURL).not.toContain('evil');

    // Another instance with the same secret but without the task: a well-signed call for an
    // unknown task is acknowledged and ignored.
    const other = createSeedanceHandler({ apiKey: 'unused', secret: SECRET, logger: quietLogger() });
    try {
      const answer = await other(new Request(urlA!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) }));
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ received: true, applied: false });
    } finally {
      await other.close();
    }
  });

  it('needs a public URL for webhooks', () => {
    expect(() => createSeedanceHandler({ apiKey: 'k', webhook: true })).toThrow(/public URL/);
  });
});
