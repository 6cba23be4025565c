import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRunware, type LocalRunware, type LocalRunwareFault, type LocalRunwareOptions } from '@seedance-kit/local-runware';
import { createSeedanceRequestListener, type WebHandler } from '@seedance-kit/core/node';
import { createSeedanceHandler, HEADERS, type CreateTaskResponse, type Problem, type SeedanceHandler, type SeedanceHandlerOptions, type TaskSnapshot } from '@seedance-kit/core/server';
import { expect } from 'vitest';

/** A key nobody would use for real, easy to search every response for. */
export const FAKE_KEY = 'rw-FAKE-KEY-9f8e7d6c5b4a-never-print-me';
export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** A simulator quick enough for tests (a 1.2 s video renders in well under a second). */
export const FAST_TIMING = { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 60 } as const;
export const FAST_POLLING = { firstDelayMs: 20, secondDelayMs: 10, factor: 1.5, maxDelayMs: 80, retryBaseDelayMs: 20 } as const;
export const FAST_RETRY = { submitRetries: 3, submitRetryDelayMs: 20, requestTimeoutMs: 5_000 } as const;

/**
 * Byte equality without `toEqual`, which walks megabytes element by element for seconds and
 * blocks the event loop meanwhile: long enough under load for a server's keep-alive to close a
 * pooled connection that the next fetch then reuses (ECONNRESET).
 */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  expect(at, 'index of the first byte that differs').toBe(-1);
}

export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a Web handler on 127.0.0.1 with a free port, through the kit's node adapter. */
export async function serve(handler: WebHandler): Promise<Listening> {
  return listen(createServer(createSeedanceRequestListener(handler)));
}

export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Everything the handler answered, headers and bodies, so a test can search it all for the key. */
export class Transcript {
  readonly parts: string[] = [];
  add(response: Response, body: string) {
    this.parts.push(`${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}`);
  }
  get text() {
    return this.parts.join('\n----\n');
  }
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/** A small client of the wire protocol over real HTTP. */
export class Api {
  readonly transcript = new Transcript();
  constructor(
    /** The mount point's URL, e.g. http://127.0.0.1:1234/api/seedance */
    readonly base: string,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = unknown>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const response = await fetch(url, { ...init, headers: { ...this.defaultHeaders, ...(init.headers as Record<string, string>) } });
    const text = await response.text();
    this.transcript.add(response, text);
    let body: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text !== '') body = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  create(input: unknown, options: { key?: string; headers?: Record<string, string>; raw?: string } = {}) {
    return this.request<CreateTaskResponse>('/tasks', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.key !== undefined && { [HEADERS.idempotencyKey]: options.key }),
        ...options.headers,
      },
      body: options.raw ?? JSON.stringify(input),
    });
  }

  get(id: string, token?: string, headers: Record<string, string> = {}) {
    return this.request<TaskSnapshot>(`/tasks/${id}`, { headers: { ...(token !== undefined && { [HEADERS.taskToken]: token }), ...headers } });
  }

  cancel(id: string, token?: string, headers: Record<string, string> = {}) {
    return this.request<TaskSnapshot>(`/tasks/${id}/cancel`, { method: 'POST', headers: { ...(token !== undefined && { [HEADERS.taskToken]: token }), ...headers } });
  }

  /** Opens the SSE stream and collects events until the server ends it (after a terminal snapshot) or `until`. */
  events(id: string, token: string | undefined, options: EventOptions = {}) {
    const query = new URLSearchParams(options.query ?? {});
    if (token !== undefined) query.set('token', token);
    return readEvents(`${this.base}/tasks/${id}/events?${query}`, { ...options, transcript: this.transcript, headers: { ...this.defaultHeaders, ...options.headers } });
  }

  /** Waits (through SSE, not sleeps) for the task to finish and returns its last snapshot. */
  async finished(id: string, token?: string, headers: Record<string, string> = {}): Promise<TaskSnapshot> {
    const stream = await this.events(id, token, { headers });
    const last = stream.snapshots.at(-1);
    if (!last) throw new Error(`No snapshot for ${id}: HTTP ${stream.status}`);
    return last;
  }
}

