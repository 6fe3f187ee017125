import 'server-only';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { getConfig } from '../config';
import { sm3Hasher, sm3Hex } from '../crypto/sm';

/**
 * Content-addressed file store: each file lives once under `${DATA_DIR}/files/<sm3[0..2]>/<sm3>`,
 * named by its SM3 digest, so the same content uploaded twice is stored once and any later
 * change to a stored file is detectable. Metadata (names, owners) belongs in the database.
 */
const DIGEST = /^[0-9a-f]{64}$/;

export function filesRoot(): string {
  return resolve(/*turbopackIgnore: true*/ getConfig().DATA_DIR, 'files');
}

/** Path of a stored file; throws on anything but a 64-hex digest (no path tricks). */
export function storedFilePath(sm3: string): string {
  if (!DIGEST.test(sm3)) throw new Error('invalid SM3 digest');
  return join(filesRoot(), sm3.slice(0, 2), sm3);
}

export interface StoredFile {
  sm3: string;
  sizeBytes: number;
  /** false when identical content was already stored (deduplicated). */
  created: boolean;
}

/** Stores the bytes (write to a temporary name, then rename, so a reader never sees half a file). */
export async function putFile(bytes: Uint8Array): Promise<StoredFile> {
  const sm3 = sm3Hex(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const path = storedFilePath(sm3);
  const existing = await stat(path).catch(() => null);
  if (existing && existing.size === bytes.byteLength) return { sm3, sizeBytes: bytes.byteLength, created: false };
  await mkdir(join(filesRoot(), sm3.slice(0, 2)), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes, { mode: 0o640 });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return { sm3, sizeBytes: bytes.byteLength, created: true };
}

/** The stored bytes, or null when the file is missing or no longer matches its digest. */
export async function readStoredFile(sm3: string): Promise<Buffer | null> {
  let data: Buffer;
  try {
    data = await readFile(storedFilePath(sm3));
  } catch {
    return null;
  }
  return sm3Hex(data) === sm3 ? data : null;
}

/**
 * The SM3 digest of a stored file's bytes as they are on disk now, read as a stream (an integrity
 * check walks every archived file: none is held in memory whole), or null when the file is missing.
 */
export async function storedFileDigest(sm3: string): Promise<string | null> {
  const hash = sm3Hasher();
  try {
    for await (const chunk of createReadStream(storedFilePath(sm3), { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  return hash.digest('hex');
}
