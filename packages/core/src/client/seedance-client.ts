import { networkError } from '../errors/network-error.js';
import { SeedanceError } from '../errors/seedance-error.js';
import { HEADERS, ROUTES, type CreateTaskResponse, type EffectiveLimits, type TaskSnapshot } from '../protocol/wire.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { defaultTimers, sleep } from '../internal/sleep.js';
import { backoffDelay, type RetryOptions, type Timers } from './backoff.js';
import { errorFromResponse } from './error-from-response.js';
import type { EventSourceConstructor } from './event-source-like.js';
import type { EventSourceTransport } from './event-source-transport.js';
import { createIdempotencyKey } from './idempotency-key.js';
import { followTask, isTaskSnapshot, type SubscribeOptions, type TaskTransport } from './follow-task.js';

export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface SeedanceClientOptions {
  /** Where the handler is mounted: `/api/seedance`, or an absolute URL. */
  readonly baseUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Sent with every request (e.g. the app's auth); a function is called per request. */
  readonly headers?: HeadersOption;
  /**
   * How `subscribe` follows a task. `fetch` (the default) reads the SSE stream through `fetch`,
   * so the token travels in a header; `polling` only polls; `eventSourceTransport` (imported
   * separately, so only apps that use it ship it) uses an EventSource, token in the query. The
   * string `eventsource` without it streams through `fetch`, as when no EventSource exists.
   * Streaming falls back to polling when it fails.
   */
  readonly transport?: Exclude<TaskTransport, 'tab'> | EventSourceTransport;
  /** An EventSource constructor for `eventSourceTransport`; defaults to the global one. */
  readonly EventSource?: EventSourceConstructor;
  /** Retries on network failures only; a create retries with the same Idempotency-Key. */
  readonly retry?: RetryOptions;
  /** Polling cadence when streaming is unavailable. Default 1500 ms. */
  readonly pollIntervalMs?: number;
  /** A stream with no bytes (not even a heartbeat) for this long is reopened. Default 45 s. */
  readonly streamIdleTimeoutMs?: number;
  readonly timers?: Timers;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface CreateTaskOptions extends RequestOptions {
  /** Reuse a key to make a repeated submit answer with the same task; one is made if absent. */
  readonly idempotencyKey?: string;
}

/** The browser side of the wire protocol. Every method takes an AbortSignal. */
export interface SeedanceClient {
  readonly baseUrl: string;
  createTask(input: GenerationInput, options?: CreateTaskOptions): Promise<CreateTaskResponse>;
  getTask(id: string, token: string, options?: RequestOptions): Promise<TaskSnapshot>;
  /** Calls `onSnapshot` for every newer version until a terminal one; returns unsubscribe. */
  subscribe(id: string, token: string, onSnapshot: (snapshot: TaskSnapshot) => void, options?: SubscribeOptions): () => void;
  cancelTask(id: string, token: string, options?: RequestOptions): Promise<TaskSnapshot>;
  getLimits(options?: RequestOptions): Promise<EffectiveLimits>;
}

interface SendOptions extends RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly token?: string;
  readonly idempotencyKey?: string;
  readonly retries?: number;
}

export function createSeedanceClient(options: SeedanceClientOptions): SeedanceClient {
  if (typeof options?.baseUrl !== 'string') throw new TypeError('createSeedanceClient: `baseUrl` is required, e.g. "/api/seedance".');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timers = options.timers ?? defaultTimers;
  const retry = options.retry ?? {};
  const retries = Math.max(0, retry.retries ?? 3);
  const fetchFn = (input: string, init: RequestInit) => (options.fetch ?? globalThis.fetch)(input, init);

  const headers = async (): Promise<Headers> => {
    try {
      const value = typeof options.headers === 'function' ? await options.headers() : options.headers;
      return new Headers(value);
    } catch (cause) {
      throw new SeedanceError({ kind: 'unknown', code: 'headers_failed', message: 'Could not prepare the request headers.', retryable: false }, { cause });
    }
  };

  /** One call, retried on network failures (never on an HTTP answer); returns the parsed body. */
  async function send(path: string, { method = 'GET', body, token, idempotencyKey, signal, retries: tries = retries }: SendOptions): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const init = await headers();
      init.set('Accept', 'application/json');
      if (body !== undefined) init.set('Content-Type', 'application/json');
      if (token !== undefined) init.set(HEADERS.taskToken, token);
      if (idempotencyKey !== undefined) init.set(HEADERS.idempotencyKey, idempotencyKey);
      let response: Response;
      let text: string;
      try {
        response = await fetchFn(baseUrl + path, { method, headers: init, body: body ?? null, signal: signal ?? null, cache: 'no-store' });
        if (!response.ok) throw await errorFromResponse(response);
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (SeedanceError.is(cause)) throw cause;
        if (attempt < tries) {
          await sleep(backoffDelay(attempt + 1, retry), signal, { timers });
          continue;
        }
        throw new SeedanceError(networkError(), { cause });
      }
      try {
        return JSON.parse(text);
      } catch (cause) {
        throw invalidResponse(response.status, cause);
      }
    }
  }

  const snapshot = (value: unknown, status = 200): TaskSnapshot => {
    if (!isTaskSnapshot(value)) throw invalidResponse(status);
    return value;
  };

  const client: SeedanceClient = {
    baseUrl,
    async createTask(input, { idempotencyKey = createIdempotencyKey(), signal } = {}) {
      const body = await send(ROUTES.tasks, { method: 'POST', body: JSON.stringify(input), idempotencyKey, signal });
      const { task, token } = (body ?? {}) as Partial<CreateTaskResponse>;
      if (typeof token !== 'string' || token === '') throw invalidResponse(201);
      return { task: snapshot(task, 201), token };
    },
    async getTask(id, token, { signal } = {}) {
      checkTask(id, token);
      return snapshot(await send(ROUTES.task(id), { token, signal }));
    },
    subscribe(id, token, onSnapshot, subscribeOptions = {}) {
      checkTask(id, token);
      return followTask(
        {
          eventsUrl: baseUrl + ROUTES.events(id),
          fetch: fetchFn,
          headers,
          poll: (signal) => send(ROUTES.task(id), { token, signal, retries: 0 }).then((body) => snapshot(body)),
          transport: typeof options.transport === 'function' ? 'eventsource' : (options.transport ?? 'fetch'),
          eventSource: typeof options.transport === 'function' ? options.transport : undefined,
          EventSource: options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource,
          retry,
          pollIntervalMs: options.pollIntervalMs ?? 1500,
          streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? 45_000,
          timers,
        },
        token,
        onSnapshot,
        subscribeOptions,
      );
    },
    async cancelTask(id, token, { signal } = {}) {
      checkTask(id, token);
      return snapshot(await send(ROUTES.cancel(id), { method: 'POST', token, signal }));
    },
    async getLimits({ signal } = {}) {
      const body = await send(ROUTES.limits, { signal });
      if (typeof body !== 'object' || body === null || typeof (body as EffectiveLimits).duration !== 'object') throw invalidResponse(200);
      return body as EffectiveLimits;
    },
  };
  return client;
}

function invalidResponse(status: number, cause?: unknown): SeedanceError {
  return new SeedanceError(
    { kind: 'unknown', code: 'invalid_response', message: 'The server sent an answer the client could not read.', retryable: true, status },
    { cause },
  );
}

function checkTask(id: unknown, token: unknown): void {
  const parameter = typeof id !== 'string' || id === '' ? 'id' : typeof token !== 'string' || token === '' ? 'token' : undefined;
  if (parameter === undefined) return;
  throw new SeedanceError({
    kind: 'validation',
    code: parameter === 'id' ? 'invalid_task_id' : 'invalid_task_token',
    message: `A task ${parameter} (a non-empty string) is required.`,
    retryable: false,
    parameter,
  });
}
