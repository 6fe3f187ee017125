import 'server-only';
import type { Db } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { readStoredFile } from '@/platform/storage/file-store';
import { contentDisposition } from '@/platform/storage/content-disposition';
import { findLedgerAttachment } from './queries';

const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

const json = (status: number, error: string) => Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * GET /api/funds/ledger/files/<id>: 401 signed out, 403 without fund:view, 404 for an unknown id,
 * an attachment of something other than a ledger entry, or a lost file; else the bytes.
 */
export async function ledgerFileResponse(db: Db, holder: PermissionHolder | null, id: string, opts: { download?: boolean } = {}): Promise<Response> {
  if (!holder) return json(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'fund:view')) return json(403, '您没有查看资金收支附件的权限');
  const file = await findLedgerAttachment(db, id);
  if (!file) return json(404, '文件不存在或已被删除');
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
