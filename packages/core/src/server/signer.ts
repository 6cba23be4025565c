import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signature is for, so a token for one purpose never passes as another. */
export type SignaturePurpose = 'task' | 'file' | 'webhook';

/** How a token with an expiry checks out. */
export type ExpiringTokenCheck = 'valid' | 'expired' | 'invalid';

/** HMAC-SHA256 tokens bound to a purpose and a value (a task id, a file name). */
export interface Signer {
  sign(purpose: SignaturePurpose, value: string): string;
  /** Constant-time: how long the check takes says nothing about how much matched. */
  verify(purpose: SignaturePurpose, value: string, token: string | null | undefined): boolean;
  /**
   * A token that also carries `expiresAt` (ms since the epoch, kept to the second above), like
   * a presigned URL: `<expiry in base 36>.<signature>`.
   */
  signUntil(purpose: SignaturePurpose, value: string, expiresAt: number): string;
  /**
   * Checks a `signUntil` token at `now`: 'expired' only for a genuine token whose time has
   * passed; anything else that does not check out (a plain `sign` token included) is 'invalid'.
   */
  verifyUntil(purpose: SignaturePurpose, value: string, token: string | null | undefined, now: number): ExpiringTokenCheck;
}

export const MIN_SECRET_LENGTH = 32;
const MAX_TOKEN_LENGTH = 128;

/**
 * A signer for `secret`, or for a random per-process secret when none is given (tokens then
 * stop working after a restart and differ between instances: set one in production).
 */
export function createSigner(secret?: string): Signer {
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`The Seedance handler secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const key = secret ?? randomBytes(32).toString('base64url');
  // The expiry goes into the signed domain, so it cannot be changed without the secret; `@`
  // never occurs in a purpose, so no plain token signs the same bytes.
  const mac = (domain: string, value: string) => createHmac('sha256', key).update(`${domain}\0${value}`).digest();
  const matches = (domain: string, value: string, token: string) => {
    const expected = mac(domain, value);
    const given = Buffer.from(token, 'base64url');
    // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same.
    if (given.length !== expected.length) {
      timingSafeEqual(expected, expected);
      return false;
    }
    return timingSafeEqual(given, expected) && given.toString('base64url') === token;
  };
  const wellFormed = (token: string | null | undefined): token is string => typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;
  return {
    sign: (purpose, value) => mac(purpose, value).toString('base64url'),
    verify: (purpose, value, token) => wellFormed(token) && matches(purpose, value, token),
    signUntil(purpose, value, expiresAt) {
      const expiry = Math.ceil(expiresAt / 1000).toString(36);
      return `${expiry}.${mac(`${purpose}@${expiry}`, value).toString('base64url')}`;
    },
    verifyUntil(purpose, value, token, now) {
      if (!wellFormed(token)) return 'invalid';
      const match = /^([0-9a-z]{1,11})\.([\w-]+)$/.exec(token);
      if (!match) return 'invalid';
      const [, expiry = '', signature = ''] = match;
      if (!matches(`${purpose}@${expiry}`, value, signature)) return 'invalid';
      return parseInt(expiry, 36) * 1000 <= now ? 'expired' : 'valid';
    },
  };
}
