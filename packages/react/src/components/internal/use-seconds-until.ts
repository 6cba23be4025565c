'use client';
import { useEffect, useReducer } from 'react';

/**
 * Whole seconds until `at` (ms since the epoch), 0 once it passed or when unset; re-renders as
 * each second goes by. Read from the clock at render, so a new `at` is right at once.
 */
export function useSecondsUntil(at: number | undefined): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const ms = (at ?? 0) - Date.now();
  const left = ms > 0 ? Math.ceil(ms / 1000) : 0;
  useEffect(() => {
    // Wake just past the next whole second, so every tick shows a new figure.
    if (left) {
      const timer = setTimeout(tick, (ms % 1000) + 20);
      return () => clearTimeout(timer);
    }
  }, [left, ms]);
  return left;
}
