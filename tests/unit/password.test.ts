import { describe, expect, it } from 'vitest';
import { hashPassword, sm3Hex, sm4Decrypt, sm4Encrypt, verifyPassword } from '../../src/platform/crypto/sm';

describe('SM3', () => {
  it('matches the GB/T 32905 test vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('PBKDF2-HMAC-SM3 passwords', () => {
  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('Demo@2026', 1000);
    expect(stored).toMatch(/^pbkdf2-sm3\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Demo@2026', stored)).toBe(true);
    expect(await verifyPassword('demo@2026', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('uses a fresh salt per hash', async () => {
    const a = await hashPassword('same', 1000);
    const b = await hashPassword('same', 1000);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
  });

  it('rejects malformed stored values instead of throwing', async () => {
    for (const bad of ['', 'plain', 'md5$1$a$b', 'pbkdf2-sm3$x$a$b', 'pbkdf2-sm3$0$a$b']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('honours the iteration count stored with the hash', async () => {
    const stored = await hashPassword('pw', 2000);
    const tampered = stored.replace('$2000$', '$1000$');
    expect(await verifyPassword('pw', tampered)).toBe(false);
  });
});

describe('SM4', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  it('round-trips with a random IV', () => {
    const a = sm4Encrypt('430902199001011234', key);
    const b = sm4Encrypt('430902199001011234', key);
    expect(a).not.toBe(b);
    expect(sm4Decrypt(a, key)).toBe('430902199001011234');
  });
  it('fails with the wrong key', () => {
    const other = Buffer.from('00000000000000000000000000000000', 'hex');
    expect(() => sm4Decrypt(sm4Encrypt('secret', key), other)).toThrow();
  });
});
