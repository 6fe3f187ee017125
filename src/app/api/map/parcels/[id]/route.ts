import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { cardResponse } from '../../handlers';

export const dynamic = 'force-dynamic';

/** The map's card of one parcel. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return cardResponse(await getDb(), await getActor(), id);
}
