import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { searchResponse } from '../handlers';

export const dynamic = 'force-dynamic';

/** Parcel search by code or name for the map (top 10). */
export async function GET(request: Request) {
  return searchResponse(await getDb(), await getActor(), request.url);
}
