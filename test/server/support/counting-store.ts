import { createMemoryTaskStore, type TaskStore } from '@seedance-kit/core/server';

export type CountingStore = TaskStore & { readonly subscribers: number };

/** A memory store that counts live subscriptions, i.e. open SSE streams. */
export function countingStore(): CountingStore {
  const base = createMemoryTaskStore();
  let subscribers = 0;
  return {
    ...base,
    async subscribe(id, listener) {
      const off = await base.subscribe(id, listener);
      subscribers++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        subscribers--;
        off();
      };
    },
    get subscribers() {
      return subscribers;
    },
  };
}
