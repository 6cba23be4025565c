import type { EffectiveLimits, NumberRange } from '@seedance-kit/core';

/** The spec's range narrowed by the server's, never widened. */
export function narrowRange<R extends NumberRange>(spec: R, limits: NumberRange | undefined): R {
  if (!limits) return spec;
  const min = Math.max(spec.min, limits.min);
  const max = Math.min(spec.max, limits.max);
  return min <= max ? { ...spec, min, max } : spec;
}

/** The spec's list filtered by the server's, in the spec's order. */
export function narrowList<T>(spec: readonly T[], limits: readonly T[] | undefined): readonly T[] {
  if (!limits) return spec;
  const allowed = new Set(limits);
  return spec.filter((item) => allowed.has(item));
}

/** What the parts accept as server limits: all of `/limits` or only the fields they read. */
export type LimitsProp<K extends keyof EffectiveLimits> = Partial<Pick<EffectiveLimits, K>> | undefined;

/** Keeps a value inside a range. */
export function clamp(value: number, { min, max }: NumberRange): number {
  return Math.min(max, Math.max(min, value));
}
