import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { districtsResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** The 益阳 districts as GeoJSON for the map's offline base layer. */
export async function GET() {
  return districtsResponse(await getDb(), await getActor());
}
