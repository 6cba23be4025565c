export {
  TASK_EVENT_TYPES,
  TASK_STATUSES,
  initialTaskState,
  isActive,
  isTerminal,
  transition,
  type TaskEvent,
  type TaskEventType,
  type TaskResult,
  type TaskState,
  type TaskStatus,
  type TaskTransition,
} from './task-state.js';
export { createTaskMachine, type TaskListener, type TaskMachine } from './task-machine.js';
