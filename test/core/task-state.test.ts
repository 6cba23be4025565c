import { describe, expect, it } from 'vitest';
import {
  TASK_EVENT_TYPES,
  TASK_STATUSES,
  createTaskMachine,
  initialTaskState,
  isActive,
  isTerminal,
  transition,
  type TaskError,
  type TaskEvent,
  type TaskEventType,
  type TaskResult,
  type TaskState,
  type TaskStatus,
} from '@seedance-kit/core';

const video = (n: number): TaskResult => ({ videoUUID: `v-${n}`, videoURL: `https://example.com/${n}.mp4`, seed: String(n) });
const providerError: TaskError = { kind: 'provider', code: 'inferenceError', message: 'failed', retryable: true };

/** A representative state for every status, built by running events from idle. */
function stateIn(status: TaskStatus): TaskState {
  const run = (...events: TaskEvent[]) => events.reduce<TaskState>((s, e) => transition(s, e).state, initialTaskState);
  const submitting: TaskEvent[] = [{ type: 'submit', numberResults: 2 }];
  const queued: TaskEvent[] = [...submitting, { type: 'ack', taskId: 't1' }];
  const processing: TaskEvent[] = [...queued, { type: 'status', status: 'processing', progress: 10 }, { type: 'result', result: video(1) }];
  const succeeded: TaskEvent[] = [...processing, { type: 'result', result: video(2) }];
  const byStatus: Record<TaskStatus, TaskEvent[]> = {
    idle: [],
    submitting,
    queued,
    processing,
    succeeded,
    failed: [...processing, { type: 'error', error: providerError }],
    cancelled: [...queued, { type: 'cancel' }],
    expired: [...succeeded, { type: 'expire' }],
  };
  const state = run(...byStatus[status]);
  expect(state.status).toBe(status);
  return state;
}

const sample: Record<TaskEventType, TaskEvent> = {
  submit: { type: 'submit', numberResults: 2 },
  ack: { type: 'ack', taskId: 't2' },
  status: { type: 'status', status: 'processing', progress: 50 },
  result: { type: 'result', result: video(3) },
  error: { type: 'error', error: providerError },
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  reset: { type: 'reset' },
  timeout: { type: 'timeout' },
  expire: { type: 'expire' },
};

// The whole table: where each event leads from each status ('-' = not applied, state unchanged).
const table: Record<TaskStatus, Record<TaskEventType, TaskStatus | '-'>> = {
  idle: { submit: 'submitting', ack: '-', status: '-', result: '-', error: '-', cancel: '-', retry: '-', reset: '-', timeout: '-', expire: '-' },
  submitting: { submit: '-', ack: 'queued', status: '-', result: '-', error: 'failed', cancel: 'cancelled', retry: '-', reset: 'idle', timeout: 'failed', expire: '-' },
  queued: { submit: '-', ack: '-', status: 'processing', result: 'processing', error: 'failed', cancel: 'cancelled', retry: '-', reset: 'idle', timeout: 'failed', expire: '-' },
  processing: { submit: '-', ack: '-', status: 'processing', result: 'succeeded', error: 'failed', cancel: 'cancelled', retry: '-', reset: 'idle', timeout: 'failed', expire: '-' },
  succeeded: { submit: 'submitting', ack: '-', status: '-', result: '-', error: '-', cancel: '-', retry: '-', reset: 'idle', timeout: '-', expire: 'expired' },
  failed: { submit: 'submitting', ack: '-', status: '-', result: '-', error: '-', cancel: '-', retry: 'submitting', reset: 'idle', timeout: '-', expire: '-' },
  cancelled: { submit: 'submitting', ack: '-', status: '-', result: '-', error: '-', cancel: '-', retry: 'submitting', reset: 'idle', timeout: '-', expire: '-' },
  expired: { submit: 'submitting', ack: '-', status: '-', result: '-', error: '-', cancel: '-', retry: 'submitting', reset: 'idle', timeout: '-', expire: '-' },
};

