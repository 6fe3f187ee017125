import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetConfigCache } from '../../src/platform/config';
import { decryptPersonal, encryptPersonal, getKeyRing, needsReencryption, parseKeyList, resetKeyRing } from '../../src/platform/crypto/keys';
import { openPersonal } from '../../src/platform/crypto/personal';
import { IntegrityError, openValue, sealValue, UnknownKeyVersionError } from '../../src/platform/crypto/sealed';

const K1 = '0123456789abcdef0123456789abcdf1';
const K2 = 'fedcba9876543210fedcba9876543212';
const K3 = '00112233445566778899aabbccddeef3';
const ID = '430902198801011234';

/** The format written before key versions: `sm4$<iv>$<ct>` with the raw key, no tag. */
function legacyEncrypt(plain: string, hexKey: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', Buffer.from(hexKey, 'hex'), iv);
  return `sm4$${iv.toString('base64')}$${Buffer.concat([c.update(plain, 'utf8'), c.final()]).toString('base64')}`;
}

const saved = { ...process.env };
let dir: string;

function useEnv(env: Record<string, string | undefined>): void {
  for (const k of ['SM4_KEY', 'SM4_KEYS', 'SM4_KEY_VERSION']) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dir }, env);
  resetConfigCache();
  resetKeyRing();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lr-keys-'));
});
afterEach(() => {
  process.env = { ...saved };
  resetConfigCache();
  resetKeyRing();
  rmSync(dir, { recursive: true, force: true });
});

/** Flips one character of part `index` (0-based, `:`-separated) of a sealed value. */
function alter(stored: string, index: number): string {
  const parts = stored.split(':');
  const p = parts[index];
  const i = Math.floor(p.length / 2);
  parts[index] = p.slice(0, i) + (p[i] === 'A' ? 'B' : 'A') + p.slice(i + 1);
  return parts.join(':');
}

