'use client';
import {
  estimateProgress,
  expectedGenerationMs,
  type GenerationInput,
  sharedVideoTask,
  type SeedanceClient,
  type TaskError,
  type TaskResult,
  type TaskSnapshot,
  type TaskStatus,
  type TaskStorage,
  type VideoTaskCallbacks,
  type VideoTaskObserver,
  type VideoTaskState,
} from '@seedance-kit/core';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useOptionalSeedanceContext } from '../provider/seedance-context.js';
import { seedanceQueryKeys } from './seedance-query-keys.js';

/**
 * `onSuccess`, `onError`, `onSettled`, `onStatusChange`, `onResult`: each fires once per run,
 * also when a task resumed after a reload ends (but what the page before the reload was told is
 * not told again), and once under StrictMode. The latest functions are called: pass inline ones.
 */
export interface UseVideoTaskOptions extends VideoTaskCallbacks {
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

// Layout effect so callbacks are current before any effect (or event) can fire them; none on the server.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

export interface UseVideoTaskResult {
  readonly status: TaskStatus;
  readonly taskId: string | undefined;
  readonly snapshot: TaskSnapshot | undefined;
  /** Videos so far, in arrival order. */
  readonly results: readonly TaskResult[];
  /** How many videos the task asked for. */
  readonly numberResults: number;
  /**
   * What was submitted, its `'random'` seed drawn; after a resume, what the server says was
   * submitted (a frame image sent as data is then a short placeholder).
   */
  readonly input: GenerationInput | undefined;
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
 * `createVideoTaskController`; hooks with the same client and key share one (`sharedVideoTask`),
 * read through `useSyncExternalStore`. The storage is the one the first hook of a key gave.
 */
export function useVideoTask(options: UseVideoTaskOptions = {}): UseVideoTaskResult {
  const context = useOptionalSeedanceContext();
  const client = options.client ?? context?.client;
  if (!client) throw new Error('useVideoTask() must be used inside <SeedanceProvider>, or be given a `client`.');
  const storage = options.storage === undefined ? (context?.storage ?? null) : options.storage;
  // The latest QueryClient, read when a snapshot arrives, so the controller never has to be remade for it.
  const queryClient = useRef(options.queryClient ?? context?.queryClient);
  queryClient.current = options.queryClient ?? context?.queryClient;
  // The latest callbacks, read when the controller calls them: new functions each render re-subscribe nothing.
  const callbacks = useRef<VideoTaskCallbacks>(options);
  useIsomorphicLayoutEffect(() => {
    callbacks.current = options;
  });

  // This hook's callbacks, stable: the shared controller calls every mounted hook's.
  const [observer] = useState<VideoTaskObserver>(() => ({
    onSnapshot: (snapshot) => queryClient.current?.setQueryData(seedanceQueryKeys.task(snapshot.id), snapshot),
    onSuccess: (task) => callbacks.current.onSuccess?.(task),
    onError: (error, task) => callbacks.current.onError?.(error, task),
    onSettled: (task) => callbacks.current.onSettled?.(task),
    onStatusChange: (task) => callbacks.current.onStatusChange?.(task),
    onResult: (result, task) => callbacks.current.onResult?.(result, task),
  }));
  // One controller per client and key on the page: hooks with one key share its state and its one subscription.
  const shared = sharedVideoTask({ client, key: options.key ?? 'default', storage: storage ?? undefined });
  const { controller } = shared;
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);

  useEffect(() => {
    const leave = shared.observe(observer);
    if (options.resume !== false) void controller.restore();
    return leave;
  }, [shared, controller, observer, options.resume]);

  // Re-render on a timer only while a task runs, so the estimate moves.
  const [, setTick] = useState(0);
  const tickMs = options.tickMs ?? 500;
  useEffect(() => {
    if (!state.isActive) return;
    const id = setInterval(() => setTick((n) => n + 1), tickMs);
    return () => clearInterval(id);
  }, [state.isActive, tickMs]);

  const expectedMs = options.expectedDurationMs ?? expectedGenerationMs(state.input);
  const estimatedProgress =
    state.status === 'succeeded' || state.status === 'expired'
      ? 100
      : state.isActive && state.startedAt !== undefined
        ? Math.max(estimateProgress(Date.now() - state.startedAt, expectedMs), state.progress ?? 0)
        : 0;

  // The controller's methods use no `this` and are stable for its life: safe in effect
  // dependencies and memoized children.
  const { submit, cancel, retry, reset, resume } = controller;
  return {
    status: state.status,
    taskId: state.taskId,
    snapshot: state.snapshot,
    results: state.results,
    numberResults: state.numberResults,
    input: state.input,
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
