import type { JsonValue, RunwareVideoTask } from '@seedance-kit/core';
import { runwareError, type LocatedError } from './runware-error.js';
import type { SimulatedTask } from './simulated-task.js';
import { validateVideoTask } from './validate-video-task.js';

/** What to do for one element of a request body, decided before anything is done. */
export type TaskPlan =
  | { readonly kind: 'error'; readonly error: LocatedError }
  | { readonly kind: 'ping' }
  | { readonly kind: 'video'; readonly task: RunwareVideoTask; readonly frameImagesField: string }
  | { readonly kind: 'poll'; readonly taskUUID: string; readonly record?: SimulatedTask };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TASK_TYPES = ['authentication', 'videoInference', 'getResponse', 'ping'];

/**
 * Reads each task of a body: validates `videoInference` tasks (a taskUUID already known, or
 * twice in the body, is a `duplicateTaskUUID` error), looks up `getResponse` targets, and
 * turns anything else into a Runware error entry. Has no effects.
 */
export function planTasks(body: readonly JsonValue[], known: (taskUUID: string) => SimulatedTask | undefined): TaskPlan[] {
  const inBody = new Set<string>();
  const error = (httpStatus: number, entry: Parameters<typeof runwareError>[1]): TaskPlan[] => [{ kind: 'error', error: runwareError(httpStatus, entry) }];
  return body.flatMap((raw): TaskPlan[] => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return error(400, { code: 'invalidRequestBody', message: 'Each element of the request array must be a task object.' });
    }
    const taskUUID = typeof raw.taskUUID === 'string' ? raw.taskUUID : undefined;
    const about = { ...(typeof raw.taskType === 'string' && { taskType: raw.taskType }), ...(taskUUID !== undefined && { taskUUID }) };
    switch (raw.taskType) {
      case 'authentication':
        return [];
      case 'ping':
        return [{ kind: 'ping' }];
      case 'getResponse': {
        if (raw.taskUUID === undefined) {
          return error(400, { code: 'missingTaskUUID', message: 'Missing taskUUID parameter: the task to report on.', parameter: 'taskUUID', ...about });
        }
        if (taskUUID === undefined || !UUID.test(taskUUID)) {
          return error(400, { code: 'invalidTaskUUID', message: 'Invalid value for taskUUID parameter. Expected a UUID.', parameter: 'taskUUID', type: 'UUID v4', ...about });
        }
        const record = known(taskUUID);
        return [{ kind: 'poll', taskUUID, ...(record && { record }) }];
      }
      case 'videoInference': {
        const check = validateVideoTask(raw);
        if (!check.ok) return check.errors.map((e): TaskPlan => ({ kind: 'error', error: e }));
        const key = check.task.taskUUID.toLowerCase();
        if (known(key) || inBody.has(key)) {
          return error(400, {
            code: 'duplicateTaskUUID',
            message: `A task with taskUUID ${check.task.taskUUID} was already submitted; it is not run or charged again. Poll it with getResponse, or use a new UUID v4 for a new task.`,
            parameter: 'taskUUID',
            ...about,
          });
        }
        inBody.add(key);
        return [{ kind: 'video', task: check.task, frameImagesField: check.frameImagesField }];
      }
      case undefined:
        return error(400, { code: 'missingTaskType', message: 'Missing taskType parameter.', parameter: 'taskType', allowedValues: TASK_TYPES, ...about });
      default:
        return error(400, {
          code: 'invalidTaskType',
          message: `Task type ${JSON.stringify(raw.taskType)} is not supported here.`,
          parameter: 'taskType',
          allowedValues: TASK_TYPES,
          ...about,
        });
    }
  });
}
