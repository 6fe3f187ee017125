import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { parcelTileResponse } from '@/modules/map/tiles/service';

export const dynamic = 'force-dynamic';

/** A parcel vector tile (see src/modules/map/tiles/contract.ts); holders of parcel:view only. */
export async function GET(request: Request, { params }: { params: Promise<{ z: string; x: string; y: string }> }) {
  const coords = await params;
  return parcelTileResponse(await getDb(), await getActor(), coords, new URL(request.url).searchParams, request.headers.get('if-none-match'));
}
