/** At most `size` holders at once; the rest wait in order. Waiting ends early when the signal aborts. */
export class Limiter {
  #free: number;
  readonly #waiting: { resolve: () => void; reject: (reason: unknown) => void }[] = [];

  constructor(size: number) {
    this.#free = Math.max(1, Math.floor(size));
  }

  async acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw signal.reason;
    if (this.#free > 0) this.#free--;
    else {
      await new Promise<void>((resolve, reject) => {
        const entry = {
          resolve: () => {
            signal.removeEventListener('abort', abort);
            resolve();
          },
          reject,
        };
        const abort = () => {
          const at = this.#waiting.indexOf(entry);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', abort, { once: true });
        this.#waiting.push(entry);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so the count only grows when none wait.
      if (next) next.resolve();
      else this.#free++;
    };
  }
}
