import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { getConfig, sm4KeyProblem } from '../config';
import { openValue, sealValue, sealedKeyVersion } from './sealed';

/**
 * The key ring of personal-data encryption and ledger integrity tags. Each version is a 16-byte
 * master key; subkeys for SM4 encryption, HMAC-SM3 of personal fields and HMAC-SM3 of ledger
 * entries are derived from it per purpose (sealed.ts `deriveKey`). Sources, all outside the
 * database:
 *   - version 1: SM4_KEY, or else DATA_DIR/sm4.key (created once, mode 600, as before);
 *   - SM4_KEYS=`2:<32 hex>,3:<32 hex>` in the environment (app.env);
 *   - DATA_DIR/sm4.v<N>.key files (written by `npm run keys:rotate -- --new-key`).
 * The current version (SM4_KEY_VERSION, default: the highest known) encrypts and tags; every
 * known version decrypts and verifies. Losing a version makes its values unreadable: back the
 * keys up with the database (deploy/backup.sh copies them).
 */
export interface KeyRing {
  current: number;
  keys: Map<number, Buffer>;
}

let cached: KeyRing | undefined;

const VERSION_FILE = /^sm4\.v(\d{1,6})\.key$/;

function dataDir(): string {
  return resolve(/*turbopackIgnore: true*/ getConfig().DATA_DIR);
}

function readKeyFile(file: string): Buffer {
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`SM4 密钥文件 ${file} 内容无效`);
  return Buffer.from(hex, 'hex');
}

/** Version 1 from SM4_KEY or DATA_DIR/sm4.key; the file is created only when no other key exists. */
function versionOne(dir: string, otherKeys: boolean): Buffer | undefined {
  const cfg = getConfig();
  if (cfg.SM4_KEY) return Buffer.from(cfg.SM4_KEY, 'hex');
  const file = join(dir, 'sm4.key');
  if (!existsSync(file)) {
    if (otherKeys) return undefined;
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(16).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return readKeyFile(file);
}

/** Parses SM4_KEYS (`2:<hex>,3:<hex>`); throws a Chinese message naming the bad entry. */
export function parseKeyList(text: string | undefined): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^(\d{1,6}):(.*)$/.exec(item);
    if (!m || Number(m[1]) < 1) throw new Error(`SM4_KEYS 的「${item.slice(0, 8)}…」格式应为 版本号:32位十六进制密钥，例如 2:…`);
    const problem = sm4KeyProblem(m[2]);
    if (problem) throw new Error(`SM4_KEYS 版本 ${m[1]}：${problem.replace(/^SM4_KEY/, '密钥')}`);
    if (out.has(Number(m[1]))) throw new Error(`SM4_KEYS 中版本 ${m[1]} 出现了两次`);
    out.set(Number(m[1]), Buffer.from(m[2], 'hex'));
  }
  return out;
}

export function loadKeyRing(): KeyRing {
  const cfg = getConfig();
  const dir = dataDir();
  const keys = parseKeyList(cfg.SM4_KEYS);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const m = VERSION_FILE.exec(name);
      if (!m) continue;
      const version = Number(m[1]);
      const key = readKeyFile(join(dir, name));
      const known = keys.get(version);
      if (known && !known.equals(key)) throw new Error(`密钥版本 ${version} 在 SM4_KEYS 与 ${name} 中不一致`);
      keys.set(version, key);
    }
  }
  if (keys.has(1) && cfg.SM4_KEY) throw new Error('密钥版本 1 即 SM4_KEY，不能在 SM4_KEYS 或 sm4.v1.key 中再次给出');
  const one = keys.has(1) ? undefined : versionOne(dir, keys.size > 0);
  if (one) keys.set(1, one);
  const highest = Math.max(...keys.keys());
  const current = cfg.SM4_KEY_VERSION ?? highest;
  if (!keys.has(current)) throw new Error(`SM4_KEY_VERSION=${current}，但没有该版本的密钥（已有版本：${[...keys.keys()].sort((a, b) => a - b).join('、')}）`);
  return { current, keys };
}

export function getKeyRing(): KeyRing {
  if (!cached) cached = loadKeyRing();
  return cached;
}

/** Forget the ring (tests; keys:rotate after writing a new version). */
export function resetKeyRing(): void {
  cached = undefined;
}

/**
 * The master key of one version. A version this process has not seen is looked up again in the
 * key files, so values re-encrypted by `keys:rotate` with a new key stay readable before a restart.
 */
export function keyOfVersion(version: number): Buffer | undefined {
  const ring = getKeyRing();
  const key = ring.keys.get(version);
  if (key) return key;
  const fresh = loadKeyRing();
  if (!fresh.keys.has(version)) return undefined;
  cached = { ...fresh, current: ring.current };
  return fresh.keys.get(version);
}

/** Column contexts: a sealed value verifies only in the field it was written for. */
export const PERSONAL_FIELDS = {
  idNumber: 'compensation_parties.id_number',
  phone: 'compensation_parties.phone',
  totpSecret: 'user_totp.secret',
  /** SM2 private keys of signers (PKCS#8 PEM; platform/crypto/signer-keys.ts). */
  signerPrivateKey: 'signer_keys.private_key_enc',
} as const;
export type PersonalField = keyof typeof PERSONAL_FIELDS;

export function encryptPersonal(plain: string, field: PersonalField): string {
  const ring = getKeyRing();
  return sealValue(plain, ring.keys.get(ring.current)!, ring.current, PERSONAL_FIELDS[field]);
}

/** Throws IntegrityError on a tag mismatch and UnknownKeyVersionError on a missing key: never garbage. */
export function decryptPersonal(stored: string, field: PersonalField): string {
  return openValue(stored, keyOfVersion, PERSONAL_FIELDS[field]);
}

/** Whether a stored value must be rewritten by rotation (old format or an older key version). */
export function needsReencryption(stored: string): boolean {
  const version = sealedKeyVersion(stored);
  return version === null || stored.startsWith('sm4$') || version !== getKeyRing().current;
}
