import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';
import { makeAdapterHandler, type WebHandler } from './make-adapter-handler.js';

export type { WebHandler };

export interface ToWebRequestOptions {
  /**
   * Believe `X-Forwarded-Proto` and `X-Forwarded-Host` (only behind a proxy you run, which
   * overwrites them). Default false.
   */
  readonly trustProxy?: boolean;
  /** The path to use instead of `req.url` (Express keeps the full one in `originalUrl`). */
  readonly url?: string;
  /** A body already read by a framework (Express's `express.json()`), sent on as JSON. */
  readonly parsedBody?: unknown;
}

/**
 * A Web `Request` for a Node request. The body streams (nothing is buffered here) and the
 * request's `signal` aborts when the client goes away before the response is finished.
 */
export function toWebRequest(req: IncomingMessage, res?: ServerResponse, options: ToWebRequestOptions = {}): Request {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const proto = (options.trustProxy && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (options.trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  const url = new URL(options.url ?? req.url ?? '/', `${proto}://${host}`);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }

  const controller = new AbortController();
  if (res) {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('The client closed the connection'));
    });
  }

  const method = (req.method ?? 'GET').toUpperCase();
  let body: BodyInit | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    if (options.parsedBody !== undefined) {
      body = JSON.stringify(options.parsedBody);
      headers.delete('content-length');
    } else {
      body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    }
  }
  return new Request(url, {
    method,
    headers,
    signal: controller.signal,
    ...(body !== undefined && { body, duplex: 'half' }),
  } as RequestInit);
}

/**
 * Writes a Web `Response` to a Node response: status, headers (each Set-Cookie kept apart),
 * then the body chunk by chunk with backpressure, flushed as it goes so Server-Sent Events
 * arrive at once. When the client disconnects, the body is cancelled (an SSE stream stops).
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const onClose = () => {
    reader.cancel().catch(() => undefined);
  };
  res.once('close', onClose);
  const flush = (res as { flush?: () => void }).flush;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      const drained = res.write(value);
      // Compression middleware buffers unless told to flush.
      flush?.call(res);
      if (!drained && !res.destroyed) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.once('drain', go);
          res.once('close', go);
        });
      }
    }
  } catch {
    // The body failed or was cancelled by a disconnect: nothing more can be sent.
  } finally {
    res.off('close', onClose);
    if (!res.destroyed) res.end();
  }
}

export interface SeedanceRequestListenerOptions extends ToWebRequestOptions {
  /** Called with errors the listener could not answer itself (e.g. a broken socket). */
  readonly onError?: (error: unknown) => void;
}

export type SeedanceRequestListener = ((req: IncomingMessage, res: ServerResponse) => void) & {
  /** The handler behind it, when the listener built it from options. */
  readonly handler?: SeedanceHandler;
};

/**
 * A `http.createServer` listener serving the handler (or any Web handler, e.g. a Hono app's
 * `fetch`). Give options to build the Seedance handler here.
 */
export function createSeedanceRequestListener(
  handlerOrOptions: WebHandler | SeedanceHandlerOptions = {},
  listenerOptions: SeedanceRequestListenerOptions = {},
): SeedanceRequestListener {
  const { serve, built } = makeAdapterHandler(handlerOrOptions, (req: IncomingMessage, res: ServerResponse) => toWebRequest(req, res, listenerOptions));
  const listener = (req: IncomingMessage, res: ServerResponse) =>
    void respond(res, serve(req, res), (error) => {
      listenerOptions.onError?.(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  return built ? Object.assign(listener, { handler: built }) : listener;
}

/** Sends the handler's answer on a Node response; `onFailure` hears what could not be sent (node and Express answer it their own way). */
export async function respond(res: ServerResponse, response: Promise<Response>, onFailure: (error: unknown) => void): Promise<void> {
  try {
    await sendWebResponse(res, await response);
  } catch (error) {
    onFailure(error);
  }
}
