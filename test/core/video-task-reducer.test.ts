import type { GenerationInput, TaskError, TaskSnapshot, TaskStatus } from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';
import {
  initialVideoTaskControllerState as initial,
  videoTaskReducer,
  type VideoTaskAction,
  type VideoTaskControllerState,
} from '../../packages/core/src/client/video-task-reducer.js';

// The controller's reducer is internal (not exported by the package); it is tested here as a
// table: every representative state × every action → the status it leads to, or '-' for "not
// applied" (the very same object, so nothing is announced).

const INPUT: GenerationInput = { positivePrompt: 'A lighthouse at dawn', width: 864, height: 480, numberResults: 2 };
const network: TaskError = { kind: 'network', code: 'network', message: 'offline', retryable: true };
const video = (n: number) => ({ videoUUID: `v${n}`, videoURL: `https://example.com/v${n}.mp4`, seed: String(n), cost: 0.01 });
const snap = (over: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  id: 't1',
  status: 'queued',
  version: 1,
  createdAt: '2026-12-05T09:00:00.000Z',
  updatedAt: '2026-12-05T09:00:00.000Z',
  numberResults: 2,
  results: [],
  estimatedCostUsd: 0.2,
  input: INPUT,
  ...over,
});

type ActionOf = (s: VideoTaskControllerState) => VideoTaskAction;
const start: ActionOf = () => ({ type: 'start', input: INPUT, idempotencyKey: 'k1', at: 1000 });
const created: ActionOf = (s) => ({ type: 'created', run: s.run, task: snap(), token: 'tok' });
const snapshot = (over: Partial<TaskSnapshot>): ActionOf => (s) => ({ type: 'snapshot', run: s.run, snapshot: snap(over), at: 2000 });

const run = (...actions: ActionOf[]) => actions.reduce((s, a) => videoTaskReducer(s, a(s)), initial);

const states = {
  idle: initial,
  submitting: run(start),
  queued: run(start, created),
  processing: run(start, created, snapshot({ status: 'processing', version: 2, progress: 10, results: [video(1)] })),
  succeeded: run(start, created, snapshot({ status: 'succeeded', version: 3, results: [video(1), video(2)] })),
  'failed in create': run(start, (s) => ({ type: 'fail', run: s.run, error: network, where: 'create' })),
  'failed following': run(start, created, (s) => ({ type: 'fail', run: s.run, error: network, where: 'follow' })),
  'cancelled in create': run(start, () => ({ type: 'cancel' })),
  'resuming by id': run(() => ({ type: 'resume', taskId: 't1', token: 'tok', at: 1000, idempotencyKey: 'k2' })),
} satisfies Record<string, VideoTaskControllerState>;
type StateName = keyof typeof states;

const actions = {
  start,
  created,
  snapshot: snapshot({ status: 'processing', version: 5, progress: 60, results: [video(1)] }),
  'stale snapshot': (s) => ({ type: 'snapshot', run: s.run - 1, snapshot: snap({ status: 'processing', version: 9 }), at: 2000 }),
  transport: (s) => ({ type: 'transport', run: s.run, transport: 'polling' }),
  fail: (s) => ({ type: 'fail', run: s.run, error: network, where: 'follow' }),
  resume: () => ({ type: 'resume', taskId: 't9', token: 'tok9', at: 3000, idempotencyKey: 'k9' }),
  refollow: () => ({ type: 'refollow' }),
  cancel: () => ({ type: 'cancel' }),
  reset: () => ({ type: 'reset' }),
  attach: () => ({ type: 'attach' }),
  detach: () => ({ type: 'detach' }),
  abandoned: () => ({ type: 'abandoned', idempotencyKey: 'k1' }),
} satisfies Record<string, ActionOf>;
type ActionName = keyof typeof actions;

type To = TaskStatus | '-';
// prettier-ignore
const table: Record<StateName, Record<ActionName, To>> = {
  idle:                  { start: 'submitting', created: '-',      snapshot: '-',          'stale snapshot': '-', transport: '-',          fail: '-',      resume: 'submitting', refollow: '-',      cancel: '-',         reset: '-',    attach: 'idle', detach: '-',          abandoned: '-' },
  submitting:            { start: '-',          created: 'queued', snapshot: '-',          'stale snapshot': '-', transport: 'submitting', fail: 'failed', resume: 'submitting', refollow: '-',      cancel: 'cancelled', reset: 'idle', attach: '-',    detach: 'submitting', abandoned: '-' },
  queued:                { start: '-',          created: '-',      snapshot: 'processing', 'stale snapshot': '-', transport: 'queued',     fail: 'failed', resume: 'submitting', refollow: '-',      cancel: 'cancelled', reset: 'idle', attach: '-',    detach: 'queued',     abandoned: '-' },
  processing:            { start: '-',          created: '-',      snapshot: 'processing', 'stale snapshot': '-', transport: 'processing', fail: 'failed', resume: 'submitting', refollow: '-',      cancel: 'cancelled', reset: 'idle', attach: '-',    detach: 'processing', abandoned: '-' },
  succeeded:             { start: 'submitting', created: '-',      snapshot: '-',          'stale snapshot': '-', transport: '-',          fail: '-',      resume: 'submitting', refollow: '-',      cancel: '-',         reset: 'idle', attach: '-',    detach: 'succeeded',  abandoned: '-' },
  'failed in create':    { start: 'submitting', created: '-',      snapshot: '-',          'stale snapshot': '-', transport: '-',          fail: '-',      resume: 'submitting', refollow: '-',      cancel: '-',         reset: 'idle', attach: '-',    detach: 'failed',     abandoned: '-' },
  'failed following':    { start: 'submitting', created: '-',      snapshot: '-',          'stale snapshot': '-', transport: '-',          fail: '-',      resume: 'submitting', refollow: 'queued', cancel: '-',         reset: 'idle', attach: '-',    detach: 'failed',     abandoned: '-' },
  'cancelled in create': { start: 'submitting', created: '-',      snapshot: '-',          'stale snapshot': '-', transport: '-',          fail: '-',      resume: 'submitting', refollow: '-',      cancel: '-',         reset: 'idle', attach: '-',    detach: 'cancelled',  abandoned: 'cancelled' },
  'resuming by id':      { start: '-',          created: '-',      snapshot: 'processing', 'stale snapshot': '-', transport: 'submitting', fail: 'failed', resume: 'submitting', refollow: '-',      cancel: 'cancelled', reset: 'idle', attach: '-',    detach: 'submitting', abandoned: '-' },
};

