import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { auditIfRefused } from '@/platform/http/refusals';
import { limitedApi } from '@/platform/http/rate-limit';
import { archiveFileResponse } from '@/modules/archives/files';

export const dynamic = 'force-dynamic';

/**
 * A file of an archived item (档案管理员), checked against its SM3 digest before it is served;
 * every view and download is audited. `?download=1` forces a download.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const db = await getDb();
  const actor = await getActor();
  return auditIfRefused(actor, `GET /api/archives/files/${id}`, await limitedApi(db, actor, '档案文件下载', () => archiveFileResponse(db, actor, id, { download })));
}
