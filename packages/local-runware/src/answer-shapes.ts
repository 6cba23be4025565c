import { seedanceProFast } from '@seedance-kit/core';
import { jsonResponse } from '@seedance-kit/core/internal';
import type { SimulatedTask } from './simulated-task.js';

/**
 * Every answer shape Runware's own SDKs read (test/fixtures/runware-answers.json), on demand, so
 * the kit is tested against how Runware may answer rather than how this simulator usually does.
 *
 * Still running, then a result: `queued`, `pending`, `scheduled`, `waiting`, `unknown-status`
 * (processing items carry that status instead), `progress-frames` (no `status`, no `taskType`),
 * `no-task-type`, `no-task-uuid`, `no-status` (results without `status`), `nsfw`
 * (`NSFWContent: true` on results), `empty-ack` (the submit answered `200 {"data": []}`).
 *
 * The task fails: `error-in-data` (`status: "error"` with a nested `error`), `error-without-detail`
 * (`status: "error"`, nothing else), `single-error` (`{error: {…}, taskUUID}`), `error-list`
 * (`{error: [...]}`), `errors-dict` (`{errors: {…}}`), `errors-beside-data` (the first video,
 * then an error next to it), `partial-failure` (of several videos one fails once another is
 * done), `error-without-task` (an error naming no task), `key-echo` (an error whose every field
 * echoes the API key), `auth-401` (HTTP 401 with an error body), `auth-401-empty`,
 * `forbidden-empty` (HTTP 403, no body), `ws-auth-error` (an `authentication` task's error),
 * `legacy-error` (`{error: true, errorId: 19}`).
 *
 * `code` replaces the shape's default error code (e.g. `error-in-data` with `modelNotReady`).
 */
export const ANSWER_SHAPES = [
  'empty-ack',
  'queued',
  'pending',
  'scheduled',
  'waiting',
  'unknown-status',
  'progress-frames',
  'no-task-type',
  'no-task-uuid',
  'no-status',
  'nsfw',
  'error-in-data',
  'error-without-detail',
  'single-error',
  'error-list',
  'errors-dict',
  'errors-beside-data',
  'partial-failure',
  'error-without-task',
  'key-echo',
  'auth-401',
  'auth-401-empty',
  'forbidden-empty',
  'ws-auth-error',
  'legacy-error',
] as const;
export type LocalRunwareAnswerShape = (typeof ANSWER_SHAPES)[number];

const DEFAULT_CODES: Partial<Record<LocalRunwareAnswerShape, string>> = {
  'error-in-data': 'unsafeContentDetected',
  'single-error': 'processingFailed',
  'error-list': 'inferenceError',
  'errors-dict': 'processingFailed',
  'errors-beside-data': 'processingFailed',
  'partial-failure': 'inferenceError',
  'error-without-task': 'internalServerError',
  'auth-401': 'tokenExpired',
};

const MESSAGES: Readonly<Record<string, string>> = {
  unsafeContentDetected: 'The generated content was flagged as unsafe.',
  tokenExpired: 'Your API token for account 4242 has expired: renew it at https://my.runware.ai/keys',
};
const messageFor = (code: string) => MESSAGES[code] ?? `The video could not be generated (${code}).`;

const isShape = (value: string): value is LocalRunwareAnswerShape => (ANSWER_SHAPES as readonly string[]).includes(value);

/** `[fault:<shape>]` or `[fault:<shape>=<code>]` in a prompt, when it names an answer shape. */
export function answerShapeInPrompt(prompt: string): { readonly shape: LocalRunwareAnswerShape; readonly code?: string } | undefined {
  for (const [, name, code] of prompt.matchAll(/\[fault:([a-z0-9-]+)(?:=([A-Za-z0-9_]+))?\]/g)) {
    if (name && isShape(name)) return { shape: name, ...(code && { code }) };
  }
  return undefined;
}

/** The submit's answer in this shape, or undefined to answer as usual. */
export function shapeSubmit(shape: LocalRunwareAnswerShape): Response | undefined {
  return shape === 'empty-ack' ? jsonResponse({ data: [] }) : undefined;
}

type Item = Record<string, unknown>;

/**
 * One task's `getResponse` answer in this shape: a whole reply, or the usual items and errors
 * rewritten. `apiKey` is the bearer the request came with (for `key-echo`).
 */
