import { defined } from '../protocol/defined.js';
import type { TaskSnapshot } from '../protocol/wire.js';
import { estimateGenerationCost } from '../spec/estimate-cost.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { isActive, type TaskState, type TaskStatus } from '../task/task-state.js';
import type { TaskTransport } from './follow-task.js';
import type { VideoTaskControllerState } from './video-task-reducer.js';

/** What the controller adds to the task machine's state: what the wire told us, and figures from it. */
export interface VideoTaskDetails {
  readonly isActive: boolean;
  /** The latest snapshot from the server. */
  readonly snapshot?: TaskSnapshot;
  /** What was submitted, its `'random'` seed already drawn (or, after a resume, what the server says was submitted). */
  readonly input?: GenerationInput;
  /** When the task started, ms since the epoch on this machine's clock. */
  readonly startedAt?: number;
  /** USD ESTIMATE from the price rate; the charged figure is `costUsd`. */
  readonly estimatedCostUsd?: number;
  /** Sum of the costs the provider reported on the results so far; absent until one is. */
  readonly costUsd?: number;
  /** How the task is being followed right now. */
  readonly transport?: TaskTransport;
}

/** The controller's state as the app sees it: the task machine's union (narrow on `status`) plus the details. */
export type VideoTaskState<S extends TaskStatus = TaskStatus> = Extract<TaskState, { readonly status: S }> & VideoTaskDetails;

/** The app's view of the controller's state; computed once per change. */
export function videoTaskStateOf(state: VideoTaskControllerState): VideoTaskState {
  const { task, snapshot, input } = state;
  let costUsd: number | undefined;
  for (const { cost } of task.results) if (typeof cost === 'number') costUsd = (costUsd ?? 0) + cost;
  return defined({
    ...task,
    isActive: isActive(task.status),
    snapshot,
    input,
    startedAt: state.startedAt,
    estimatedCostUsd: snapshot?.estimatedCostUsd ?? (input && estimateGenerationCost(input).estimatedUsd),
    costUsd,
    transport: state.transport,
  }) as VideoTaskState;
}
