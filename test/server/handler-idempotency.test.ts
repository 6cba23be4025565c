import { HEADERS } from '@seedance-kit/core/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASIC_INPUT, problemOf, startStack, type Stack } from './support/harness.js';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => stack.close());

describe('Idempotency-Key: the same key is the same task and pays once', () => {
  it('returns the same task for a repeated key, and Runware sees one submit', async () => {
    const key = crypto.randomUUID();
    const first = await stack.api.create(BASIC_INPUT, { key });
    expect(first.status).toBe(201);
    expect(first.headers.get(HEADERS.idempotentReplay)).toBeNull();
    const again = await stack.api.create(BASIC_INPUT, { key });
    expect(again.status).toBe(200);
    expect(again.headers.get(HEADERS.idempotentReplay)).toBe('true');
    expect(again.body.task.id).toBe(first.body.task.id);
    expect(again.body.token).toBe(first.body.token);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));

    const done = await stack.api.finished(first.body.task.id, first.body.token);
    expect(done.status).toBe('succeeded');
    // Still the same after it finished.
    const late = await stack.api.create(BASIC_INPUT, { key });
    expect(late.body.task).toMatchObject({ id: first.body.task.id, status: 'succeeded' });
    expect(stack.runware.stats.submitted).toBe(1);
    expect(stack.runware.stats.rendered).toBe(1);
  });

  it('makes one task of many concurrent creates with the same key', async () => {
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => stack.api.create(BASIC_INPUT, { key })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(7);
    expect(new Set(answers.map((a) => a.body.task.id)).size).toBe(1);
    const [first] = answers;
    await stack.api.finished(first!.body.task.id, first!.body.token);
    expect(stack.runware.stats.submitted).toBe(1);
  });

  it('does not count replays against the rate limit', async () => {
    const strict = await startStack({ handler: { policy: { rateLimit: { max: 1, windowMs: 60_000 } } } });
    try {
      const key = crypto.randomUUID();
      expect((await strict.api.create(BASIC_INPUT, { key })).status).toBe(201);
      expect((await strict.api.create(BASIC_INPUT, { key })).status).toBe(200);
      expect((await strict.api.create(BASIC_INPUT, { key: crypto.randomUUID() })).status).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('refuses the same key with a different body', async () => {
    const key = crypto.randomUUID();
    await stack.api.create(BASIC_INPUT, { key });
    const other = await stack.api.create({ ...BASIC_INPUT, duration: 2 }, { key });
    expect(other.status).toBe(422);
    expect(problemOf(other)).toMatchObject({ code: 'idempotency_key_reused', kind: 'validation' });
    expect(stack.runware.stats.submitted).toBe(1);
  });

  it('treats different keys, and no key, as different tasks', async () => {
    const a = await stack.api.create(BASIC_INPUT, { key: crypto.randomUUID() });
    const b = await stack.api.create(BASIC_INPUT, { key: crypto.randomUUID() });
    const c = await stack.api.create(BASIC_INPUT);
    expect(new Set([a.body.task.id, b.body.task.id, c.body.task.id]).size).toBe(3);
    expect(stack.runware.stats.submitted).toBe(3);
  });
});
