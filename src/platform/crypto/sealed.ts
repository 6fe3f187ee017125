import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal fields: SM4-CBC encrypt-then-MAC with HMAC-SM3 (GB/T 39786 应用和数据层面: 保密性与完整性).
 * Node's OpenSSL (3.0 in Node 20, 3.x in Node 24) has no sm4-gcm, so the AEAD is built from sm4-cbc
 * and HMAC-SM3 with separate keys, both derived from one master key per key version:
 *
 *   v2:<keyVersion>:<iv b64>:<ciphertext b64>:<tag b64>
 *
 * The tag covers the header, the key version, the IV, the ciphertext and the field's context (e.g.
 * `compensation_parties.id_number`), so a value cannot be moved to another field, nor its version
 * changed, without detection. The old format `sm4$<iv>$<ct>` (no tag, raw key) stays readable with
 * key version 1 until `keys:rotate` rewrites it.
 */

/** The stored value was altered, or does not belong to this field: never show what decrypts from it. */
export class IntegrityError extends Error {
  readonly code = 'INTEGRITY';
  constructor(message = '数据完整性校验失败') {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** The value names a key version this server does not have. */
export class UnknownKeyVersionError extends Error {
  readonly code = 'UNKNOWN_KEY_VERSION';
  constructor(public readonly keyVersion: number) {
    super(`密钥版本 ${keyVersion} 未配置，无法解密`);
    this.name = 'UnknownKeyVersionError';
  }
}

export const SEALED_PREFIX = 'v2';
const LEGACY_PREFIX = 'sm4$';

/** HMAC-SM3 of the parts, each length-prefixed so no two part lists collide. */
export function hmacSm3(key: Buffer, parts: readonly string[]): Buffer {
  const mac = createHmac('sm3', key);
  for (const p of parts) {
    const b = Buffer.from(p, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    mac.update(len).update(b);
  }
  return mac.digest();
}

/** A purpose-bound subkey of a master key (HMAC-SM3 as the KDF; one key never serves two purposes). */
export function deriveKey(master: Buffer, purpose: string, bytes = 32): Buffer {
  return createHmac('sm3', master).update(`land-reserve/${purpose}`).digest().subarray(0, bytes);
}

export function sealValue(plain: string, master: Buffer, keyVersion: number, context: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', deriveKey(master, 'personal/enc', 16), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const head = `${SEALED_PREFIX}:${keyVersion}:${iv.toString('base64')}:${ct.toString('base64')}`;
  const tag = hmacSm3(deriveKey(master, 'personal/mac'), [head, context]);
  return `${head}:${tag.toString('base64')}`;
}

/** The key version a stored value was written with (legacy values: 1), or null when it is not one of ours. */
export function sealedKeyVersion(stored: string): number | null {
  if (stored.startsWith(LEGACY_PREFIX)) return 1;
  const m = /^v2:(\d{1,6}):/.exec(stored);
  return m ? Number(m[1]) : null;
}

export function isLegacyValue(stored: string): boolean {
  return stored.startsWith(LEGACY_PREFIX);
}

/**
 * Decrypts a stored value. Throws IntegrityError when the tag does not match (or the value is
 * malformed), UnknownKeyVersionError when the key version is not configured: never garbage.
 */
export function openValue(stored: string, keyFor: (version: number) => Buffer | undefined, context: string): string {
  if (isLegacyValue(stored)) {
    const key = keyFor(1);
    if (!key) throw new UnknownKeyVersionError(1);
    return legacySm4Decrypt(stored, key);
  }
  const parts = stored.split(':');
  if (parts.length !== 5 || parts[0] !== SEALED_PREFIX || !/^\d{1,6}$/.test(parts[1])) throw new IntegrityError();
  const version = Number(parts[1]);
  const master = keyFor(version);
  if (!master) throw new UnknownKeyVersionError(version);
  const head = parts.slice(0, 4).join(':');
  const expected = hmacSm3(deriveKey(master, 'personal/mac'), [head, context]);
  const given = Buffer.from(parts[4], 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IntegrityError();
  const decipher = createDecipheriv('sm4-cbc', deriveKey(master, 'personal/enc', 16), Buffer.from(parts[2], 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64')), decipher.final()]).toString('utf8');
}

/** The format before key versions (SM4-CBC, no tag): padding errors are reported as integrity failures. */
function legacySm4Decrypt(stored: string, key: Buffer): string {
  const parts = stored.split('$');
  if (parts.length !== 3) throw new IntegrityError();
  try {
    const decipher = createDecipheriv('sm4-cbc', key, Buffer.from(parts[1], 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(parts[2], 'base64')), decipher.final()]);
    // A wrong key or altered bytes usually fail the padding; what passes must still be text.
    const text = plain.toString('utf8');
    if (text.includes('\uFFFD')) throw new IntegrityError();
    return text;
  } catch (e) {
    if (e instanceof IntegrityError) throw e;
    throw new IntegrityError();
  }
}
