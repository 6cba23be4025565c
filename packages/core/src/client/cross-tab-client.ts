import type { TaskSnapshot } from '../protocol/wire.js';
import { isTerminal } from '../task/task-state.js';
import { isTaskSnapshot } from './follow-task.js';
import type { SeedanceClient } from './seedance-client.js';

const HELLO = 'hello';

/**
 * Wraps a client so that, of all the tabs of this origin following one task, one follows it (the
 * tab holding the task's Web Lock) and passes each snapshot to the others over a BroadcastChannel
 * named after the task. The others report the `tab` transport, and a controller on `tab` does not
 * call its callbacks: a task is reported once per browser, by the tab that follows it. When that
 * tab stops (closed, unmounted, its connection lost) a waiting tab takes the lock and follows on
 * from the last version it saw. Without BroadcastChannel or Web Locks each tab follows its own.
 *
 * Tabs only follow the same task when they know it: a shared storage (`webTaskStorage(localStorage)`),
 * a duplicated tab (sessionStorage is copied) or `resume(taskId, token)`.
 */
export function crossTabClient(client: SeedanceClient): SeedanceClient {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (typeof BroadcastChannel === 'undefined' || !locks) return client;
  return {
    ...client,
    subscribe(id, token, onSnapshot, options = {}) {
      // Scoped by task, not by key: what must not be followed twice is the task.
      const name = `seedance-kit:task:${id}`;
      const channel = new BroadcastChannel(name);
      const done = new AbortController();
      const initial = Number(options.lastEventId);
      let seen = options.lastEventId !== undefined && Number.isFinite(initial) ? initial : -Infinity;
      let latest: TaskSnapshot | undefined;
      let leading = false;
      let unfollow: (() => void) | undefined;
      let release: (() => void) | undefined;
      const stop = () => {
        if (done.signal.aborted) return;
        done.abort();
        unfollow?.();
        release?.();
        channel.close();
      };
      const take = (snapshot: TaskSnapshot) => {
        if (done.signal.aborted || snapshot.id !== id || snapshot.version <= seen) return;
        seen = snapshot.version;
        latest = snapshot;
        onSnapshot(snapshot);
        if (isTerminal(snapshot.status)) stop();
      };
      channel.onmessage = ({ data }: MessageEvent) => {
        // The leader answers a tab that just joined with what it missed.
        if (leading) return void (data === HELLO && latest && channel.postMessage(latest));
        if (!isTaskSnapshot(data)) return;
        options.onTransport?.('tab');
        take(data);
      };
      channel.postMessage(HELLO);
      locks
        .request(name, { signal: done.signal }, () => {
          if (done.signal.aborted) return;
          leading = true;
          // Held until this tab stops following; then the next waiting tab gets it.
          const held = new Promise<void>((resolve) => (release = resolve));
          unfollow = client.subscribe(
            id,
            token,
            (snapshot) => {
              if (!done.signal.aborted) channel.postMessage(snapshot);
              take(snapshot);
            },
            {
              ...options,
              lastEventId: Number.isFinite(seen) ? seen : undefined,
              onError: (error) => {
                stop();
                options.onError?.(error);
              },
            },
          );
          return held;
        })
        .catch(() => undefined); // aborted while waiting: this tab stopped first
      return stop;
    },
  };
}
