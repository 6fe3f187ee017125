import { createCipheriv, createDecipheriv, createHash, pbkdf2, randomBytes, timingSafeEqual, type Hash } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** SM3 digest (GB/T 32905) as lowercase hex. */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** An incremental SM3 hasher (update chunk by chunk, then digest('hex')): for files read as streams. */
export function sm3Hasher(): Hash {
  return createHash('sm3');
}

const HASH_SCHEME = 'pbkdf2-sm3';

/** PBKDF2-HMAC-SM3 with a per-user random salt: `pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(password, salt, iterations, 32, 'sm3');
  return [HASH_SCHEME, iterations, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== HASH_SCHEME) return false;
  const iterations = Number(parts[1]);
  if (!Number.isInteger(iterations) || iterations < 1) return false;
  const salt = Buffer.from(parts[2], 'base64');
  const expected = Buffer.from(parts[3], 'base64');
  const actual = await pbkdf2Async(password, salt, iterations, expected.length, 'sm3');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** SM4-CBC with a random IV: `sm4$<iv b64>$<ciphertext b64>`. The key is 16 bytes. */
export function sm4Encrypt(plain: string, key: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', key, iv);
  const out = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `sm4$${iv.toString('base64')}$${out.toString('base64')}`;
}

export function sm4Decrypt(stored: string, key: Buffer): string {
  const parts = stored.split('$');
  if (parts.length !== 3 || parts[0] !== 'sm4') throw new Error('not an SM4 value');
  const decipher = createDecipheriv('sm4-cbc', key, Buffer.from(parts[1], 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(parts[2], 'base64')), decipher.final()]).toString('utf8');
}
