import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { cardResponse } from '../../handlers';

export const dynamic = 'force-dynamic';

/** The map's card of one parcel. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地块卡片', () => cardResponse(db, actor, id));
}
