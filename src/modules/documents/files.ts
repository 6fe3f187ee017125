import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { fileError, storedFileResponse } from '@/platform/storage/file-response';
import { findDocumentAttachment } from './queries';

/**
 * GET /api/documents/files/<id>: 401 signed out, 403 without document:view, 404 for an unknown id,
 * an attachment of something other than a document, or a lost file; else the bytes.
 */
export async function documentFileResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return fileError(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'document:view')) return fileError(403, '您没有查看公文附件的权限');
  const file = await findDocumentAttachment(db, id);
  if (!file) return fileError(404, '文件不存在或已被删除');
  return storedFileResponse(file, opts);
}
