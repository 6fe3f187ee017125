/**
 * A small, defensive ZIP reader for uploaded shapefile and KMZ archives. The central directory
 * is read by hand so every bound can be checked; entries are inflated with fflate's streaming
 * Inflate in slices sized so that one slice cannot expand much beyond the entry's declared size;
 * an entry that inflates past it is stopped there instead of filling memory. CRC-32 is verified.
 */
import { Inflate } from 'fflate';
import { decodeGbk, isValidUtf8 } from './text-decoding';
import { ImportError } from './types';

export interface ZipEntry {
  /** Path inside the archive, '/' separated, decoded (UTF-8 flag, else UTF-8 if valid, else GBK). */
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const CORRUPT = '压缩包不完整或已损坏，请重新打包后上传';
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Deflate's best ratio: one compressed byte never yields more than this many bytes. */
const MAX_DEFLATE_RATIO = 1032;
/** More entries than this is no shapefile or KMZ (a handful of files each): refused unread. */
export const MAX_ZIP_ENTRIES = 1000;
/** Entries above 1 MB that claim to expand more than this many times are treated as zip bombs. */
export const MAX_ZIP_RATIO = 500;

/** `../`, absolute paths and drive letters: never extracted anywhere, but refused all the same. */
export function unsafeEntryName(name: string): boolean {
  return name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').some((part) => part === '..');
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, data: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new ImportError(CORRUPT);
}

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag || isValidUtf8(raw)) return new TextDecoder('utf-8').decode(raw);
  return decodeGbk(raw) ?? new TextDecoder('latin1').decode(raw);
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Lists the files of an archive (directories left out). ImportError when it is not a readable zip. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22) throw new ImportError(CORRUPT);
  const data = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, data);
  const count = data.getUint16(eocd + 10, true);
  const directorySize = data.getUint32(eocd + 12, true);
  const directoryOffset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ImportError('不支持 ZIP64 格式的压缩包，请用常规 zip 格式重新打包');
  if (directoryOffset + directorySize > eocd) throw new ImportError(CORRUPT);
  if (count > MAX_ZIP_ENTRIES) throw new ImportError(`压缩包中的文件过多（${count} 个，最多 ${MAX_ZIP_ENTRIES} 个），已拒绝处理`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || data.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ImportError(CORRUPT);
    const flags = data.getUint16(at + 8, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) throw new ImportError(CORRUPT);
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0).replace(/\\/g, '/');
    const entry: ZipEntry = {
      name,
      flags,
      method: data.getUint16(at + 10, true),
      crc32: data.getUint32(at + 16, true),
      compressedSize: data.getUint32(at + 20, true),
      size: data.getUint32(at + 24, true),
      localHeaderOffset: data.getUint32(at + 42, true),
    };
    // eslint-disable-next-line no-control-regex
    if (unsafeEntryName(name) || /[\u0000-\u001f]/.test(name)) throw new ImportError(`压缩包中含有不安全的文件路径「${name.replace(/[\u0000-\u001f]/g, '?').slice(0, 100)}」，已拒绝处理`);
    if (!name.endsWith('/')) entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(chunks: readonly Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const chunk of chunks) for (const b of chunk) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Shared expansion budget of one archive: total bytes that may still be inflated. */
export interface ZipBudget {
  remaining: number;
  limitText: string;
}

function bombError(budget: ZipBudget): ImportError {
  return new ImportError(`压缩包解压后的大小超过上限 ${budget.limitText}，已拒绝处理`);
}

/** Extracts one entry within the budget; ImportError for encrypted, unsupported, corrupt or too large. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: ZipBudget): Uint8Array {
  if (entry.flags & 0x1) throw new ImportError('压缩包已加密，请解除密码后重新打包上传');
  if (entry.method !== 0 && entry.method !== 8) throw new ImportError(`压缩包中的 ${entry.name} 使用了不支持的压缩方式，请用常规 zip（deflate）格式重新打包`);
  if (entry.size > budget.remaining) throw bombError(budget);
  if (entry.size > 1024 * 1024 && entry.size > entry.compressedSize * MAX_ZIP_RATIO) {
    throw new ImportError(`压缩包中的 ${entry.name} 压缩比异常（超过 ${MAX_ZIP_RATIO} 倍），疑似压缩炸弹，已拒绝处理`);
  }
  const data = view(bytes);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || data.getUint32(local, true) !== LOCAL_SIGNATURE) throw new ImportError(CORRUPT);
  const start = local + 30 + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ImportError(CORRUPT);
  const compressed = bytes.subarray(start, end);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (entry.method === 0) {
    chunks.push(compressed);
    total = compressed.length;
  } else {
    // entry.size is within the budget (checked above), so output beyond it means the header lies.
    // Slices of at least 512 B (per-push overhead) and at most 64 KB; small for small entries.
    const slice = Math.min(64 * 1024, Math.max(512, Math.ceil(entry.size / MAX_DEFLATE_RATIO)));
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > entry.size) throw new Error('entry larger than declared');
      chunks.push(chunk);
    });
    try {
      for (let at = 0; at < compressed.length || at === 0; at += slice) {
        inflater.push(compressed.subarray(at, Math.min(at + slice, compressed.length)), at + slice >= compressed.length);
      }
    } catch {
      throw new ImportError(CORRUPT);
    }
  }
  if (total !== entry.size || crc32(chunks) !== entry.crc32) throw new ImportError(CORRUPT);
  budget.remaining -= total;
  return chunks.length === 1 ? chunks[0] : concat(chunks, total);
}

/** Refuses an archive whose entries declare more than the budget in total (a zip bomb). */
export function checkDeclaredSizes(entries: readonly ZipEntry[], budget: ZipBudget): void {
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > budget.remaining) throw bombError(budget);
}
