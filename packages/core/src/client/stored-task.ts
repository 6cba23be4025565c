import type { GenerationInput } from '../spec/generation-input.js';
import { isActive } from '../task/task-state.js';
import type { VideoTaskControllerState } from './video-task-reducer.js';

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
    ...(taskId && token ? { taskId, token } : input && { input }),
  };
}

/** Reads a stored entry; anything unreadable or of another version is nothing. */
export function parseStoredTask(text: string | null | undefined): StoredTask | undefined {
  try {
    const value = JSON.parse(text || 'null') as Partial<StoredTask> | null;
    if (value?.v !== 1 || typeof value.idempotencyKey !== 'string' || !Number.isInteger(value.numberResults) || typeof value.startedAt !== 'number') return undefined;
    return value as StoredTask;
  } catch {
    return undefined;
  }
}
