import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { extentResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** The extent of the parcels the map's filters keep (where 缩放到符合条件的地块 goes). */
export async function GET(request: Request) {
  return extentResponse(await getDb(), await getActor(), request.url);
}