/** The body of a refusal. */
export function problemOf(response: ApiResponse<unknown>): Problem {
  return response.body as Problem;
}

export interface SseEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

export interface EventOptions {
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** Stop (and disconnect) once this returns true. */
  readonly until?: (events: readonly SseEvent[], comments: readonly string[]) => boolean;
  readonly timeoutMs?: number;
  readonly transcript?: Transcript;
}

export interface EventStream {
  readonly status: number;
  readonly headers: Headers;
  readonly events: SseEvent[];
  readonly comments: string[];
  readonly snapshots: TaskSnapshot[];
  readonly retry?: number;
  /** Whether the server ended the stream (rather than the test disconnecting). */
  readonly ended: boolean;
}

export async function readEvents(url: string, options: EventOptions = {}): Promise<EventStream> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`SSE timed out: ${url}`)), options.timeoutMs ?? 20_000);
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...options.headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let retry: number | undefined;
  let ended = false;
  let raw = '';
  try {
    if (response.status !== 200 || !response.body) {
      raw = await response.text();
      return { status: response.status, headers: response.headers, events, comments, snapshots: [], ended: true };
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let current: { event?: string; id?: string; data: string[] } = { data: [] };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      raw += value;
      buffer += value;
      let index: number;
      while ((index = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 1);
        if (line === '') {
          if (current.data.length > 0) events.push({ event: current.event ?? 'message', data: current.data.join('\n'), ...(current.id !== undefined && { id: current.id }) });
          current = { data: [] };
        } else if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const text = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') current.data.push(text);
          else if (field === 'event') current.event = text;
          else if (field === 'id') current.id = text;
          else if (field === 'retry') retry = Number(text);
        }
      }
      if (options.until?.(events, comments)) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    if (options.transcript) options.transcript.add(response, raw);
  }
  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    snapshots: events.filter((e) => e.event === 'snapshot').map((e) => JSON.parse(e.data) as TaskSnapshot),
    ...(retry !== undefined && { retry }),
    ended,
  };
}

export interface Stack {
  readonly runware: LocalRunware;
  readonly runwareUrl: string;
  readonly handler: SeedanceHandler;
  /** The handler's origin, e.g. http://127.0.0.1:1234 */
  readonly origin: string;
  readonly api: Api;
  /** What the handler logged. */
  readonly logLines: string[];
  close(): Promise<void>;
}

export interface StackOptions {
  readonly handler?: Partial<SeedanceHandlerOptions>;
  readonly runware?: LocalRunwareOptions;
  readonly faults?: readonly LocalRunwareFault[];
}

/**
 * The real path: handler on real HTTP → Runware provider (fake key, base URL) → the local
 * Runware on its own real HTTP port.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const runware = createLocalRunware({ apiKey: FAKE_KEY, timing: FAST_TIMING, ...options.runware, ...(options.faults && { faults: options.faults }) });
  const runwareServer = await runware.listen();
  const logLines: string[] = [];
  const handler = createSeedanceHandler({
    apiKey: FAKE_KEY,
    baseUrl: `${runwareServer.url}/v1`,
    secret: SECRET,
    polling: FAST_POLLING,
    retry: FAST_RETRY,
    heartbeatMs: 1_000,
    logger: quietLogger(logLines),
    ...options.handler,
  });
  const server = await serve(handler);
  return {
    logLines,
    runware,
    runwareUrl: runwareServer.url,
    handler,
    origin: server.url,
    api: new Api(`${server.url}/api/seedance`),
    async close() {
      await server.close();
      await handler.close();
      await runware.close();
    },
  };
}

/** A logger that keeps its lines for inspection instead of printing them. */
export function quietLogger(lines: string[] = []) {
  const keep = (level: string) => (message: string, ...details: unknown[]) => {
    lines.push(`${level} ${message} ${details.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join(' ')}`);
  };
  return { warn: keep('warn'), error: keep('error'), lines };
}

export const BASIC_INPUT = { positivePrompt: 'A paper boat drifting on a calm pond', width: 864, height: 480, duration: 1.2 } as const;