describe('数据完整性: SM4 encrypt-then-MAC (HMAC-SM3) of personal fields', () => {
  it('数据完整性: round trip, with a version prefix, the key version and a fresh IV each time', () => {
    useEnv({ SM4_KEY: K1 });
    const a = encryptPersonal(ID, 'idNumber');
    const b = encryptPersonal(ID, 'idNumber');
    expect(a).toMatch(/^v2:1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(decryptPersonal(a, 'idNumber')).toBe(ID);
    expect(decryptPersonal(encryptPersonal('13907371234', 'phone'), 'phone')).toBe('13907371234');
    expect(decryptPersonal(encryptPersonal('', 'phone'), 'phone')).toBe('');
  });

  it('数据完整性: any altered byte of the IV, ciphertext or tag throws IntegrityError, never garbage', () => {
    useEnv({ SM4_KEY: K1 });
    const stored = encryptPersonal(ID, 'idNumber');
    for (const part of [2, 3, 4]) {
      expect(() => decryptPersonal(alter(stored, part), 'idNumber')).toThrow(IntegrityError);
    }
    expect(() => decryptPersonal(stored.slice(0, -4), 'idNumber')).toThrow(IntegrityError);
    expect(() => decryptPersonal('v2:1:garbage', 'idNumber')).toThrow(IntegrityError);
    expect(() => decryptPersonal('430902198801011234', 'idNumber')).toThrow(IntegrityError);
  });

  it('数据完整性: a value copied into another field, or relabelled with another key version, fails', () => {
    useEnv({ SM4_KEY: K1, SM4_KEYS: `2:${K2}`, SM4_KEY_VERSION: '1' });
    const stored = encryptPersonal('13907371234', 'phone');
    expect(() => decryptPersonal(stored, 'idNumber')).toThrow(IntegrityError);
    expect(() => decryptPersonal(stored.replace(/^v2:1:/, 'v2:2:'), 'phone')).toThrow(IntegrityError);
  });

  it('数据完整性: the page gets 「数据完整性校验失败」 for an altered field and the value of an intact one', () => {
    useEnv({ SM4_KEY: K1 });
    expect(openPersonal(alter(encryptPersonal(ID, 'idNumber'), 3), 'idNumber')).toEqual({ value: null, problem: '数据完整性校验失败' });
    expect(openPersonal(encryptPersonal(ID, 'idNumber'), 'idNumber')).toEqual({ value: ID, problem: null });
    expect(openPersonal(null, 'phone')).toEqual({ value: null, problem: null });
  });

  it('数据完整性: old-format values (sm4$…, no tag) stay readable with key version 1 and are marked for rotation', () => {
    useEnv({ SM4_KEY: K1, SM4_KEYS: `2:${K2}` });
    const old = legacyEncrypt(ID, K1);
    expect(decryptPersonal(old, 'idNumber')).toBe(ID);
    expect(needsReencryption(old)).toBe(true);
    // With the wrong version-1 key an old value fails cleanly (padding or non-text), not as garbage.
    useEnv({ SM4_KEY: K3 });
    expect(() => decryptPersonal(old, 'idNumber')).toThrow(IntegrityError);
  });
});

describe('数据保密性: key versions', () => {
  it('数据保密性: the current version encrypts, every known version decrypts', () => {
    useEnv({ SM4_KEY: K1 });
    const v1 = encryptPersonal(ID, 'idNumber');
    useEnv({ SM4_KEY: K1, SM4_KEYS: `2:${K2}` });
    expect(getKeyRing().current).toBe(2);
    const v2 = encryptPersonal(ID, 'idNumber');
    expect(v2.startsWith('v2:2:')).toBe(true);
    expect(decryptPersonal(v1, 'idNumber')).toBe(ID);
    expect(decryptPersonal(v2, 'idNumber')).toBe(ID);
    expect(needsReencryption(v1)).toBe(true);
    expect(needsReencryption(v2)).toBe(false);
    // SM4_KEY_VERSION pins the version that encrypts.
    useEnv({ SM4_KEY: K1, SM4_KEYS: `2:${K2}`, SM4_KEY_VERSION: '1' });
    expect(encryptPersonal(ID, 'idNumber').startsWith('v2:1:')).toBe(true);
  });

  it('数据保密性: a version whose key is gone throws UnknownKeyVersionError with a Chinese message', () => {
    useEnv({ SM4_KEY: K1, SM4_KEYS: `2:${K2}` });
    const v2 = encryptPersonal(ID, 'idNumber');
    useEnv({ SM4_KEY: K1 });
    expect(() => decryptPersonal(v2, 'idNumber')).toThrow(UnknownKeyVersionError);
    expect(openPersonal(v2, 'idNumber').problem).toMatch(/^密钥版本 2 未配置/);
  });

  it('数据保密性: key files sm4.v<N>.key in DATA_DIR join the ring, and a new file is found without a restart', () => {
    useEnv({ SM4_KEY: K1 });
    expect(getKeyRing().current).toBe(1);
    const sealed = sealValue(ID, Buffer.from(K2, 'hex'), 2, 'compensation_parties.id_number');
    writeFileSync(join(dir, 'sm4.v2.key'), K2, { mode: 0o600 });
    expect(decryptPersonal(sealed, 'idNumber')).toBe(ID);
    resetKeyRing();
    expect(getKeyRing().current).toBe(2);
  });

  it('数据保密性: bad key lists are refused with a Chinese message', () => {
    expect(() => parseKeyList('2:CHANGE_ME')).toThrow(/SM4_KEYS 版本 2：.*占位值/);
    expect(() => parseKeyList('x')).toThrow(/SM4_KEYS/);
    expect(() => parseKeyList(`2:${K2},2:${K3}`)).toThrow(/出现了两次/);
    expect(parseKeyList(` 2:${K2} , 3:${K3} `).size).toBe(2);
    useEnv({ SM4_KEY: K1, SM4_KEY_VERSION: '5' });
    expect(() => getKeyRing()).toThrow(/SM4_KEY_VERSION=5，但没有该版本的密钥/);
    useEnv({ SM4_KEY: K1, SM4_KEYS: `1:${K2}` });
    expect(() => getKeyRing()).toThrow(/密钥版本 1 即 SM4_KEY/);
  });

  it('数据保密性: the sealing itself is independent of the ring (openValue with an explicit key)', () => {
    const key = Buffer.from(K3, 'hex');
    const s = sealValue('x', key, 7, 'ctx');
    expect(openValue(s, (v) => (v === 7 ? key : undefined), 'ctx')).toBe('x');
    expect(() => openValue(s, () => undefined, 'ctx')).toThrow(UnknownKeyVersionError);
  });
});
