/**
 * Which reader a file goes to: by content first (zip magic, '{', '<kml', the 部颁 section
 * headings in UTF-8 or GBK), by extension when the content says nothing, else unrecognised.
 */
import iconv from 'iconv-lite';
import { isZip } from './zip';

export type DetectedKind = 'geojson' | 'zip' | 'kml' | 'ministry-text' | 'shapefile-part';

const SNIFF_BYTES = 64 * 1024;
const MINISTRY_MARKERS = ['[地块坐标]', '[属性描述]'];

function extensionOf(fileName: string): string {
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Lenient decodings of the file's head, for sniffing only. */
function headTexts(bytes: Uint8Array): string[] {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head[0] === 0xff && head[1] === 0xfe) return [new TextDecoder('utf-16le').decode(head.subarray(2))];
  if (head[0] === 0xfe && head[1] === 0xff) return [new TextDecoder('utf-16be').decode(head.subarray(2))];
  const utf8 = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const gbk = iconv.decode(Buffer.from(head.buffer, head.byteOffset, head.byteLength), 'gb18030');
  return [utf8, gbk];
}

/** NUL or other C0 controls (besides tab, CR, LF, FF, ESC-free text) mean a binary file. */
function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/.test(text);
}

function byContent(bytes: Uint8Array): DetectedKind | 'binary' | null {
  if (isZip(bytes)) return 'zip';
  const texts = headTexts(bytes);
  if (looksBinary(texts[0]) && looksBinary(texts[texts.length - 1])) return 'binary';
  const start = texts[0].trimStart();
  if (start.startsWith('{')) return 'geojson';
  if (start.startsWith('<') && /<kml[\s>]/i.test(start)) return 'kml';
  const compact = texts.map((t) => t.replace(/[ \t\u3000]/g, ''));
  if (compact.some((t) => MINISTRY_MARKERS.some((m) => t.includes(m)))) return 'ministry-text';
  return null;
}

const BY_EXTENSION: Record<string, DetectedKind> = {
  json: 'geojson',
  geojson: 'geojson',
  kml: 'kml',
  kmz: 'zip',
  zip: 'zip',
  txt: 'ministry-text',
  shp: 'shapefile-part',
  shx: 'shapefile-part',
  dbf: 'shapefile-part',
  prj: 'shapefile-part',
  cpg: 'shapefile-part',
};

export function detectFormat(fileName: string, bytes: Uint8Array): DetectedKind | null {
  const content = byContent(bytes);
  const byName = BY_EXTENSION[extensionOf(fileName)] ?? null;
  if (content === 'binary') return byName === 'zip' || byName === 'shapefile-part' ? byName : null;
  return content ?? byName;
}
