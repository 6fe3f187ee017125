/**
 * dBASE III attribute table (.dbf) of a shapefile. Read by hand rather than through the
 * `shapefile` package so the encoding can be decided from the raw bytes: GBK from Chinese ArcGIS
 * / MapGIS / CASS, UTF-8 from QGIS. Field names may be Chinese too (「地块编号」 is 8 GBK bytes).
 */
import { decodeGbk, hasNonAscii, isValidUtf8, looksLikeUtf8Chinese } from './text-decoding';
import { ImportError, type ImportEncoding } from './types';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfRecord {
  deleted: boolean;
  values: Record<string, string | number | null>;
}

export interface DbfTable {
  fields: DbfField[];
  records: DbfRecord[];
  encoding: 'utf8' | 'gbk';
}

const CORRUPT = '属性表（.dbf）文件不完整或已损坏';

interface RawField {
  nameBytes: Uint8Array;
  type: string;
  offset: number;
  length: number;
}

function trimBytes(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
  let start = 0;
  while (start < end && bytes[start] === 0x20) start++;
  return bytes.subarray(start, end);
}

function readFields(bytes: Uint8Array, headerLength: number): RawField[] {
  const fields: RawField[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    let end = at;
    while (end < at + 11 && bytes[end] !== 0) end++;
    const length = bytes[at + 16];
    fields.push({ nameBytes: bytes.subarray(at, end), type: String.fromCharCode(bytes[at + 11]), offset, length });
    offset += length;
  }
  return fields;
}

/**
 * Chooses the text encoding: the user's choice, else the .cpg's, else UTF-8 when every text
 * byte sequence is valid UTF-8, else GBK. A stated encoding the bytes contradict is an error.
 */
function chooseEncoding(texts: Uint8Array[], stated: ImportEncoding, statedBy: string): 'utf8' | 'gbk' {
  const nonAscii = texts.filter(hasNonAscii).map(withoutBrokenUtf8Tail);
  if (nonAscii.length === 0) return stated === 'gbk' ? 'gbk' : 'utf8';
  const allUtf8 = nonAscii.every(isValidUtf8);
  if (stated === 'utf8') {
    if (!allUtf8) {
      throw new ImportError(`属性表（.dbf）的编码由${statedBy}指定为 UTF-8，但内容不是有效的 UTF-8（可能是 GBK 编码），请选择 GBK 编码或修正 .cpg 文件后重新导入`);
    }
    return 'utf8';
  }
  if (stated === 'gbk') {
    if (allUtf8 && nonAscii.some(looksLikeUtf8Chinese)) {
      throw new ImportError(`属性表（.dbf）的编码由${statedBy}指定为 GBK，但内容是 UTF-8 编码，请选择 UTF-8 编码或修正 .cpg 文件后重新导入`);
    }
    return 'gbk';
  }
  return allUtf8 ? 'utf8' : 'gbk';
}

/**
 * Fixed-width fields (and 10-byte field names) are cut at a byte count, which may split the
 * last multi-byte character: drop such an incomplete UTF-8 tail.
 */
function withoutBrokenUtf8Tail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/** Same for GBK: a lone lead byte at the very end. */
function withoutBrokenGbkTail(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length) i += bytes[i] >= 0x81 && bytes[i] <= 0xfe ? 2 : 1;
  return i > bytes.length ? bytes.subarray(0, bytes.length - 1) : bytes;
}

function decodeWith(encoding: 'utf8' | 'gbk', bytes: Uint8Array): string {
  if (!hasNonAscii(bytes)) return new TextDecoder('utf-8').decode(bytes);
  if (encoding === 'utf8') return new TextDecoder('utf-8').decode(withoutBrokenUtf8Tail(bytes));
  const text = decodeGbk(withoutBrokenGbkTail(bytes));
  if (text === null) throw new ImportError('属性表（.dbf）中的文字既不是有效的 UTF-8，也不是有效的 GBK 编码');
  return text;
}

function fieldValue(type: string, raw: Uint8Array, encoding: 'utf8' | 'gbk'): string | number | null {
  const bytes = trimBytes(raw);
  if (bytes.length === 0) return null;
  switch (type) {
    case 'N':
    case 'F': {
      const text = new TextDecoder('latin1').decode(bytes);
      const value = Number(text);
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && Number.isFinite(value) ? value : null;
    }
    case 'D': {
      const text = new TextDecoder('latin1').decode(bytes);
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    case 'L': {
      const c = String.fromCharCode(bytes[0]).toUpperCase();
      return 'TY'.includes(c) ? '是' : 'FN'.includes(c) ? '否' : null;
    }
    default:
      return decodeWith(encoding, bytes);
  }
}

export function readDbf(bytes: Uint8Array, stated: ImportEncoding, statedBy: string): DbfTable {
  if (bytes.length < 33) throw new ImportError(CORRUPT);
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = data.getUint32(4, true);
  const headerLength = data.getUint16(8, true);
  const recordLength = data.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) throw new ImportError(CORRUPT);
  const rawFields = readFields(bytes, headerLength);
  if (rawFields.length === 0 || rawFields[rawFields.length - 1].offset + rawFields[rawFields.length - 1].length > recordLength) {
    throw new ImportError(CORRUPT);
  }
  if (headerLength + count * recordLength > bytes.length) throw new ImportError(`${CORRUPT}：声明 ${count} 条记录，但文件长度不足`);
  const recordBytes = (i: number) => bytes.subarray(headerLength + i * recordLength, headerLength + (i + 1) * recordLength);
  const texts: Uint8Array[] = rawFields.map((f) => f.nameBytes);
  for (let i = 0; i < count; i++) {
    const record = recordBytes(i);
    for (const f of rawFields) if (f.type === 'C') texts.push(trimBytes(record.subarray(f.offset, f.offset + f.length)));
  }
  const encoding = chooseEncoding(texts, stated, statedBy);
  const fields = rawFields.map((f) => ({ name: decodeWith(encoding, f.nameBytes).trim(), type: f.type, length: f.length }));
  const records: DbfRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record = recordBytes(i);
    const values: Record<string, string | number | null> = {};
    rawFields.forEach((f, k) => {
      values[fields[k].name] = fieldValue(f.type, record.subarray(f.offset, f.offset + f.length), encoding);
    });
    records.push({ deleted: record[0] === 0x2a, values });
  }
  return { fields, records, encoding };
}