describe('videoTaskReducer: every state × every action', () => {
  const cases = Object.entries(table).flatMap(([state, row]) =>
    Object.entries(row).map(([action, to]) => ({ state: state as StateName, action: action as ActionName, to })),
  );
  it.each(cases)('$state + $action → $to', ({ state, action, to }) => {
    const before = states[state];
    const after = videoTaskReducer(before, actions[action](before));
    if (to === '-') expect(after).toBe(before);
    else {
      expect(after).not.toBe(before);
      expect(after.task.status).toBe(to);
    }
  });
});

describe('videoTaskReducer: details', () => {
  it('starts a run: a new run number, attached, the create awaited under its key', () => {
    expect(states.submitting).toMatchObject({ run: 1, attached: true, creating: 'k1', idempotencyKey: 'k1', input: INPUT, startedAt: 1000 });
    expect(states.submitting.task).toEqual({ status: 'submitting', numberResults: 2, results: [], attempt: 1 });
  });

  it('fails a refused start at once, without a create', () => {
    const error: TaskError = { kind: 'validation', code: 'invalid_input', message: 'no', retryable: false };
    const refused = videoTaskReducer(initial, { ...start(initial), error } as VideoTaskAction);
    expect(refused).toMatchObject({ failedWhile: 'create', task: { status: 'failed', error } });
    expect(refused.creating).toBeUndefined();
  });

  it('takes the create answer in: id, token, the snapshot', () => {
    expect(states.queued).toMatchObject({ token: 'tok', task: { status: 'queued', taskId: 't1' }, snapshot: { id: 't1' } });
    expect(states.queued.creating).toBeUndefined();
  });

  it('marks a create given up before its answer, so its task is stopped when it arrives', () => {
    expect(states['cancelled in create'].abandoned).toEqual(['k1']);
    expect(videoTaskReducer(states['cancelled in create'], { type: 'abandoned', idempotencyKey: 'k1' }).abandoned).toEqual([]);
  });

  it('resumes with stored details as one action: queued, nothing replayed', () => {
    const resumed = videoTaskReducer(states.succeeded, {
      type: 'resume',
      taskId: 't5',
      token: 'tok5',
      at: 9000,
      idempotencyKey: 'fresh',
      stored: { idempotencyKey: 'k5', numberResults: 3, startedAt: 500 },
    });
    expect(resumed).toMatchObject({ token: 'tok5', idempotencyKey: 'k5', startedAt: 500, run: states.succeeded.run + 1 });
    expect(resumed.task).toEqual({ status: 'queued', taskId: 't5', numberResults: 3, results: [], attempt: 1 });
    expect(resumed.snapshot).toBeUndefined();
  });

  it('learns the size and start of a task resumed by id from its first snapshot', () => {
    const s = states['resuming by id'];
    const at = Date.parse('2026-12-05T10:00:00.000Z');
    const first = videoTaskReducer(s, { type: 'snapshot', run: s.run, snapshot: snap({ numberResults: 3, status: 'processing', version: 4 }), at });
    expect(first.task).toMatchObject({ status: 'processing', taskId: 't1', numberResults: 3 });
    expect(first.startedAt).toBe(Date.parse('2026-12-05T09:00:00.000Z'));
    expect(first.resumeId).toBeUndefined();
  });

  it('ends a task the server finished short of its results with a provider failure', () => {
    const short = videoTaskReducer(states.queued, snapshot({ status: 'succeeded', version: 2, results: [video(1)] })(states.queued));
    expect(short).toMatchObject({ failedWhile: 'task', task: { status: 'failed', error: { kind: 'provider', code: 'incomplete_results' } } });
  });

  it('expires succeeded results only through a snapshot that says so', () => {
    const s = states.processing;
    const expired = videoTaskReducer(s, snapshot({ status: 'expired', version: 6, results: [video(1), video(2)] })(s));
    expect(expired.task.status).toBe('expired');
  });

  it('ignores a snapshot of another task', () => {
    const s = states.queued;
    expect(videoTaskReducer(s, { type: 'snapshot', run: s.run, snapshot: snap({ id: 'other', status: 'processing', version: 7 }), at: 0 })).toBe(s);
  });
});
