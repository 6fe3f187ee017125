import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  algorithmFromPolicy,
  base32Decode,
  base32Encode,
  checkTotp,
  hmac,
  hotp,
  otpauthUri,
  stepAt,
  totpAt,
} from '../../src/platform/auth/totp';

/** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');

describe('身份鉴别: 双因素 TOTP core (RFC 6238)', () => {
  it('reproduces the RFC 6238 appendix B test vectors for SHA-1 (8 digits)', () => {
    const vectors: [number, string, string][] = [
      [59, '0000000000000001', '94287082'],
      [1111111109, '00000000023523EC', '07081804'],
      [1111111111, '00000000023523ED', '14050471'],
      [1234567890, '000000000273EF07', '89005924'],
      [2000000000, '0000000003F940AA', '69279037'],
      [20000000000, '0000000027BC86AA', '65353130'],
    ];
    for (const [seconds, hexStep, code] of vectors) {
      expect(stepAt(seconds * 1000).toString(16).toUpperCase().padStart(16, '0')).toBe(hexStep);
      expect(totpAt(RFC_SEED, seconds * 1000, 'SHA1', 8)).toBe(code);
    }
  });

  it('reproduces the RFC 4226 appendix D HOTP values (6 digits, SHA-1)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_SEED, counter, 'SHA1'))).toEqual(expected);
  });

  it('builds HMAC per RFC 2104: equal to OpenSSL HMAC-SHA1 and HMAC-SM3 for short, block-sized and long keys', () => {
    for (const len of [0, 1, 20, 63, 64, 65, 200]) {
      const key = randomBytes(len);
      const msg = randomBytes(37);
      expect(hmac('SHA1', key, msg).toString('hex')).toBe(createHmac('sha1', key).update(msg).digest('hex'));
      expect(hmac('SM3', key, msg).toString('hex')).toBe(createHmac('sm3', key).update(msg).digest('hex'));
    }
  });

  it('SM3 variant: the hash is GB/T 32905 SM3 and the codes equal an independent computation', () => {
    // GB/T 32905-2016 appendix A, example 1.
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    // HMAC-SM3 of the step as computed by the `openssl dgst -sm3 -mac HMAC` command line.
    expect(hmac('SM3', RFC_SEED, Buffer.from('0000000000000001', 'hex')).toString('hex')).toBe(
      '093888345e98e6c49aa91beb116a33d5f497aa0a413f1275d6f8aa435c9c6913',
    );
    expect(hmac('SM3', RFC_SEED, Buffer.from('000000000273EF07', 'hex')).toString('hex')).toBe(
      '06f88ed26ccb370d3e32b0a889d56db9961cb9f716c37d8f23fbd3b873092c8c',
    );
    // Truncated as RFC 4226 §5.3 does (offset from the last byte of the 32-byte MAC).
    const codes: [number, string][] = [
      [59, '78614758'],
      [1111111109, '71578389'],
      [1111111111, '08739145'],
      [1234567890, '64982201'],
      [2000000000, '77639624'],
      [20000000000, '00363153'],
    ];
    for (const [seconds, code] of codes) expect(totpAt(RFC_SEED, seconds * 1000, 'SM3', 8)).toBe(code);
    expect(totpAt(RFC_SEED, 59_000, 'SM3')).toBe('614758');
    expect(totpAt(RFC_SEED, 59_000, 'SM3')).not.toBe(totpAt(RFC_SEED, 59_000, 'SHA1'));
  });

  it('accepts the previous, current and next 30-second step and nothing further', () => {
    const secret = randomBytes(20);
    const now = 1_800_000_000_000;
    for (const alg of ['SHA1', 'SM3'] as const) {
      for (const delta of [-1, 0, 1]) {
        const code = totpAt(secret, now + delta * 30_000, alg);
        expect(checkTotp(secret, alg, code, now, null)).toEqual({ ok: true, step: stepAt(now) + delta });
      }
      for (const delta of [-3, -2, 2, 3]) {
        const code = totpAt(secret, now + delta * 30_000, alg);
        // A far step's code may by chance equal a near one (1 in 10^6): skip that case.
        if ([-1, 0, 1].some((d) => totpAt(secret, now + d * 30_000, alg) === code)) continue;
        expect(checkTotp(secret, alg, code, now, null)).toEqual({ ok: false, reason: 'wrong' });
      }
      // The other algorithm's code for the same secret and time is not accepted.
      const other = alg === 'SHA1' ? 'SM3' : 'SHA1';
      const foreign = totpAt(secret, now, other);
      if (![-1, 0, 1].some((d) => totpAt(secret, now + d * 30_000, alg) === foreign)) {
        expect(checkTotp(secret, alg, foreign, now, null).ok).toBe(false);
      }
    }
  });

  it('refuses a replay: a code of a step at or before the last accepted one, even inside the window', () => {
    const secret = randomBytes(20);
    const now = 1_800_000_000_000;
    const code = totpAt(secret, now, 'SM3');
    const first = checkTotp(secret, 'SM3', code, now, null);
    expect(first.ok).toBe(true);
    const step = (first as { step: number }).step;
    expect(checkTotp(secret, 'SM3', code, now + 5_000, step)).toEqual({ ok: false, reason: 'replay' });
    // An earlier step's code after a later one was used: also a replay.
    expect(checkTotp(secret, 'SM3', totpAt(secret, now - 30_000, 'SM3'), now, step)).toEqual({ ok: false, reason: 'replay' });
    // The next step's code still works once.
    expect(checkTotp(secret, 'SM3', totpAt(secret, now + 30_000, 'SM3'), now + 30_000, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('treats an empty code as missing and anything but six digits as wrong; spaces are ignored', () => {
    const secret = randomBytes(20);
    const now = 1_800_000_000_000;
    const code = totpAt(secret, now, 'SHA1');
    expect(checkTotp(secret, 'SHA1', '', now, null)).toEqual({ ok: false, reason: 'missing' });
    expect(checkTotp(secret, 'SHA1', undefined, now, null)).toEqual({ ok: false, reason: 'missing' });
    for (const bad of ['12345', '1234567', 'abcdef', `${code}\u0000`, '１２３４５６']) {
      expect(checkTotp(secret, 'SHA1', bad, now, null)).toMatchObject({ ok: false });
    }
    expect(checkTotp(secret, 'SHA1', `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok).toBe(true);
  });

  it('Base32 (RFC 4648) round-trips and matches the RFC test strings; the otpauth URI names the algorithm', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const secret = randomBytes(20);
    expect(base32Decode(base32Encode(secret)).equals(secret)).toBe(true);
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    const uri = otpauthUri({ issuer: '土地储备系统', account: 'admin', secret: RFC_SEED, algorithm: 'SM3' });
    expect(uri).toBe(
      `otpauth://totp/${encodeURIComponent('土地储备系统')}:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=${encodeURIComponent('土地储备系统')}&algorithm=SM3&digits=6&period=30`,
    );
    expect(algorithmFromPolicy(0)).toBe('SHA1');
    expect(algorithmFromPolicy(1)).toBe('SM3');
  });
});
