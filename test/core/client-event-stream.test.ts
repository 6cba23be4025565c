import { parseEventStream, type ServerSentEvent } from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

/** A body that delivers `chunks` exactly as split, the way a network may cut them. */
function body(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function read(chunks: readonly (string | Uint8Array)[]) {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  let activity = 0;
  await parseEventStream(body(chunks), { onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms), onActivity: () => activity++ });
  return { events, retries, activity };
}

describe('parseEventStream (text/event-stream per the HTML spec)', () => {
  it('reads named events with ids and multi-line data, skipping comments', async () => {
    const { events, activity } = await read([': heartbeat\n\nevent: snapshot\nid: 3\ndata: {"a":1,\ndata:  "b":2}\n\n', 'data: plain\n\n']);
    expect(events).toEqual([
      { event: 'snapshot', data: '{"a":1,\n "b":2}', id: '3' },
      { event: 'message', data: 'plain', id: '3' },
    ]);
    expect(activity).toBe(2);
  });

  it('joins events split anywhere, including inside a CRLF and inside a multi-byte character', async () => {
    const euro = new TextEncoder().encode('€');
    const { events } = await read(['event: snap', 'shot\r', '\ndata: 1', euro.slice(0, 1), euro.slice(1), '\r\n\r', '\nid: 9\rdata: x\r\r']);
    expect(events).toEqual([
      { event: 'snapshot', data: '1€' },
      { event: 'message', data: 'x', id: '9' },
    ]);
  });

  it('hands retry fields over, ignores bad ones and drops an event not ended by a blank line', async () => {
    const { events, retries } = await read(['retry: 2500\nretry: soon\nfield-without-colon\ndata: ok\n\ndata: cut off']);
    expect(retries).toEqual([2500]);
    expect(events).toEqual([{ event: 'message', data: 'ok' }]);
  });

  it('rejects when the connection drops mid-stream', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        else controller.error(new TypeError('terminated'));
      },
    });
    const seen: string[] = [];
    await expect(parseEventStream(stream, { onEvent: (e) => seen.push(e.data) })).rejects.toThrow('terminated');
    expect(seen).toEqual(['first']);
  });
});
