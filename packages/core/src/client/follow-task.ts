import { networkError } from '../errors/network-error.js';
import { SeedanceError } from '../errors/seedance-error.js';
import { HEADERS, SSE_EVENTS, type TaskSnapshot } from '../protocol/wire.js';
import { isTerminal, TASK_STATUSES } from '../task/task-state.js';
import { sleep } from '../internal/sleep.js';
import { backoffDelay, type RetryOptions, type Timers } from './backoff.js';
import { errorFromResponse } from './error-from-response.js';
import type { EventSourceConstructor } from './event-source-like.js';
import type { EventSourceTransport } from './event-source-transport.js';
import { parseEventStream, type ServerSentEvent } from './parse-event-stream.js';

/** How a task is followed; `tab`: another tab of this origin follows it and passes its snapshots on (`crossTabClient`). */
export type TaskTransport = 'fetch' | 'eventsource' | 'polling' | 'tab';

export interface SubscribeOptions {
  readonly signal?: AbortSignal;
  /** The task cannot be followed: it is gone, the token is refused, or the network stayed down. */
  readonly onError?: (error: SeedanceError) => void;
  /** The last version already seen; older and equal snapshots are skipped. */
  readonly lastEventId?: string | number;
  /** Told each time the way of following changes, e.g. from `fetch` to `polling`. */
  readonly onTransport?: (transport: TaskTransport) => void;
  /** Consecutive failed connections or polls before giving up with a network error. Default 6. */
  readonly maxFailures?: number;
}

/** What `followTask` needs from the client. */
export interface FollowContext {
  readonly eventsUrl: string;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly headers: () => Promise<Headers>;
  readonly poll: (signal: AbortSignal) => Promise<TaskSnapshot>;
  readonly transport: Exclude<TaskTransport, 'tab'>;
  /** Present only when the app opted in to EventSource streaming. */
  readonly eventSource: EventSourceTransport | undefined;
  readonly EventSource: EventSourceConstructor | undefined;
  readonly retry: RetryOptions;
  readonly pollIntervalMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly timers: Timers;
}

const STATUSES: ReadonlySet<string> = new Set(TASK_STATUSES);

/** A cheap shape check, so a wrong answer becomes a typed error rather than a crash later. */
export function isTaskSnapshot(value: unknown): value is TaskSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<TaskSnapshot>;
  return typeof s.id === 'string' && typeof s.status === 'string' && STATUSES.has(s.status) && typeof s.version === 'number' && Array.isArray(s.results);
}

