import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { sm4Decrypt, sm4Encrypt } from './sm';

let cached: Buffer | undefined;

/**
 * The SM4 key for personal data: SM4_KEY (32 hex digits), or a random key created once in the
 * data folder (mode 600). Losing it makes the encrypted fields unreadable: back it up with the
 * database, and set SM4_KEY explicitly when several instances share one database.
 */
export function getSm4Key(): Buffer {
  if (cached) return cached;
  const cfg = getConfig();
  if (cfg.SM4_KEY) return (cached = Buffer.from(cfg.SM4_KEY, 'hex'));
  const dir = resolve(/*turbopackIgnore: true*/ cfg.DATA_DIR);
  const file = join(dir, 'sm4.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(16).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`SM4 密钥文件 ${file} 内容无效`);
  cached = Buffer.from(hex, 'hex');
  return cached;
}

export function encryptPersonal(plain: string): string {
  return sm4Encrypt(plain, getSm4Key());
}

export function decryptPersonal(stored: string): string {
  return sm4Decrypt(stored, getSm4Key());
}
