import { randomSeed, seedanceProFast, type RunwareVideoTask } from '@seedance-kit/core';
import type { RunwareErrorEntry } from './runware-error.js';

const spec = seedanceProFast;
const TASK_TYPE = spec.taskType;

/** One of a task's `numberResults` videos. */
export interface SimulatedResult {
  readonly index: number;
  readonly seed: bigint;
  readonly videoUUID: string;
  state: 'queued' | 'processing' | 'success' | 'error';
  /** Monotonic ms when processing started. */
  startedAt?: number;
  /** How long processing is meant to take at least, for progress. */
  plannedMs?: number;
  framesDone: number;
  framesTotal: number;
  videoURL?: string;
  cost?: number;
  error?: RunwareErrorEntry;
}

/** An accepted `videoInference` task and what became of it. */
export interface SimulatedTask {
  readonly task: RunwareVideoTask;
  readonly frameImagesField: string;
  /** Makes a result's `videoURL` from its file name. */
  readonly fileUrl: (name: string) => string;
  readonly results: SimulatedResult[];
  /** A failure of the whole task (moderation, timeout, unusable frame image). */
  error?: RunwareErrorEntry;
}

const UINT32 = 2n ** 32n;
const INT64_SPAN = spec.seed.max + 1n;

/**
 * A distinct seed per result: the given seed plus the result's index (wrapping inside int64),
 * or without one a random uint32 (the provider's range) plus the index, wrapping inside uint32.
 */
export function seedsFor(seed: bigint | number | undefined, count: number): bigint[] {
  const base = seed === undefined ? BigInt(randomSeed()) : BigInt(seed);
  const span = seed === undefined ? UINT32 : INT64_SPAN;
  return Array.from({ length: count }, (_, i) => (base + BigInt(i)) % span);
}

/** Whether the task asked for a content check: `mode` wins over `checkContent` when both are set. */
export function safetyChecked(task: RunwareVideoTask): boolean {
  const mode = task.safety?.mode ?? (task.safety?.checkContent ? spec.safety.checkContentMode : spec.safety.defaultMode);
  return mode !== 'none';
}

/** Runware's figures have at most 5 decimals (0.0367, 0.03811). */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e5) / 1e5;
}

/** A finished result as `getResponse` and the webhook carry it. */
export function successItem(record: SimulatedTask, result: SimulatedResult): Record<string, unknown> {
  const { task } = record;
  return {
    taskType: TASK_TYPE,
    taskUUID: task.taskUUID,
    status: 'success',
    videoUUID: result.videoUUID,
    videoURL: result.videoURL,
    seed: result.seed,
    ...(safetyChecked(task) && { NSFWContent: false }),
    ...(task.includeCost === true && result.cost !== undefined && { cost: result.cost }),
  };
}

/** Progress 0–99 while processing: the slower of the encoder's frame count and the planned time. */
export function progressOf(result: SimulatedResult, nowMs: number, intervalMs: number): number {
  if (result.state === 'success') return 100;
  if (result.state !== 'processing' || result.startedAt === undefined) return 0;
  const elapsed = nowMs - result.startedAt;
  // Reported in steps, as a remote service refreshes progress every so often.
  const seen = intervalMs > 0 ? Math.floor(elapsed / intervalMs) * intervalMs : elapsed;
  const byTime = result.plannedMs && result.plannedMs > 0 ? seen / result.plannedMs : 1;
  const byFrames = result.framesTotal > 0 ? result.framesDone / result.framesTotal : 1;
  return Math.max(0, Math.min(99, Math.floor(100 * Math.min(byTime, byFrames))));
}

/** What `getResponse` answers for a task: one item per result, failures under `errors`. */
export function pollAnswer(record: SimulatedTask, nowMs: number, intervalMs: number): { data: unknown[]; errors: RunwareErrorEntry[] } {
  const data: unknown[] = [];
  const errors: RunwareErrorEntry[] = [];
  for (const result of record.results) {
    if (result.state === 'success') data.push(successItem(record, result));
    else if (result.state === 'error' && result.error) errors.push(result.error);
    else if (!record.error) {
      data.push({ taskType: TASK_TYPE, taskUUID: record.task.taskUUID, status: 'processing', progress: progressOf(result, nowMs, intervalMs) });
    }
  }
  if (record.error) errors.push(record.error);
  return { data, errors };
}

/** A failure entry for one task (or one of its results), as it appears in `errors` and webhooks. */
export function taskFailure(record: SimulatedTask, code: string, message: string, extra: Partial<RunwareErrorEntry> = {}): RunwareErrorEntry {
  return { code, message, taskType: TASK_TYPE, taskUUID: record.task.taskUUID, status: 'error', documentation: 'https://runware.ai/docs', ...extra };
}
