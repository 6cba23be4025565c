import type { SeedanceClient, TaskStorage, VideoTaskController, VideoTaskControllerOptions } from '@seedance-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeSeedanceClient } from '../support/fake-seedance-client.js';
import { INPUT } from '../support/inputs.js';

// Tabs as separate windows: each "tab" is a same-origin iframe with its own copy of core (its own
// module instances, navigator.locks, BroadcastChannel and storage objects), as a tab has.
type Core = typeof import('@seedance-kit/core');
const CORE = new URL('../../packages/core/src/index.ts', import.meta.url).href;
const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
  localStorage.clear();
});

/** A new window of this origin, and core loaded in it. */
async function openTab(): Promise<{ core: Core; connections: Set<() => void>; close: () => void }> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  frame.srcdoc = `<script type="module">window.core = await import(${JSON.stringify(CORE)}); window.dispatchEvent(new Event('core'))</script>`;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & { core?: Core };
  await vi.waitFor(() => expect(win.core).toBeDefined(), { timeout: 10_000 });
  // The in-memory server lives in this window, so a closed window's connections are closed here, as the network would.
  const connections = new Set<() => void>();
  return {
    core: win.core!,
    connections,
    close: () => {
      frame.remove();
      for (const stop of connections) stop();
    },
  };
}

describe('crossTabClient across windows', () => {
  it('one window follows, the other listens; closing the following window hands the task over', async () => {
    const fake = createFakeSeedanceClient({ maxNumberResults: 2, createMs: 5, queueMs: 50, renderMs: 400 });
    const follows: string[] = [];
    const subscribe = fake.subscribe.bind(fake);
    const [a, b] = await Promise.all([openTab(), openTab()]);
    expect(a.core).not.toBe(b.core);

    const tab = ({ core, connections }: Awaited<ReturnType<typeof openTab>>, name: string, calls: Partial<VideoTaskControllerOptions>): VideoTaskController => {
      // The server sees which window opened each subscription.
      const client: SeedanceClient = {
        ...fake,
        subscribe: (...args) => {
          follows.push(name);
          const stop = subscribe(...args);
          connections.add(stop);
          return stop;
        },
      };
      const storage: TaskStorage = core.webTaskStorage(() => localStorage);
      return core.createVideoTaskController({ client: core.crossTabClient(client), storage, key: 'clip', ...calls });
    };
    const [aSuccess, bSuccess, aResult, bResult] = [vi.fn(), vi.fn(), vi.fn(), vi.fn()];
    const first = tab(a, 'a', { onSuccess: aSuccess, onResult: aResult });
    await first.submit({ ...INPUT, numberResults: 2 });
    const second = tab(b, 'b', { onSuccess: bSuccess, onResult: bResult });
    expect(await second.restore()).toBe(true);
    await expect.poll(() => second.getState().results.length, { timeout: 5_000 }).toBe(1);
    expect(second.getState().transport).toBe('tab');
    expect(follows).toEqual(['a']);

    a.close(); // the tab is closed: its lock goes with its window, nothing is stopped by hand
    await expect.poll(() => second.getState().status, { timeout: 5_000 }).toBe('succeeded');
    expect(follows).toEqual(['a', 'b']);
    expect(aResult).toHaveBeenCalledTimes(1);
    expect(bResult).toHaveBeenCalledTimes(1);
    expect(aSuccess).not.toHaveBeenCalled();
    expect(bSuccess).toHaveBeenCalledTimes(1);
  });
});
