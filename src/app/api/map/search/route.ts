import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { searchResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** Parcel search by code or name for the map (top 10). */
export async function GET(request: Request) {
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地图搜索', () => searchResponse(db, actor, request.url));
}
