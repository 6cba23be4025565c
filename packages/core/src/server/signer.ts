import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signature is for, so a token for one purpose never passes as another. */
export type SignaturePurpose = 'task' | 'file' | 'webhook';

/** HMAC-SHA256 tokens bound to a purpose and a value (a task id, a file name). */
export interface Signer {
  sign(purpose: SignaturePurpose, value: string): string;
  /** Constant-time: how long the check takes says nothing about how much matched. */
  verify(purpose: SignaturePurpose, value: string, token: string | null | undefined): boolean;
}

export const MIN_SECRET_LENGTH = 32;

/**
 * A signer for `secret`, or for a random per-process secret when none is given (tokens then
 * stop working after a restart and differ between instances: set one in production).
 */
export function createSigner(secret?: string): Signer {
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`The Seedance handler secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const key = secret ?? randomBytes(32).toString('base64url');
  const mac = (purpose: SignaturePurpose, value: string) => createHmac('sha256', key).update(`${purpose}\0${value}`).digest();
  return {
    sign: (purpose, value) => mac(purpose, value).toString('base64url'),
    verify(purpose, value, token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
      const expected = mac(purpose, value);
      const given = Buffer.from(token, 'base64url');
      // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same.
      if (given.length !== expected.length) {
        timingSafeEqual(expected, expected);
        return false;
      }
      return timingSafeEqual(given, expected) && given.toString('base64url') === token;
    },
  };
}
