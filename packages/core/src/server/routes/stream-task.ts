import { HEADERS, LAST_EVENT_ID_QUERY_PARAM, SSE_EVENTS } from '../../protocol/wire.js';
import { isActive, isTerminal } from '../../task/index.js';
import { videoUrlResolver, type HandlerContext } from '../handler-context.js';
import { toSnapshot } from '../snapshot.js';
import type { TaskRecord } from '../store/task-store.js';
import { HttpProblem } from '../http/problem.js';
import { loadOwnedTask } from '../task-access.js';

/** Tells EventSource how long to wait before reconnecting. */
const RETRY_MS = 2_000;

/**
 * `GET /tasks/:id/events`: Server-Sent Events, one `snapshot` event (id = version) per change,
 * `: heartbeat` comments while idle. Resumes after `Last-Event-ID` (header or `?lastEventId=`):
 * only a newer version is sent. Ends after the terminal snapshot; a reconnect that has already
 * seen it gets 204, which makes EventSource stop.
 */
export async function streamTask(ctx: HandlerContext, request: Request, id: string): Promise<Response> {
  const first = await loadOwnedTask(ctx, request, id);
  ctx.runner.resumeKeeping(first);
  const url = new URL(request.url);
  const lastSeen = Number(request.headers.get(HEADERS.lastEventId) ?? url.searchParams.get(LAST_EVENT_ID_QUERY_PARAM) ?? NaN);
  const seen = Number.isInteger(lastSeen) && lastSeen >= 0 ? lastSeen : 0;
  if (isTerminal(first.state.status) && seen >= first.version) return new Response(null, { status: 204 });
  const release = await takeStreamSlot(ctx, request, first.owner);
  try {
    return await openStream(ctx, request, id, seen, first, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** A slot among the identity's open streams (the rate-limit bucket: `rateLimitKey`, else the owner). */
async function takeStreamSlot(ctx: HandlerContext, request: Request, owner: string): Promise<() => void> {
  const identity = ctx.rateLimitKey ? await ctx.rateLimitKey(request, owner) : owner;
  const release = ctx.streamSlots.take(identity);
  if (release) return release;
  const max = ctx.policy.maxOpenStreamsPerIdentity;
  throw new HttpProblem(429, 'too_many_streams', {
    kind: 'rate_limit',
    retryable: true,
    cap: 'maxOpenStreamsPerIdentity',
    detail: `At most ${max} live updates can be open at once. Close one (or another tab) and try again.`,
    headers: { 'Retry-After': String(RETRY_MS / 1000) },
  });
}

async function openStream(ctx: HandlerContext, request: Request, id: string, seen: number, first: TaskRecord, release: () => void): Promise<Response> {
  if (isActive(first.state.status)) ctx.runner.watch(id);

  const resolve = videoUrlResolver(ctx, request);
  const encoder = new TextEncoder();
  let cleanup = () => {};

  // Subscribe before answering, so a store failure becomes a problem response rather than a
  // stream broken after its 200, and no version falls between the read and the subscription.
  const early: TaskRecord[] = [];
  let deliver: (record: TaskRecord) => void = (record) => void early.push(record);
  const unsubscribe = await ctx.store.subscribe(id, (record) => deliver(record));

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let sent = seen;
      let closed = false;
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      cleanup = () => {
        if (closed) return;
        closed = true;
        if (heartbeat !== undefined) clearInterval(heartbeat);
        unsubscribe();
        release();
        request.signal.removeEventListener('abort', cleanup);
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      };
      const send = (record: TaskRecord) => {
        if (closed || record.version <= sent) return;
        sent = record.version;
        const snapshot = toSnapshot(record, resolve, ctx.clock.now());
        write(`id: ${record.version}\nevent: ${SSE_EVENTS.snapshot}\ndata: ${JSON.stringify(snapshot)}\n\n`);
        if (isTerminal(record.state.status)) cleanup();
      };

      request.signal.addEventListener('abort', cleanup, { once: true });
      if (request.signal.aborted) return cleanup();
      write(`retry: ${RETRY_MS}\n\n`);
      deliver = send;
      for (const record of early.splice(0)) send(record);
      if (closed) return;
      heartbeat = setInterval(() => write(': heartbeat\n\n'), ctx.heartbeatMs);
      // Missing (expired) or unreadable: end the stream; the client falls back to reading the task.
      const current = await ctx.store.get(id).catch(() => undefined);
      if (!current) return cleanup();
      send(current);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      // Proxies such as nginx would otherwise hold the events back.
      'X-Accel-Buffering': 'no',
    },
  });
}
