import type { SeedanceClient } from './seedance-client.js';
import { call, createVideoTaskController, type VideoTaskCallbacks, type VideoTaskController, type VideoTaskControllerOptions } from './video-task-controller.js';

/** One party interested in a shared task: its callbacks and the snapshots as they arrive. */
export type VideoTaskObserver = VideoTaskCallbacks & Pick<VideoTaskControllerOptions, 'onSnapshot'>;

/** The one controller of a (client, key) on this page, and who observes it. */
export interface SharedVideoTask {
  readonly controller: VideoTaskController;
  /**
   * Adds an observer: each observer's callbacks fire once per run, but the task is followed once.
   * Returns the function that removes it; when the last one leaves, the controller detaches.
   */
  observe(observer: VideoTaskObserver): () => void;
}

// Keyed by the client object so separate clients (and tests) never share tasks, and a dropped client frees its tasks.
const registry = new WeakMap<SeedanceClient, Map<string, SharedVideoTask>>();

const NAMES = ['onSuccess', 'onError', 'onSettled', 'onStatusChange', 'onResult', 'onSnapshot'] as const;

/**
 * The page's one controller for `options.key` (default `default`) on `options.client`, made on
 * first use with these options (later callers' `storage`, `validate` and `now` are ignored). Two
 * `useVideoTask` with one key see one state and one subscription, and either's actions act on it.
 */
export function sharedVideoTask(options: Omit<VideoTaskControllerOptions, keyof VideoTaskObserver>): SharedVideoTask {
  const key = options.key ?? 'default';
  let tasks = registry.get(options.client);
  if (!tasks) registry.set(options.client, (tasks = new Map()));
  const found = tasks.get(key);
  if (found) return found;
  const byKey = tasks;
  const observers = new Set<VideoTaskObserver>();
  const fanOut: Record<string, unknown> = {};
  for (const name of NAMES) {
    // Each observer's call is isolated: one that throws does not silence the others.
    fanOut[name] = (...args: unknown[]) => {
      for (const observer of [...observers]) call(() => (observer[name] as ((...a: unknown[]) => void) | undefined)?.(...args));
    };
  }
  const shared: SharedVideoTask = {
    controller: createVideoTaskController({ ...options, key, ...(fanOut as VideoTaskObserver) }),
    observe(observer) {
      // Taken back in when its last observer left after this one's render (StrictMode, a remount).
      if (!byKey.has(key)) byKey.set(key, shared);
      observers.add(observer);
      return () => {
        if (!observers.delete(observer) || observers.size > 0) return;
        shared.controller.detach();
        // Forgotten, so a later mount starts from storage as a new page would; a StrictMode remount takes it back in.
        if (byKey.get(key) === shared) byKey.delete(key);
      };
    },
  };
  byKey.set(key, shared);
  return shared;
}
