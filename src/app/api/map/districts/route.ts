import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { limitedApi } from '@/platform/http/rate-limit';
import { districtsResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** The 益阳 districts as GeoJSON for the map's offline base layer. */
export async function GET() {
  const db = await getDb();
  const actor = await getActor();
  return limitedApi(db, actor, '地图行政区', () => districtsResponse(db, actor));
}
