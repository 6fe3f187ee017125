import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { matchResponse } from '../../../handlers';

export const dynamic = 'force-dynamic';

/** Whether the map's filters keep a parcel (its card closes when they do not). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return matchResponse(await getDb(), await getActor(), id, request.url);
}
