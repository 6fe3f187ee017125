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

const KIND_NAMES: Record<DetectedKind, string> = {
  geojson: 'GeoJSON（JSON）',
  zip: 'zip 压缩包',
  kml: 'KML（XML）',
  'ministry-text': '部颁坐标文本',
  'shapefile-part': 'Shapefile 文件',
};

/**
 * Upload check by extension AND content, before any reader runs: an extension outside the
 * boundary formats is refused; a file whose content is another format than its extension says
 * (a zip named .geojson, a program renamed .zip) is refused. Files without an extension are left
 * to the content. Returns the Chinese refusal, or null.
 */
export function extensionProblem(fileName: string, bytes: Uint8Array): string | null {
  const ext = extensionOf(fileName);
  if (!ext) return null;
  const byName = BY_EXTENSION[ext];
  if (!byName) return `不支持的文件类型「.${ext.slice(0, 20)}」，请上传 GeoJSON（.geojson、.json）、KML（.kml、.kmz）、Shapefile（打包为 .zip）或部颁坐标文本（.txt）`;
  if (byName === 'shapefile-part') return null;
  const content = byContent(bytes);
  if (byName === 'zip') return content === 'zip' ? null : `文件「.${ext}」的内容不是 zip 压缩包（按文件内容识别，改扩展名无效），请重新打包后上传`;
  if (content === 'zip') return `文件的扩展名是「.${ext}」，内容却是 zip 压缩包，请把扩展名改为 .zip（Shapefile）或 .kmz 后重新上传`;
  // Binary content under a text extension keeps the general "unrecognised" answer (readers refuse it).
  if (content === null || content === 'binary' || content === byName) return null;
  if (byName === 'ministry-text') return null;
  return `文件内容与扩展名不符：扩展名是「.${ext}」，内容却是${KIND_NAMES[content]}，请检查文件后重新上传`;
}

export function detectFormat(fileName: string, bytes: Uint8Array): DetectedKind | null {
  const content = byContent(bytes);
  const byName = BY_EXTENSION[extensionOf(fileName)] ?? null;
  if (content === 'binary') return byName === 'zip' || byName === 'shapefile-part' ? byName : null;
  return content ?? byName;
}