describe('transition: every status × every event', () => {
  it('covers all statuses and events', () => {
    expect(Object.keys(table).sort()).toEqual([...TASK_STATUSES].sort());
    for (const row of Object.values(table)) expect(Object.keys(row).sort()).toEqual([...TASK_EVENT_TYPES].sort());
  });

  for (const status of TASK_STATUSES) {
    for (const type of TASK_EVENT_TYPES) {
      const expected = table[status][type];
      it(`${status} + ${type} → ${expected === '-' ? 'unchanged' : expected}`, () => {
        const before = stateIn(status);
        const result = transition(before, sample[type]);
        if (expected === '-') {
          expect(result.applied).toBe(false);
          expect(result.reason).toMatch(/\w/);
          expect(result.state).toBe(before);
        } else {
          expect(result.applied).toBe(true);
          expect(result.reason).toBeUndefined();
          expect(result.state.status).toBe(expected);
        }
      });
    }
  }
});

describe('transition: details', () => {
  it('collects results in any order up to numberResults and ignores a repeat', () => {
    let state = transition(initialTaskState, { type: 'submit', numberResults: 3 }).state;
    state = transition(state, { type: 'ack', taskId: 't' }).state;
    state = transition(state, { type: 'result', result: video(2) }).state;
    const repeat = transition(state, { type: 'result', result: video(2) });
    expect(repeat).toMatchObject({ applied: false, reason: 'duplicate result' });
    state = transition(state, { type: 'result', result: video(1) }).state;
    expect(state).toMatchObject({ status: 'processing', results: [video(2), video(1)] });
    state = transition(state, { type: 'result', result: video(3) }).state;
    expect(state).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(state.results.map((r) => r.videoUUID)).toEqual(['v-2', 'v-1', 'v-3']);
  });

  it('keeps partial results on failure and clears them on retry, counting attempts', () => {
    const failed = stateIn('failed');
    expect(failed.results).toHaveLength(1);
    expect(failed.error).toEqual(providerError);
    const retried = transition(failed, { type: 'retry' }).state;
    expect(retried).toEqual({ status: 'submitting', numberResults: 2, results: [], attempt: 2 });
  });

  it('never lowers progress and never goes back from processing to queued', () => {
    const processing = stateIn('processing');
    expect(transition(processing, { type: 'status', status: 'processing', progress: 5 })).toMatchObject({ applied: false });
    expect(transition(processing, { type: 'status', status: 'queued' })).toMatchObject({ applied: false });
    expect(transition(processing, { type: 'status', status: 'processing', progress: 250 }).state.progress).toBe(100);
  });

  it('gives timeout a typed, retryable error', () => {
    const state = transition(stateIn('queued'), { type: 'timeout' }).state;
    expect(state.error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('refuses a submit without a positive integer count and an unknown event, without throwing', () => {
    expect(transition(initialTaskState, { type: 'submit', numberResults: 0 }).applied).toBe(false);
    expect(transition(initialTaskState, { type: 'bogus' } as unknown as TaskEvent)).toMatchObject({ applied: false, state: initialTaskState });
  });

  it('isTerminal and isActive split the statuses', () => {
    expect(TASK_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'failed', 'cancelled', 'expired']);
    expect(TASK_STATUSES.filter(isActive)).toEqual(['submitting', 'queued', 'processing']);
  });
});

describe('createTaskMachine', () => {
  it('notifies subscribers of applied events only, until they unsubscribe', () => {
    const machine = createTaskMachine();
    const seen: TaskStatus[] = [];
    const stop = machine.subscribe((state) => seen.push(state.status));
    machine.send({ type: 'ack', taskId: 'x' });
    machine.send({ type: 'submit', numberResults: 1 });
    machine.send({ type: 'ack', taskId: 'x' });
    stop();
    machine.send({ type: 'cancel' });
    expect(seen).toEqual(['submitting', 'queued']);
    expect(machine.getState().status).toBe('cancelled');
  });
});
