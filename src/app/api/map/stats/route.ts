import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { statsResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** Count and area by stage of the parcels in the map's view, with its filters. */
export async function GET(request: Request) {
  return statsResponse(await getDb(), await getActor(), request.url);
}
