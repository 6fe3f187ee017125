import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { matchResponse } from '../../../handlers';

export const dynamic = 'force-dynamic';

/** Whether the map's filters keep a parcel (its card closes when they do not). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地块匹配', () => matchResponse(db, actor, id, request.url));
}
