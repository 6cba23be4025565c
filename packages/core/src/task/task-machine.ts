import { initialTaskState, transition, type TaskEvent, type TaskState, type TaskTransition } from './task-state.js';

export type TaskListener = (state: TaskState, event: TaskEvent) => void;

/** A tiny store around `transition`, the shape `useSyncExternalStore` subscribes to. */
export interface TaskMachine {
  getState(): TaskState;
  send(event: TaskEvent): TaskTransition;
  subscribe(listener: TaskListener): () => void;
}

export function createTaskMachine(initial: TaskState = initialTaskState): TaskMachine {
  let state = initial;
  const listeners = new Set<TaskListener>();
  return {
    getState: () => state,
    send(event) {
      const result = transition(state, event);
      if (result.applied) {
        state = result.state;
        for (const listener of [...listeners]) listener(state, event);
      }
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