/** A refusal that trying again cannot fix: the task is gone or the token is wrong. */
function isFatal(error: unknown): boolean {
  return SeedanceError.is(error) && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * Follows one task until a terminal snapshot: SSE first (through `fetch` streaming or, when
 * opted in, an EventSource), reconnecting with `Last-Event-ID`, and polling `GET /tasks/:id` when streaming is
 * unavailable or keeps failing. Versions only go up: repeats from a reconnect are dropped.
 */
export function followTask(
  ctx: FollowContext,
  token: string,
  onSnapshot: (snapshot: TaskSnapshot) => void,
  options: SubscribeOptions = {},
): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  const stop = () => controller.abort();
  options.signal?.aborted ? stop() : options.signal?.addEventListener('abort', stop, { once: true });

  const initial = Number(options.lastEventId);
  let version = options.lastEventId !== undefined && Number.isFinite(initial) ? initial : -Infinity;
  let finished = false;
  let retryMs: number | undefined;
  let mode: TaskTransport = ctx.transport === 'eventsource' && !(ctx.eventSource && ctx.EventSource) ? 'fetch' : ctx.transport;
  const maxFailures = options.maxFailures ?? 6;

  const deliver = (value: unknown) => {
    if (finished || signal.aborted) return;
    if (!isTaskSnapshot(value)) throw new SeedanceError({ kind: 'unknown', code: 'invalid_response', message: 'The server sent an update the client could not read.', retryable: true });
    const newer = value.version > version;
    if (isTerminal(value.status)) {
      // Terminal even when already seen (a poll after a 204 replay): nothing more can come.
      finished = true;
      stop();
    }
    if (!newer) return;
    version = value.version;
    try {
      onSnapshot(value);
    } catch (error) {
      // The listener's own bug must not look like a broken stream; surface it unchanged.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const onEvent = ({ event, data }: ServerSentEvent) => {
    if (event === SSE_EVENTS.snapshot || event === 'message') deliver(JSON.parse(data));
  };

  /**
   * Reads the stream through fetch: `ended` when it closed, `unsupported` when it is no stream.
   * A failure is thrown as it is: the loop only asks whether it is a refusal (`isFatal`).
   */
  async function streamWithFetch(): Promise<'ended' | 'unsupported'> {
    const idle = new AbortController();
    const abortIdle = () => idle.abort();
    signal.addEventListener('abort', abortIdle, { once: true });
    let timer: unknown;
    const arm = () => {
      ctx.timers.clearTimeout(timer);
      timer = ctx.timers.setTimeout(abortIdle, ctx.streamIdleTimeoutMs);
    };
    try {
      const headers = await ctx.headers();
      headers.set('Accept', 'text/event-stream');
      headers.set(HEADERS.taskToken, token);
      if (Number.isFinite(version)) headers.set(HEADERS.lastEventId, String(version));
      arm();
      const response = await ctx.fetch(ctx.eventsUrl, { headers, signal: idle.signal, cache: 'no-store' });
      if (!response.ok) throw await errorFromResponse(response);
      // 204: the server has nothing newer to stream (the end was already seen); one poll settles it.
      if (response.status === 204 || !response.body || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
        // Not awaited: some fetch layers (mocks, tee'd bodies) never settle a cancel.
        void response.body?.cancel().catch(() => undefined);
        return 'unsupported';
      }
      await parseEventStream(response.body, { onEvent, onActivity: arm, onRetry: (ms) => (retryMs = ms) });
      return 'ended';
    } finally {
      ctx.timers.clearTimeout(timer);
      signal.removeEventListener('abort', abortIdle);
      // Releases the connection whatever ended the read (a bad event, the end, an abort).
      idle.abort();
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!signal.aborted && !finished) {
      let wait = 0;
      const before = version;
      try {
        if (mode === 'polling') {
          deliver(await ctx.poll(signal));
          failures = 0;
          wait = ctx.pollIntervalMs;
        } else {
          const outcome =
            mode === 'eventsource' && ctx.eventSource && ctx.EventSource
              ? await ctx.eventSource({ url: ctx.eventsUrl, token, version, signal, onEvent, EventSource: ctx.EventSource })
              : await streamWithFetch();
          if (outcome === 'unsupported') {
            mode = 'polling';
            options.onTransport?.(mode);
            continue;
          }
          // A stream that closed after news is reopened at once; one that brought nothing counts as a failure.
          if (version > before) {
            failures = 0;
            wait = retryMs ?? 0;
          } else failures++;
        }
      } catch (error) {
        if (signal.aborted || finished) return;
        if (isFatal(error)) throw error;
        // A connection that brought news before it dropped starts the count again.
        failures = version > before ? 1 : failures + 1;
      }
      if (failures > 0) {
        if (failures >= maxFailures) throw new SeedanceError(networkError());
        if (mode !== 'polling' && failures >= 2) {
          mode = 'polling';
          options.onTransport?.(mode);
        }
        wait = Math.max(wait, backoffDelay(failures, ctx.retry));
      }
      if (wait > 0 && !finished) await sleep(wait, signal, { timers: ctx.timers });
    }
  }

  options.onTransport?.(mode);
  run()
    .catch((error: unknown) => {
      if (signal.aborted || finished) return;
      finished = true;
      stop();
      options.onError?.(SeedanceError.is(error) ? error : new SeedanceError(networkError(), { cause: error }));
    })
    .finally(() => options.signal?.removeEventListener('abort', stop));
  return stop;
}
