/** What a secret is replaced with wherever it shows up. */
export const REDACTED = '[redacted]';

const MIN_SECRET_LENGTH = 8;

/**
 * A copy of `value` with `secret` cut out of every string in it, at any depth: keys, codes,
 * messages, parameters, nested lists and objects. Provider answers are untrusted text, and any
 * field of one may echo the API key back into a snapshot the browser reads.
 */
export function scrubSecret<T>(value: T, secret: string): T {
  // A placeholder this short (the embedded simulator's `local`) is no secret, and cutting it out
  // of every string would mangle URLs; real Runware keys are 32 characters.
  if (secret.length < MIN_SECRET_LENGTH) return value;
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(secret) ? v.split(secret).join(REDACTED) : v;
    if (Array.isArray(v)) return v.map(scrub);
    if (typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [scrub(key), scrub(inner)]));
    }
    return v;
  };
  return scrub(value) as T;
}
