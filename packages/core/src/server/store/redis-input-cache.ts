import type { GenerationInput } from '../../spec/generation-input.js';

/** A task's input as last read: its tag in Redis (`ih`), its JSON text and the decoded value. */
export interface CachedInput {
  readonly tag: string;
  readonly text: string;
  readonly value: GenerationInput;
}

export interface InputCache {
  get(id: string): CachedInput | undefined;
  /** Holds `input` until `expiresAt` (epoch ms), when its record expires in Redis too. */
  set(id: string, input: CachedInput, expiresAt: number): void;
  /** The record was written again: its input lives as long as it now does. */
  extend(id: string, expiresAt: number): void;
  delete(id: string): void;
}

/** How often at most the whole cache is scanned for inputs of expired tasks. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Inputs by task id, so polling a task with a 13 MB data-URI frame image does not pull the image
 * out of Redis on every read. Least recently used first out; bounded by the total text held, and
 * an input goes when its task's record expires (nothing of a finished task stays in memory).
 */
export function createInputCache(maxChars: number, now: () => number): InputCache {
  const entries = new Map<string, { input: CachedInput; expiresAt: number }>();
  let size = 0;
  let sweptAt = -Infinity;
  const drop = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    size -= entry.input.text.length;
  };
  const sweep = (t: number) => {
    if (t - sweptAt < SWEEP_INTERVAL_MS) return;
    sweptAt = t;
    for (const [id, entry] of entries) if (entry.expiresAt <= t) drop(id);
  };
  return {
    get(id) {
      const t = now();
      sweep(t);
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= t) {
        drop(id);
        return undefined;
      }
      // Map order is insertion order: re-inserting marks it most recently used.
      entries.delete(id);
      entries.set(id, entry);
      return entry.input;
    },
    set(id, input, expiresAt) {
      const t = now();
      sweep(t);
      drop(id);
      if (input.text.length > maxChars || expiresAt <= t) return;
      entries.set(id, { input, expiresAt });
      size += input.text.length;
      for (const [oldest] of entries) {
        if (size <= maxChars) break;
        drop(oldest);
      }
    },
    extend(id, expiresAt) {
      const entry = entries.get(id);
      if (entry) entry.expiresAt = expiresAt;
    },
    delete: drop,
  };
}
