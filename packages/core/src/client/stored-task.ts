import type { GenerationInput } from '../spec/generation-input.js';
import { isActive } from '../task/task-state.js';
import { TASK_STATUSES } from '../task/task-state.js';
import type { NotifiedProgress, VideoTaskControllerState } from './video-task-reducer.js';

/** What is kept in storage while a task runs, so a reload resumes it instead of paying again. */
export interface StoredTask {
  readonly v: 1;
  readonly idempotencyKey: string;
  readonly numberResults: number;
  readonly startedAt: number;
  readonly taskId?: string;
  readonly token?: string;
  /** Only until the server answered the create, to send the same create again after a reload. */
  readonly input?: GenerationInput;
  /** What the callbacks already reported, so the page after a reload does not report it again. */
  readonly notified?: NotifiedProgress;
}

/**
 * What storage should hold for this state, or undefined for nothing: a run that is active, or
 * that lost its connection (the task may still run, so a reload or retry finds it). A function of
 * the state alone, so the controller just writes whatever it says after each change.
 */
export function storedTaskOf(state: VideoTaskControllerState): StoredTask | undefined {
  const { task, idempotencyKey, token, input } = state;
  if (idempotencyKey === undefined) return undefined;
  const lost = task.status === 'failed' && task.error.kind === 'network' && state.failedWhile !== 'task';
  if (!isActive(task.status) && !lost) return undefined;
  const taskId = task.taskId ?? state.resumeId;
  return {
    v: 1,
    idempotencyKey,
    numberResults: task.numberResults,
    startedAt: state.startedAt ?? 0,
    notified: { status: state.notified.status, results: state.notified.results },
    ...(taskId && token ? { taskId, token } : input && { input }),
  };
}

/** Reads a stored entry; anything unreadable or of another version is nothing. */
export function parseStoredTask(text: string | null | undefined): StoredTask | undefined {
  try {
    const value = JSON.parse(text || 'null') as Partial<StoredTask> | null;
    if (value?.v !== 1 || typeof value.idempotencyKey !== 'string' || !Number.isInteger(value.numberResults) || typeof value.startedAt !== 'number') return undefined;
    const { notified, ...rest } = value as StoredTask;
    // A malformed `notified` only costs the de-duplication, not the resume.
    const valid = notified && (TASK_STATUSES as readonly unknown[]).includes(notified.status) && Number.isInteger(notified.results) && notified.results >= 0;
    return valid ? { ...rest, notified: { status: notified.status, results: notified.results } } : rest;
  } catch {
    return undefined;
  }
}
