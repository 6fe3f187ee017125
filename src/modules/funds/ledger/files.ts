import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { fileError, storedFileResponse } from '@/platform/storage/file-response';
import { findLedgerAttachment } from './queries';

/**
 * GET /api/funds/ledger/files/<id>: 401 signed out, 403 without fund:view, 404 for an unknown id,
 * an attachment of something other than a ledger entry, or a lost file; else the bytes.
 */
export async function ledgerFileResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return fileError(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'fund:view')) return fileError(403, '您没有查看资金收支附件的权限');
  const file = await findLedgerAttachment(db, id);
  if (!file) return fileError(404, '文件不存在或已被删除');
  return storedFileResponse(file, opts);
}
