/**
 * Open SSE streams per identity in this process. A stream holds a socket, a subscription and a
 * heartbeat timer for as long as the client keeps it, so one identity must not open thousands.
 * Counted per instance: a stream lives on one instance, and a store counter would leak slots
 * when an instance dies with streams open.
 */
export interface StreamSlots {
  /** A release function when `identity` has a free slot (call it once the stream ends), else undefined. */
  take(identity: string): (() => void) | undefined;
  /** Streams open for `identity` now. */
  open(identity: string): number;
}

export function createStreamSlots(max: number | null): StreamSlots {
  const counts = new Map<string, number>();
  const open = (identity: string) => counts.get(identity) ?? 0;
  return {
    open,
    take(identity) {
      if (max !== null && open(identity) >= max) return undefined;
      counts.set(identity, open(identity) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = open(identity) - 1;
        if (left > 0) counts.set(identity, left);
        else counts.delete(identity);
      };
    },
  };
}
