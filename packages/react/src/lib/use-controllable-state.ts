'use client';
import { useCallback, useRef, useState } from 'react';

export interface ControllableStateOptions<T> {
  /** The controlled value; `undefined` leaves the part uncontrolled. */
  readonly value: T | undefined;
  readonly defaultValue: T;
  readonly onChange: ((value: T) => void) | undefined;
  /** Overrides "controlled when `value` is not undefined", for values where undefined means "none". */
  readonly controlled?: boolean;
}

/**
 * One state for controlled and uncontrolled use, Radix style: with `value` the owner decides and
 * only hears changes; without it the part keeps its own state starting at `defaultValue`.
 */
export function useControllableState<T>({ value, defaultValue, onChange, controlled: controlledOption }: ControllableStateOptions<T>): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = controlledOption ?? value !== undefined;
  const current = (controlled ? value : own) as T;
  // The latest callback and value without re-creating the setter on every render.
  const latest = useRef({ current, onChange, controlled });
  latest.current = { current, onChange, controlled };
  const set = useCallback((next: T) => {
    const { current: previous, onChange: notify, controlled: isControlled } = latest.current;
    if (Object.is(previous, next)) return;
    if (!isControlled) setOwn(next);
    latest.current = { ...latest.current, current: next };
    notify?.(next);
  }, []);
  return [current, set];
}
