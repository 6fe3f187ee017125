import { formatMegabytes, sizeOverLimitFigures } from '@/platform/storage/file-size';

/**
 * What a file picker checks before anything is sent: the extension against the accepted list and
 * the size against the limit, with Chinese messages naming the file. The server checks again
 * (by content); these only spare the user a pointless upload. Pure and client-safe.
 */
export interface FileRule {
  /** Accepted extensions as in an <input accept>: ".pdf,.jpg,.jpeg,.png". */
  accept: string;
  /** What the user is told is accepted: 「PDF、JPG 或 PNG」. */
  typeLabel: string;
  maxBytes: number;
}

export function acceptedExtensions(accept: string): string[] {
  return accept
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.startsWith('.'));
}

export function hasAcceptedExtension(name: string, accept: string): boolean {
  const lower = name.toLowerCase();
  return acceptedExtensions(accept).some((ext) => lower.endsWith(ext));
}

/** "512 B", "12.5 KB", "3.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return formatMegabytes(bytes);
}

/** Why the file cannot be sent (Chinese), or null. */
export function fileProblem(file: { name: string; size: number }, rule: FileRule): string | null {
  if (!hasAcceptedExtension(file.name, rule.accept)) return `文件「${file.name}」的类型不支持，请选择 ${rule.typeLabel} 文件`;
  if (file.size === 0) return `文件「${file.name}」是空文件`;
  if (file.size > rule.maxBytes) {
    const { sizeText, limitText } = sizeOverLimitFigures(file.size, rule.maxBytes);
    return `文件「${file.name}」大小 ${sizeText} MB，超过上限 ${limitText} MB`;
  }
  return null;
}

/** The hint under a picker: 「支持 PDF、JPG 或 PNG，单个文件不超过 10 MB」. */
export function fileRuleHint(rule: FileRule): string {
  return `支持 ${rule.typeLabel}，单个文件不超过 ${formatMegabytes(rule.maxBytes)}`;
}
