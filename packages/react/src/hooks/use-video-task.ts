'use client';
import {
  createVideoTaskController,
  estimateProgress,
  expectedGenerationMs,
  type GenerationInput,
  type SeedanceClient,
  type TaskError,
  type TaskResult,
  type TaskSnapshot,
  type TaskStatus,
  type TaskStorage,
  type VideoTaskController,
  type VideoTaskState,
} from '@seedance-kit/core';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useOptionalSeedanceContext } from '../provider/seedance-context.js';
import { seedanceQueryKeys } from './seedance-query-keys.js';

export interface UseVideoTaskOptions {
  /** Namespaces the stored task: hooks with different keys run different tasks. Default `default`. */
  readonly key?: string;
  /** Use this client instead of the provider's. */
  readonly client?: SeedanceClient;
  /** Overrides the provider's storage; `null` keeps nothing (no resume after reload). */
  readonly storage?: TaskStorage | null;
  readonly queryClient?: QueryClient;
  /** Reattach to the stored task on mount. Default true. */
  readonly resume?: boolean;
  /** What `estimatedProgress` measures elapsed time against; default from the input's size and length. */
  readonly expectedDurationMs?: number;
  /** How often `estimatedProgress` moves while a task runs. Default 500 ms. */
  readonly tickMs?: number;
}

export interface UseVideoTaskResult {
  readonly status: TaskStatus;
  readonly taskId: string | undefined;
  readonly snapshot: TaskSnapshot | undefined;
  /** Videos so far, in arrival order. */
  readonly results: readonly TaskResult[];
  /** How many videos the task asked for. */
  readonly numberResults: number;
  /** The provider's own progress 0–100, when it reports one. */
  readonly progress: number | undefined;
  /** An ESTIMATE 0–100 from elapsed time against an expected duration; 100 once succeeded. */
  readonly estimatedProgress: number;
  readonly error: TaskError | undefined;
  /** USD ESTIMATE from the price rate. */
  readonly estimatedCostUsd: number | undefined;
  /** Sum of the costs the provider reported on the results; undefined until one arrives. */
  readonly costUsd: number | undefined;
  readonly isActive: boolean;
  /** 1 for the first submit, +1 per retry. */
  readonly attempt: number;
  /** The controller's whole state. */
  readonly state: VideoTaskState;
  /** Starts a task; ignored while one is active (a double click never pays twice). */
  submit(input: GenerationInput): Promise<void>;
  cancel(): Promise<void>;
  retry(): Promise<void>;
  reset(): void;
  /** Follows a task created elsewhere. */
  resume(taskId: string, token: string): void;
}

/**
 * One video generation: submit, live updates (SSE, or polling when streaming is unavailable),
 * cancel, retry, and resume after a page reload. All logic lives in core's
 * `createVideoTaskController`; this hook only holds one and reads it.
 */
export function useVideoTask(options: UseVideoTaskOptions = {}): UseVideoTaskResult {
  const { state, estimatedProgress, submit, cancel, retry, reset, resume } = useVideoTaskState(options);
  return {
    status: state.status,
    taskId: state.taskId,
    snapshot: state.snapshot,
    results: state.results,
    numberResults: state.numberResults,
    progress: state.progress,
    estimatedProgress,
    error: state.error,
    estimatedCostUsd: state.estimatedCostUsd,
    costUsd: state.costUsd,
    isActive: state.isActive,
    attempt: state.attempt,
    state,
    submit,
    cancel,
    retry,
    reset,
    resume,
  };
}

/**
 * `useVideoTask` with the controller's state as it is (the widget reads it so): the state's own
 * fields, the whole state as `state`, `estimatedProgress` and the actions.
 */
export function useVideoTaskState(
  options: UseVideoTaskOptions = {},
): VideoTaskState & Pick<UseVideoTaskResult, 'state' | 'estimatedProgress' | 'submit' | 'cancel' | 'retry' | 'reset' | 'resume'> {
  const context = useOptionalSeedanceContext();
  const client = options.client ?? context?.client;
  if (!client) throw new Error('useVideoTask() must be used inside <SeedanceProvider>, or be given a `client`.');
  const storage = options.storage === undefined ? (context?.storage ?? null) : options.storage;
  const queryClient = options.queryClient ?? context?.queryClient;
  const key = options.key ?? 'default';

  const controller = useController(client, storage, key, queryClient);
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);

  useEffect(() => {
    if (options.resume !== false) void controller.restore();
    return () => controller.detach();
  }, [controller, options.resume]);

  // Re-render on a timer only while a task runs, so the estimate moves.
  const [, setTick] = useState(0);
  const tickMs = options.tickMs ?? 500;
  useEffect(() => {
    if (!state.isActive) return;
    const id = setInterval(() => setTick((n) => n + 1), tickMs);
    return () => clearInterval(id);
  }, [state.isActive, tickMs]);

  // Stable while the controller is: safe in effect dependencies and memoized children. The
  // controller's methods use no `this`, so they work detached.
  const { submit, cancel, retry, reset, resume } = controller;

  const expectedMs = options.expectedDurationMs ?? expectedGenerationMs(state.input);
  const estimatedProgress =
    state.status === 'succeeded' || state.status === 'expired'
      ? 100
      : state.isActive && state.startedAt !== undefined
        ? Math.max(estimateProgress(Date.now() - state.startedAt, expectedMs), state.progress ?? 0)
        : 0;

  return { ...state, state, estimatedProgress, submit, cancel, retry, reset, resume };
}

/** One controller per component, made again only when what it is built from changes. */
function useController(client: SeedanceClient, storage: TaskStorage | null, key: string, queryClient: QueryClient | undefined): VideoTaskController {
  const deps = [client, storage, key, queryClient];
  const make = () => ({
    deps,
    controller: createVideoTaskController({
      client,
      key,
      storage: storage ?? undefined,
      onSnapshot: queryClient && ((snapshot: TaskSnapshot) => queryClient.setQueryData(seedanceQueryKeys.task(snapshot.id), snapshot)),
    }),
  });
  const [held, setHeld] = useState(make);
  if (deps.some((dep, i) => dep !== held.deps[i])) {
    const next = make();
    setHeld(next);
    return next.controller;
  }
  return held.controller;
}
