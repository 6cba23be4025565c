import { describe, expect, it } from 'vitest';
import { parseStoredTask } from '../../packages/core/src/client/stored-task.js';

// The resume record carries what the callbacks already told, so a reload does not tell it again;
// a malformed `notified` costs only that de-duplication, never the resume itself.
const base = { v: 1, idempotencyKey: 'k', numberResults: 2, startedAt: 1, taskId: 't', token: 'tok' };

describe('parseStoredTask: notified', () => {
  it('keeps a well-formed notified', () => {
    expect(parseStoredTask(JSON.stringify({ ...base, notified: { status: 'processing', results: 1 } }))).toEqual({ ...base, notified: { status: 'processing', results: 1 } });
  });

  it.each([{ status: 'dancing', results: 1 }, { status: 'queued', results: -1 }, { status: 'queued', results: 1.5 }, 'processing', null])('drops a malformed notified (%j) but keeps the task', (notified) => {
    expect(parseStoredTask(JSON.stringify({ ...base, notified }))).toEqual(base);
  });

  it('reads a record from before notified existed', () => {
    expect(parseStoredTask(JSON.stringify(base))).toEqual(base);
  });
});
