import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * 动态口令 (TOTP, RFC 6238) — pure: no database, no clock of its own, no logging. HMAC is built
 * per RFC 2104 over the hash (SHA-1, or SM3 for 商用密码), so the SM3 variant is the same
 * construction as the RFC's SHA-1 one, with SM3's 32-byte output truncated as RFC 4226 §5.3 does.
 */
export const TOTP_ALGORITHMS = ['SHA1', 'SM3'] as const;
export type TTotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
/** Steps accepted either side of the current one (clock drift of the token). */
export const TOTP_WINDOW = 1;
export const TOTP_SECRET_BYTES = 20;

const HASH_NAME: Record<TTotpAlgorithm, string> = { SHA1: 'sha1', SM3: 'sm3' };
/** Both SHA-1 and SM3 work on 64-byte blocks. */
const BLOCK_BYTES = 64;

/** The policy store's number (security-policy.ts `totp.algorithm`): 0 = SHA-1, 1 = SM3. */
export function algorithmFromPolicy(value: number): TTotpAlgorithm {
  return value === 0 ? 'SHA1' : 'SM3';
}

export const TOTP_ALGORITHM_LABELS: Record<TTotpAlgorithm, string> = { SHA1: 'HMAC-SHA1', SM3: 'HMAC-SM3' };

function digest(algorithm: TTotpAlgorithm, ...parts: Buffer[]): Buffer {
  const h = createHash(HASH_NAME[algorithm]);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** HMAC per RFC 2104: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), a key longer than a block hashed first. */
export function hmac(algorithm: TTotpAlgorithm, key: Buffer, message: Buffer): Buffer {
  const k = Buffer.alloc(BLOCK_BYTES);
  (key.length > BLOCK_BYTES ? digest(algorithm, key) : key).copy(k);
  const ipad = Buffer.alloc(BLOCK_BYTES);
  const opad = Buffer.alloc(BLOCK_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    ipad[i] = k[i] ^ 0x36;
    opad[i] = k[i] ^ 0x5c;
  }
  return digest(algorithm, opad, digest(algorithm, ipad, message));
}

/** HOTP (RFC 4226): dynamic truncation of HMAC(secret, counter as 8 bytes big-endian). */
export function hotp(secret: Buffer, counter: number, algorithm: TTotpAlgorithm, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = hmac(algorithm, secret, msg);
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step (RFC 6238 T) of a moment, T0 = 0. */
export function stepAt(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
}

export function totpAt(secret: Buffer, timeMs: number, algorithm: TTotpAlgorithm, digits = TOTP_DIGITS): string {
  return hotp(secret, stepAt(timeMs), algorithm, digits);
}

/** What a code typed by a person becomes: spaces (apps show 123 456) removed. */
export function normaliseCode(raw: unknown): string {
  return typeof raw === 'string' ? raw.replace(/[\s\u3000]/g, '') : '';
}

export type TTotpCheck = { ok: true; step: number } | { ok: false; reason: 'missing' | 'wrong' | 'replay' };

/**
 * Checks a code against the steps now−1 … now+1. A step at or before `lastStep` (the last one
 * accepted for this user) is refused as a replay: each code works once.
 */
export function checkTotp(
  secret: Buffer,
  algorithm: TTotpAlgorithm,
  rawCode: unknown,
  nowMs: number,
  lastStep: number | null,
): TTotpCheck {
  const code = normaliseCode(rawCode);
  if (!code) return { ok: false, reason: 'missing' };
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const now = stepAt(nowMs);
  let replayed = false;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (!timingSafeEqual(Buffer.from(hotp(secret, step, algorithm)), Buffer.from(code))) continue;
    if (lastStep !== null && step <= lastStep) {
      replayed = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: replayed ? 'replay' : 'wrong' };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32 without padding (what authenticator apps take). */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error('Base32 含有无效字符');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Groups of four for reading aloud / typing by hand. */
export function groupBase32(text: string): string {
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). `algorithm=SM3`
 * is understood by 国密 token apps; common phone apps only know SHA1.
 */
export function otpauthUri(params: { issuer: string; account: string; secret: Buffer; algorithm: TTotpAlgorithm }): string {
  const label = `${encodeURIComponent(params.issuer)}:${encodeURIComponent(params.account)}`;
  const query = [
    `secret=${base32Encode(params.secret)}`,
    `issuer=${encodeURIComponent(params.issuer)}`,
    `algorithm=${params.algorithm}`,
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_STEP_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
