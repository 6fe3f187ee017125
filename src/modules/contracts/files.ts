import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { fileError, storedFileResponse } from '@/platform/storage/file-response';
import { findContractAttachment } from './queries';

export const contractFileUrl = (id: string) => `/api/contracts/files/${id}`;

/**
 * GET /api/contracts/files/<id>: 401 signed out, 403 without contract:view, 404 for an unknown id,
 * an attachment of something other than a contract, or a lost file; else the bytes.
 */
export async function contractFileResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return fileError(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'contract:view')) return fileError(403, '您没有查看合同附件的权限');
  const file = await findContractAttachment(db, id);
  if (!file) return fileError(404, '文件不存在或已被删除');
  return storedFileResponse(file, opts);
}
