import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { extentResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** The extent of the parcels the map's filters keep (where 缩放到符合条件的地块 goes). */
export async function GET(request: Request) {
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地图范围', () => extentResponse(db, actor, request.url));
}
