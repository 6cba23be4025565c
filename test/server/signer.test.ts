import { describe, expect, it } from 'vitest';
import { createSigner } from '../../packages/core/src/server/signer.js';

const SECRET = 'a-secret-that-is-long-enough-0123456789';

describe('createSigner: tokens with an expiry', () => {
  const signer = createSigner(SECRET);
  const at = Date.UTC(2026, 0, 1);

  it('is valid before its expiry, expired from it on, and bound to purpose, value and expiry', () => {
    const token = signer.signUntil('file', 'a.mp4', at);
    expect(token).toMatch(/^[0-9a-z]+\.[\w-]{43}$/);
    expect(signer.verifyUntil('file', 'a.mp4', token, at - 1)).toBe('valid');
    expect(signer.verifyUntil('file', 'a.mp4', token, at)).toBe('expired');
    expect(signer.verifyUntil('file', 'b.mp4', token, at - 1)).toBe('invalid');
    expect(signer.verifyUntil('task', 'a.mp4', token, at - 1)).toBe('invalid');
    const later = token.replace(/^[0-9a-z]+/, Math.ceil((at + 3_600_000) / 1000).toString(36));
    expect(signer.verifyUntil('file', 'a.mp4', later, at + 1)).toBe('invalid');
    expect(createSigner(`${SECRET}x`).verifyUntil('file', 'a.mp4', token, at - 1)).toBe('invalid');
  });

  it('keeps plain tokens and expiring ones apart', () => {
    const plain = signer.sign('file', 'a.mp4');
    expect(signer.verify('file', 'a.mp4', plain)).toBe(true);
    expect(signer.verifyUntil('file', 'a.mp4', plain, at)).toBe('invalid');
    expect(signer.verify('file', 'a.mp4', signer.signUntil('file', 'a.mp4', at))).toBe(false);
    for (const junk of [null, undefined, '', '.', 'zz.', `${'z'.repeat(12)}.${plain}`, 'x'.repeat(200)]) {
      expect(signer.verifyUntil('file', 'a.mp4', junk, at)).toBe('invalid');
    }
  });
});
