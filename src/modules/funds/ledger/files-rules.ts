import { MAX_DOCUMENT_BYTES, sniffDocumentType } from '@/platform/storage/document-types';
import { extensionRefusal } from '@/platform/storage/upload-names';

/**
 * Attachments of a ledger entry (vouchers, invoices, contract scans): PDF, JPEG or PNG,
 * recognised by content, never by the file name. Client-safe: the upload button checks first.
 */
export const LEDGER_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const LEDGER_FILE_LABEL = 'PDF、JPG 或 PNG';
export const LEDGER_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png';

export function sniffLedgerFile(bytes: Uint8Array): (typeof LEDGER_FILE_TYPES)[number] | null {
  const type = sniffDocumentType(bytes);
  return LEDGER_FILE_TYPES.find((t) => t === type) ?? null;
}

export function ledgerFileProblem(name: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `文件「${name}」是空文件`;
  if (bytes.length > MAX_DOCUMENT_BYTES) return `文件「${name}」超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`;
  const badName = extensionRefusal('文件', name, LEDGER_FILE_LABEL);
  if (badName) return badName;
  if (!sniffLedgerFile(bytes)) return `文件「${name}」不是 ${LEDGER_FILE_LABEL}（按文件内容识别，改扩展名无效）`;
  return null;
}
