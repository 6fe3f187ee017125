import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { auditIfRefused } from '@/platform/http/refusals';
import { attachmentResponse } from '@/modules/parcels/custody/file-response';

export const dynamic = 'force-dynamic';

/** A stored attachment (inspection photo, event document …), for holders of parcel:view. `?download=1` forces a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const actor = await getActor();
  return auditIfRefused(actor, `GET /api/files/${id}`, await attachmentResponse(await getDb(), actor, id, { download }));
}
