import { sniffImageType } from './image-types';
import { extensionRefusal } from './upload-names';

/** Documents attached to lifecycle events: PDF or a scanned image, by content (not extension). */
export const DOCUMENT_TYPE_LABEL = 'PDF、JPG、PNG 或 WebP';
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function sniffDocumentType(bytes: Uint8Array): string | null {
  // "%PDF-"
  if (bytes.length >= 5 && [0x25, 0x50, 0x44, 0x46, 0x2d].every((b, i) => bytes[i] === b)) return 'application/pdf';
  return sniffImageType(bytes);
}

export function documentProblem(name: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `文件「${name}」是空文件`;
  if (bytes.length > MAX_DOCUMENT_BYTES) return `文件「${name}」超过 10 MB`;
  const badName = extensionRefusal('文件', name, DOCUMENT_TYPE_LABEL);
  if (badName) return badName;
  if (!sniffDocumentType(bytes)) return `文件「${name}」不是 ${DOCUMENT_TYPE_LABEL}（按文件内容识别，改扩展名无效）`;
  return null;
}
