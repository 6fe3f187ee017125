import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { auditIfRefused } from '@/platform/http/refusals';
import { ledgerFileResponse } from '@/modules/funds/ledger/files';

export const dynamic = 'force-dynamic';

/** An attachment of a ledger entry (voucher, invoice, contract scan), for holders of fund:view. `?download=1` forces a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const actor = await getActor();
  return auditIfRefused(actor, `GET /api/funds/ledger/files/${id}`, await ledgerFileResponse(await getDb(), actor, id, { download }));
}
