import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { fileError, storedFileResponse } from '@/platform/storage/file-response';
import { findAttachment, INSPECTION_OWNER } from './attachments';
import { EVENT_OWNER } from '../lifecycle/documents';

/** The files this route serves: those of parcels. Other modules' files (ledger vouchers …) have their own routes and permissions. */
const PARCEL_OWNER_TYPES = new Set([INSPECTION_OWNER, EVENT_OWNER]);

/**
 * The HTTP answer for GET /api/files/<id>: 401 signed out, 403 without parcel:view, 404 unknown
 * id or lost file, else the bytes with their type and a UTF-8 file name.
 */
export async function attachmentResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return fileError(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'parcel:view')) return fileError(403, '您没有查看地块附件的权限');
  const file = await findAttachment(db, id);
  if (!file || !PARCEL_OWNER_TYPES.has(file.ownerType)) return fileError(404, '文件不存在或已被删除');
  return storedFileResponse(file, opts);
}
