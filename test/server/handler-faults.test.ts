import type { LocalRunwareFault } from '@seedance-kit/local-runware';
import { afterEach, describe, expect, it } from 'vitest';
import { BASIC_INPUT, FAKE_KEY, startStack, type Stack, type StackOptions } from './support/harness.js';

let stack: Stack | undefined;
afterEach(async () => {
  if (stack) expect(stack.api.transcript.text).not.toContain(FAKE_KEY);
  await stack?.close();
  stack = undefined;
});

async function run(faults: readonly LocalRunwareFault[], options: StackOptions = {}, input: Record<string, unknown> = BASIC_INPUT) {
  stack = await startStack({ ...options, faults });
  const created = await stack.api.create(input);
  expect(created.status).toBe(201);
  const { task, token } = created.body;
  const done = task.status === 'failed' ? task : await stack.api.finished(task.id, token);
  return { created: created.body.task, done, stats: stack.runware.stats, stack };
}

/** Every fault ends in a typed error or a recovered result: never a hang, a crash or a second charge. */
describe('faults on submit', () => {
  it('slowAck past the request timeout: retried with the same taskUUID, Runware says duplicate, one task runs', async () => {
    const { done, stats } = await run([{ kind: 'slowAck', delayMs: 1_500, times: 1 }], { handler: { retry: { requestTimeoutMs: 300, submitRetryDelayMs: 20 } } });
    expect(done.status).toBe('succeeded');
    expect(stats.submitted).toBe(1);
    expect(stats.rendered).toBe(1);
  });

  it('slowAck within the timeout: just slower', async () => {
    const { created, done, stats } = await run([{ kind: 'slowAck', delayMs: 200 }]);
    expect(created.status).toBe('queued');
    expect(done.status).toBe('succeeded');
    expect(stats.submitted).toBe(1);
  });

  it('serverError (nothing accepted) a few times: retried until accepted, one task', async () => {
    const { done, stats } = await run([{ kind: 'serverError', status: 503, times: 2 }]);
    expect(done.status).toBe('succeeded');
    expect(stats.submitted).toBe(1);
  });

  it('serverError every time: a typed provider error after the retries, nothing charged', async () => {
    const { created, stats } = await run([{ kind: 'serverError', status: 500 }]);
    expect(created.status).toBe('failed');
    expect(created.error).toMatchObject({ kind: 'provider', retryable: true, status: 500 });
    expect(stats.submitted).toBe(0);
    expect(stats.charged).toBe(0);
  });

  it('malformedJson on the ack (the task was accepted): the retry finds the duplicate, one task', async () => {
    const { done, stats } = await run([{ kind: 'malformedJson', times: 1 }]);
    expect(done.status).toBe('succeeded');
    expect(stats.submitted).toBe(1);
    expect(stats.rendered).toBe(1);
  });

  it('rateLimit (429 queueFull) a few times: backed off and retried', async () => {
    const { done, stats } = await run([{ kind: 'rateLimit', times: 2 }], { handler: { retry: { submitRetryDelayMs: 10 } } });
    expect(done.status).toBe('succeeded');
    expect(stats.submitted).toBe(1);
  }, 15_000);

  it('rateLimit every time: a typed, retryable rate_limit error', async () => {
    const { created, stats } = await run([{ kind: 'rateLimit' }], { handler: { retry: { submitRetries: 1 } } });
    expect(created.status).toBe('failed');
    expect(created.error).toMatchObject({ kind: 'rate_limit', code: 'queueFull', retryable: true, status: 429 });
    expect(stats.submitted).toBe(0);
  });

  it('insufficientCredits: a typed credits error at once, no retry', async () => {
    const { created, stats } = await run([{ kind: 'insufficientCredits' }]);
    expect(created.status).toBe('failed');
    expect(created.error).toMatchObject({ kind: 'credits', code: 'insufficientCredits', retryable: false, status: 402 });
    expect(created.error?.message).not.toMatch(/funds to your account/);
    expect(stats.submitted).toBe(0);
  });
});

describe('faults while the task runs', () => {
  it('moderation: failed with the provider’s message', async () => {
    const { done } = await run([{ kind: 'moderation' }]);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'moderation', code: 'contentPolicyViolation', retryable: false });
    expect(done.error?.message).toMatch(/content policy/);
  });

  it('timeout (timeoutProvider): failed with a retryable provider error', async () => {
    const { done } = await run([{ kind: 'timeout', delayMs: 100 }]);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'provider', code: 'timeoutProvider', retryable: true });
  });

  it('serverError on polls: backed off, then the result', async () => {
    stack = await startStack();
    const created = await stack.api.create(BASIC_INPUT);
    stack.runware.injectFault({ kind: 'serverError', times: 3 });
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
    expect(stack.logLines.filter((line) => /poll of task .* failed \(serviceUnavailable\)/.test(line))).toHaveLength(3);
  });

  it('malformedJson on polls: backed off, then the result', async () => {
    stack = await startStack();
    const created = await stack.api.create(BASIC_INPUT);
    stack.runware.injectFault({ kind: 'malformedJson', times: 2 });
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('succeeded');
  });

  it('polls failing every time: the task fails with the last error after maxConsecutiveFailures', async () => {
    stack = await startStack({ handler: { polling: { firstDelayMs: 10, secondDelayMs: 5, maxDelayMs: 20, retryBaseDelayMs: 5, maxConsecutiveFailures: 4 } } });
    const created = await stack.api.create(BASIC_INPUT);
    stack.runware.injectFault({ kind: 'serverError', status: 502 });
    const done = await stack.api.finished(created.body.task.id, created.body.token);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'provider', status: 502, retryable: true });
  });

  it('a task that never finishes: failed at the polling deadline with a timeout error', async () => {
    const { done } = await run([{ kind: 'timeout', delayMs: 60_000 }], { handler: { polling: { firstDelayMs: 10, secondDelayMs: 5, maxDelayMs: 30, deadlineMs: 300 } } });
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'timeout', code: 'pollDeadline', retryable: true });
  });

  it('expireUrl: the task succeeds, its URL answers 410 (no hang)', async () => {
    const { done } = await run([{ kind: 'expireUrl' }]);
    expect(done.status).toBe('succeeded');
    const file = await fetch(done.results[0]!.videoURL);
    expect(file.status).toBe(410);
    await file.body?.cancel();
  });

  it('a fault matched to one multi-result task fails that task as a whole', async () => {
    const { done } = await run([{ kind: 'moderation', match: (task) => task.numberResults === 2 }], {}, { ...BASIC_INPUT, numberResults: 2 });
    expect(done.status).toBe('failed');
    expect(done.error?.kind).toBe('moderation');
  });
});
