/**
 * Text decoding for imported files. Chinese GIS and surveying tools write UTF-8 or GBK
 * (GB18030 decodes both GBK and GB2312). 'auto': a BOM wins, then valid UTF-8 → UTF-8,
 * otherwise GBK. A declared encoding that the bytes contradict is an error, never mojibake.
 */
import iconv from 'iconv-lite';
import { ImportError, type ImportEncoding } from './types';

export type TextEncoding = 'utf8' | 'gbk' | 'utf16le' | 'utf16be';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** GBK decoding; null when the bytes are not valid GBK/GB18030 either. */
export function decodeGbk(bytes: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  return text.includes('\uFFFD') ? null : text;
}

const CJK = /[\u3400-\u9fff]/;

/** Valid UTF-8 holding Chinese characters: what GBK text practically never is. */
export function looksLikeUtf8Chinese(bytes: Uint8Array): boolean {
  if (!hasNonAscii(bytes) || !isValidUtf8(bytes)) return false;
  return CJK.test(strictUtf8.decode(bytes));
}

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

function bomEncoding(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return null;
}

/**
 * Decodes a text file. `declared` is what the user or the file itself says ('auto' when
 * nothing); `what` names the thing in messages, e.g. 「坐标文本」 or 「属性表（.dbf）」.
 */
export function decodeText(bytes: Uint8Array, declared: ImportEncoding, what: string): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom && bom.encoding !== 'utf8') {
    const body = bytes.subarray(bom.length);
    return { text: new TextDecoder(bom.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(body), encoding: bom.encoding };
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  if (!hasNonAscii(body)) return { text: strictUtf8.decode(body), encoding: 'utf8' };
  // Decoded once: for a file of many megabytes each pass counts.
  const utf8Text = tryUtf8(body);
  const utf8 = utf8Text !== null;
  if (declared === 'utf8' || (declared === 'auto' && (utf8 || bom))) {
    if (utf8Text === null) {
      throw new ImportError(
        `${what}指定为 UTF-8 编码，但内容不是有效的 UTF-8（可能是 GBK 编码），请选择 GBK 编码或“自动识别”后重新导入`,
      );
    }
    return { text: utf8Text, encoding: 'utf8' };
  }
  if (declared === 'gbk' && utf8Text !== null && CJK.test(utf8Text)) {
    throw new ImportError(`${what}指定为 GBK 编码，但内容是 UTF-8 编码，请选择 UTF-8 编码或“自动识别”后重新导入`);
  }
  const gbk = decodeGbk(body);
  if (gbk === null) {
    throw new ImportError(`${what}的文字编码无法识别：既不是有效的 UTF-8，也不是有效的 GBK`);
  }
  return { text: gbk, encoding: 'gbk' };
}
