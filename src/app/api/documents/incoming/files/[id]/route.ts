import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { auditIfRefused } from '@/platform/http/refusals';
import { limitedApi } from '@/platform/http/rate-limit';
import { incomingFileResponse } from '@/modules/documents/incoming/files';

export const dynamic = 'force-dynamic';

/** An attachment of a 收文 (scan, enclosures), for holders of incoming:view. `?download=1` forces a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const db = await getDb();
  const actor = await getActor();
  return auditIfRefused(actor, `GET /api/documents/incoming/files/${id}`, await limitedApi(db, actor, '收文附件下载', () => incomingFileResponse(db, actor, id, { download })));
}
