import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { readStoredFile } from '@/platform/storage/file-store';
import { contentDisposition } from '@/platform/storage/content-disposition';
import { findAttachment, INSPECTION_OWNER } from './attachments';
import { EVENT_OWNER } from '../lifecycle/documents';

/** The files this route serves: those of parcels. Other modules' files (ledger vouchers …) have their own routes and permissions. */
const PARCEL_OWNER_TYPES = new Set([INSPECTION_OWNER, EVENT_OWNER]);

/** Types a browser may show inline; anything else is offered as a download. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'text/plain']);

const json = (status: number, error: string) => Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The HTTP answer for GET /api/files/<id>: 401 signed out, 403 without parcel:view, 404 unknown
 * id or lost file, else the bytes with their type and a UTF-8 file name.
 */
export async function attachmentResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return json(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'parcel:view')) return json(403, '您没有查看地块附件的权限');
  const file = await findAttachment(db, id);
  if (!file || !PARCEL_OWNER_TYPES.has(file.ownerType)) return json(404, '文件不存在或已被删除');
  const data = await readStoredFile(file.sm3);
  if (!data) return json(404, '文件内容缺失或与登记的摘要不符，请联系系统管理员');
  const inline = !opts.download && INLINE_TYPES.has(file.mimeType);
  return new Response(new Uint8Array(data), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(data.byteLength),
      'content-disposition': contentDisposition(file.fileName, inline ? 'inline' : 'attachment'),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=300',
      etag: `"${file.sm3}"`,
    },
  });
}
