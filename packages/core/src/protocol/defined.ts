/**
 * `value` (a fresh object) without its undefined fields. What the kit hands out (task state,
 * errors, inspections) leaves an unset field out rather than carrying it as undefined, so
 * `'key' in value`, `Object.keys` and JSON see only what is set.
 */
export function defined<T extends object>(value: T): T {
  for (const key in value) if (value[key] === undefined) delete value[key];
  return value;
}
