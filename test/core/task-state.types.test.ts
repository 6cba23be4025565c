import type { TaskError, TaskResult, TaskState, TaskStateOf, TaskStatus, VideoTaskState } from '@seedance-kit/core';
import { isActive, isTerminal, transition } from '@seedance-kit/core';
import { describe, expectTypeOf, it } from 'vitest';

// Type-level tests: checked by `npm run typecheck` (tsc reads test/), trivially true at run time.
describe('TaskState: a discriminated union over status', () => {
  it('has an error only when failed, and a task id from the ack on', () => {
    expectTypeOf<TaskStateOf<'failed'>['error']>().toEqualTypeOf<TaskError>();
    expectTypeOf<TaskStateOf<'succeeded'>['error']>().toEqualTypeOf<undefined>();
    expectTypeOf<TaskStateOf<'idle'>['error']>().toEqualTypeOf<undefined>();
    expectTypeOf<TaskStateOf<'queued'>['taskId']>().toEqualTypeOf<string>();
    expectTypeOf<TaskStateOf<'succeeded'>['taskId']>().toEqualTypeOf<string>();
    expectTypeOf<TaskStateOf<'submitting'>['taskId']>().toEqualTypeOf<undefined>();
    expectTypeOf<TaskStateOf<'failed'>['taskId']>().toEqualTypeOf<string | undefined>();
    // No results before the backend has the task.
    expectTypeOf<TaskStateOf<'idle'>['results']>().toEqualTypeOf<readonly []>();
    expectTypeOf<TaskStateOf<'processing'>['results']>().toEqualTypeOf<readonly TaskResult[]>();
    expectTypeOf<TaskState['status']>().toEqualTypeOf<TaskStatus>();
  });

  it('narrows on status', () => {
    const state = transition({ status: 'idle', numberResults: 1, results: [], attempt: 0 }, { type: 'submit', numberResults: 1 }).state;
    if (state.status === 'failed') expectTypeOf(state.error).toEqualTypeOf<TaskError>();
    else expectTypeOf(state.error).toEqualTypeOf<undefined>();
    if (isActive(state.status)) expectTypeOf(state.status).toEqualTypeOf<'submitting' | 'queued' | 'processing'>();
    if (isTerminal(state.status)) expectTypeOf(state.status).toEqualTypeOf<'succeeded' | 'failed' | 'cancelled' | 'expired'>();
  });
});

describe('VideoTaskState', () => {
  it('is the task union plus the controller details, narrowable the same way', () => {
    expectTypeOf<VideoTaskState<'failed'>['error']>().toEqualTypeOf<TaskError>();
    expectTypeOf<VideoTaskState<'succeeded'>['taskId']>().toEqualTypeOf<string>();
    expectTypeOf<VideoTaskState['isActive']>().toEqualTypeOf<boolean>();
    expectTypeOf<VideoTaskState<'succeeded'>>().toMatchTypeOf<VideoTaskState>();
    const narrow = (s: VideoTaskState) => (s.status === 'failed' ? s.error.kind : undefined);
    expectTypeOf(narrow).returns.toEqualTypeOf<TaskError['kind'] | undefined>();
  });
});
