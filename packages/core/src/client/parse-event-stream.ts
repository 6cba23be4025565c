/** One dispatched server-sent event. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
  /** The last `id:` seen on the stream so far, as the EventSource spec keeps it. */
  readonly id?: string;
}

export interface EventStreamHandlers {
  onEvent(event: ServerSentEvent): void;
  /** A `retry:` field: the server's reconnection delay in ms. */
  onRetry?(ms: number): void;
  /** Any bytes arrived, comments included; keeps an idle watchdog quiet. */
  onActivity?(): void;
}

/**
 * Reads a `text/event-stream` body to its end, per the HTML spec's parsing rules: lines end in
 * CR, LF or CRLF; `:` lines are comments; a blank line dispatches; `data` lines join with LF.
 * Resolves when the stream ends; rejects when reading fails (a dropped connection).
 */
export async function parseEventStream(body: ReadableStream<Uint8Array>, handlers: EventStreamHandlers): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) handlers.onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined && { id }) });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        // A CR held back as a possible CRLF half still ends its line when nothing follows.
        if (buffer.endsWith('\r')) line(buffer.slice(0, -1));
        break;
      }
      handlers.onActivity?.();
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 0x0a && c !== 0x0d) continue;
        // A CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (c === 0x0d && i === buffer.length - 1) break;
        line(buffer.slice(start, i));
        if (c === 0x0d && buffer.charCodeAt(i + 1) === 0x0a) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
    }
  } finally {
    reader.releaseLock();
  }
  // An event not closed by a blank line before the end is discarded, as EventSource does.
}
