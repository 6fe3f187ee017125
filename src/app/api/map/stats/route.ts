import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { statsResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** Count and area by stage of the parcels in the map's view, with its filters. */
export async function GET(request: Request) {
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地图统计', () => statsResponse(db, actor, request.url));
}
