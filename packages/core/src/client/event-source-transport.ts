import { networkError } from '../errors/network-error.js';
import { SeedanceError } from '../errors/seedance-error.js';
import { LAST_EVENT_ID_QUERY_PARAM, SSE_EVENTS, TOKEN_QUERY_PARAM } from '../protocol/wire.js';
import type { EventSourceConstructor } from './event-source-like.js';
import type { ServerSentEvent } from './parse-event-stream.js';

/** What one EventSource connection needs; `version` is the last one seen (or not finite for none). */
export interface EventSourceConnection {
  readonly url: string;
  readonly token: string;
  readonly version: number;
  readonly signal: AbortSignal;
  readonly onEvent: (event: ServerSentEvent) => void;
  readonly EventSource: EventSourceConstructor;
}

/**
 * Follows a task through an EventSource (the token travels in the query). Opt in with
 * `createSeedanceClient({ transport: eventSourceTransport })`; kept apart so the default fetch
 * streaming and polling path is all a bundle carries. Resolves `unsupported` when the source never
 * opened (an HTTP error or not a stream: polling reads the real answer) and `ended` on abort.
 */
export function eventSourceTransport({ url, token, version, signal, onEvent, EventSource: Source }: EventSourceConnection): Promise<'ended' | 'unsupported'> {
  return new Promise((resolve, reject) => {
    const separator = url.includes('?') ? '&' : '?';
    const resumeAt = Number.isFinite(version) ? `&${LAST_EVENT_ID_QUERY_PARAM}=${version}` : '';
    const source = new Source(`${url}${separator}${TOKEN_QUERY_PARAM}=${encodeURIComponent(token)}${resumeAt}`);
    let opened = false;
    const close = () => {
      source.close();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      close();
      resolve('ended');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    source.addEventListener('open', () => (opened = true));
    const onMessage = (message: MessageEvent) => {
      try {
        opened = true;
        onEvent({ event: SSE_EVENTS.snapshot, data: String(message.data) });
      } catch (error) {
        close();
        reject(error);
      }
    };
    source.addEventListener(SSE_EVENTS.snapshot, onMessage);
    source.addEventListener('message', onMessage);
    // EventSource reconnects by itself; any error closes it here and lets the follow loop decide.
    source.addEventListener('error', () => {
      close();
      if (opened) reject(new SeedanceError(networkError()));
      else resolve('unsupported');
    });
  });
}

export type EventSourceTransport = typeof eventSourceTransport;
