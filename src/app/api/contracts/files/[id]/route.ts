import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { auditIfRefused } from '@/platform/http/refusals';
import { limitedApi } from '@/platform/http/rate-limit';
import { contractFileResponse } from '@/modules/contracts/files';

export const dynamic = 'force-dynamic';

/** An attachment of a contract (scan, annex), for holders of contract:view. `?download=1` forces a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const db = await getDb();
  const actor = await getActor();
  return auditIfRefused(actor, `GET /api/contracts/files/${id}`, await limitedApi(db, actor, '合同附件下载', () => contractFileResponse(db, actor, id, { download })));
}
