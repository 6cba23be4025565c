/**
 * A fresh `Idempotency-Key`: one per submit attempt, reused for every network retry of it. 36
 * or 32 characters of 122 or 128 random bits, over the server's 16-character minimum.
 */
export function createIdempotencyKey(): string {
  const { crypto } = globalThis;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
