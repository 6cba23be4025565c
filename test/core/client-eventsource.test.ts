import { createSeedanceClient, eventSourceTransport, parseEventStream, type EventSourceLike, type TaskTransport } from '@seedance-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, INPUT, RENDER_TIMEOUT, startBackend, type Backend } from '../support/seedance-backend.js';

/**
 * Node 20 has no EventSource. This is the smallest stand-in for the client's `eventsource`
 * transport: GET with `Accept: text/event-stream` (no custom headers, as in a browser), `open`,
 * named events as MessageEvents, `error` on a refused connection or at the end of the stream.
 * It does not reconnect by itself; the client closes it on any error anyway.
 */
class TestEventSource implements EventSourceLike {
  static urls: string[] = [];
  readonly #listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  readonly #abort = new AbortController();
  closed = false;

  constructor(readonly url: string) {
    TestEventSource.urls.push(url);
    void this.#connect();
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.#abort.abort();
  }

  #dispatch(type: string, data?: string, lastEventId?: string): void {
    if (this.closed) return;
    const event = new MessageEvent(type, { data, lastEventId: lastEventId ?? '' });
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }

  async #connect(): Promise<void> {
    try {
      const response = await fetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.#abort.signal });
      if (response.status !== 200 || !response.body || !/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
        void response.body?.cancel();
        return this.#dispatch('error');
      }
      this.#dispatch('open');
      await parseEventStream(response.body, { onEvent: (e) => this.#dispatch(e.event, e.data, e.id) });
    } catch {
      // aborted or dropped: reported below
    }
    this.#dispatch('error');
  }
}

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

/** Follows a task on the opt-in EventSource transport (imported separately and passed as the transport). */
const followByEventSource = (id: string, token: string) => follow(backend.client({ transport: eventSourceTransport, EventSource: TestEventSource }), id, token);

describe("the client's EventSource transport", { timeout: RENDER_TIMEOUT }, () => {
  it('streams with the token in the query and closes the source at the end', async () => {
    const { task, token } = await backend.client().createTask(INPUT);
    TestEventSource.urls = [];
    const { transports, done } = followByEventSource(task.id, token);
    expect((await done).results).toHaveLength(1);
    expect(transports).toEqual(['eventsource']);
    expect(TestEventSource.urls).toEqual([`${backend.baseUrl}/tasks/${task.id}/events?token=${encodeURIComponent(token)}`]);
  });

  it('falls back to polling when the source cannot open, which then reports the real error', async () => {
    const { task } = await backend.client().createTask(INPUT);
    const { transports, done, snapshots } = followByEventSource(task.id, 'forged-token');
    await expect(done).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    expect(transports).toEqual(['eventsource', 'polling']);
    expect(snapshots).toEqual([]);
  });

  it('uses fetch streaming when no EventSource exists (as in Node 20)', async () => {
    const { task, token } = await backend.client().createTask(INPUT);
    const transports: TaskTransport[] = [];
    const client = createSeedanceClient({ baseUrl: backend.baseUrl, transport: 'eventsource' });
    await new Promise<void>((resolve, reject) =>
      client.subscribe(task.id, token, (s) => s.status === 'succeeded' && resolve(), { onError: reject, onTransport: (t) => transports.push(t) }),
    );
    expect(transports).toEqual(['fetch']);
  });
});
