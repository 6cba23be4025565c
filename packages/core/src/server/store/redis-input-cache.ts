import type { GenerationInput } from '../../spec/generation-input.js';

/** A task's input as last read: its tag in Redis (`ih`), its JSON text and the decoded value. */
export interface CachedInput {
  readonly tag: string;
  readonly text: string;
  readonly value: GenerationInput;
}

export interface InputCache {
  get(id: string): CachedInput | undefined;
  set(id: string, input: CachedInput): void;
  delete(id: string): void;
}

/**
 * Inputs by task id, so polling a task with a 13 MB data-URI frame image does not pull the image
 * out of Redis on every read. Least recently used first out; bounded by the total text held.
 */
export function createInputCache(maxChars: number): InputCache {
  const entries = new Map<string, CachedInput>();
  let size = 0;
  const drop = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    size -= entry.text.length;
  };
  return {
    get(id) {
      const entry = entries.get(id);
      if (entry) {
        // Map order is insertion order: re-inserting marks it most recently used.
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    set(id, input) {
      drop(id);
      if (input.text.length > maxChars) return;
      entries.set(id, input);
      size += input.text.length;
      for (const [oldest] of entries) {
        if (size <= maxChars) break;
        drop(oldest);
      }
    },
    delete: drop,
  };
}