export function shapePoll(
  shape: LocalRunwareAnswerShape,
  given: { readonly code?: string | undefined },
  record: SimulatedTask,
  answer: { readonly data: readonly unknown[]; readonly errors: readonly unknown[] },
  apiKey: string,
): Response | { data: unknown[]; errors: unknown[] } {
  const { task } = record;
  const code = given.code ?? DEFAULT_CODES[shape] ?? 'processingFailed';
  const ids = { taskType: seedanceProFast.taskType, taskUUID: task.taskUUID };
  const items = answer.data.map((item) => ({ ...(item as Item) }));
  const done = items.filter((item) => item.status === 'success');
  const running = (status: string) => ({ data: items.map((item) => (item.status === 'processing' ? { ...item, status } : item)), errors: [...answer.errors] });
  const error = { code, message: messageFor(code) };
  switch (shape) {
    case 'empty-ack':
      return { data: items, errors: [...answer.errors] };
    case 'queued':
    case 'pending':
    case 'scheduled':
    case 'waiting':
      return running(shape);
    case 'unknown-status':
      return running('warming-up');
    case 'progress-frames':
      return {
        data: items.map((item, index) =>
          item.status === 'processing' ? { taskUUID: task.taskUUID, videoUUID: record.results[index]?.videoUUID, progress: item.progress } : item,
        ),
        errors: [...answer.errors],
      };
    case 'no-task-type':
      return { data: items.map(({ taskType: _dropped, ...item }) => item), errors: [...answer.errors] };
    case 'no-task-uuid':
      return { data: items.map(({ taskUUID: _dropped, ...item }) => item), errors: [...answer.errors] };
    case 'no-status':
      return { data: items.map(({ status, ...item }) => (status === 'success' ? item : { ...item, status })), errors: [...answer.errors] };
    case 'nsfw':
      return { data: items.map((item) => (item.status === 'success' ? { ...item, NSFWContent: true } : item)), errors: [...answer.errors] };
    case 'error-in-data':
      return jsonResponse({ data: [{ ...ids, status: 'error', error: { ...error, parameter: 'positivePrompt' } }] });
    case 'error-without-detail':
      return jsonResponse({ data: [{ ...ids, status: 'error' }] });
    case 'single-error':
      return jsonResponse({ error, ...ids });
    case 'error-list':
      return jsonResponse({ error: [{ ...error, taskUUID: task.taskUUID }] });
    case 'errors-dict':
      return jsonResponse({ errors: { ...error, taskUUID: task.taskUUID } });
    case 'errors-beside-data':
      return done.length > 0 ? jsonResponse({ data: done.slice(0, 1), errors: [{ ...error, ...ids }] }) : { data: items, errors: [...answer.errors] };
    case 'partial-failure': {
      // The second video fails, but only once another is done (until then it reads as still
      // running, never as done): the kit must keep the one that succeeded.
      const failed = record.results[1]?.videoUUID;
      const others = done.filter((item) => item.videoUUID !== failed);
      if (failed === undefined || others.length === 0) {
        return { data: items.map((item) => (item.videoUUID === failed ? { ...ids, status: 'processing', progress: 99 } : item)), errors: [...answer.errors] };
      }
      return jsonResponse({ data: [...others, { ...ids, videoUUID: failed, status: 'error', error }] });
    }
    case 'error-without-task':
      return jsonResponse({ errors: [error] });
    case 'key-echo':
      return jsonResponse({
        data: [{ ...ids, status: 'error', error: { code: `invalid${apiKey}`, message: `The key ${apiKey} was refused.`, parameter: [apiKey, 'positivePrompt'], detail: { apiKey } } }],
      });
    case 'auth-401':
      return jsonResponse({ errors: [{ ...error, ...ids }] }, 401);
    case 'auth-401-empty':
      return new Response(null, { status: 401 });
    case 'forbidden-empty':
      return new Response(null, { status: 403 });
    case 'ws-auth-error':
      return jsonResponse({ errors: [{ code: 'invalidApiKey', message: `Invalid API key ${apiKey.slice(0, 4)}…`, taskType: 'authentication' }] });
    case 'legacy-error':
      return jsonResponse({ error: true, errorId: 19 });
  }
}
