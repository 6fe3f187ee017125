import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { fail } from '@/platform/action';
import { parcels } from '../schema';
import type { TStage } from '../stages';

/**
 * The parcel a compensation / development / custody / supply record belongs to: enough to
 * show its name and to check what its stage allows.
 */
export interface ParcelRef {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  version: number;
}

const ID = /^[0-9A-Za-z_-]{1,64}$/;

const columns = { id: parcels.id, code: parcels.code, name: parcels.name, stage: parcels.stage, version: parcels.version };

/** For pages: null when the id is malformed or no such parcel exists (the page answers 404). */
export async function findParcelRef(db: Db | Tx, parcelId: string): Promise<ParcelRef | null> {
  if (!ID.test(parcelId)) return null;
  const [row] = await db.select(columns).from(parcels).where(eq(parcels.id, parcelId));
  return row ? { ...row, stage: row.stage as TStage } : null;
}

/**
 * For mutations: locks the parcel row for the transaction, so a record is never changed while a
 * lifecycle transition of the same parcel reads it (the transition locks the same row).
 */
export async function lockParcelRef(tx: Tx, parcelId: string): Promise<ParcelRef> {
  const [row] = await tx.select(columns).from(parcels).where(eq(parcels.id, parcelId)).for('update');
  if (!row) fail('地块不存在或已被删除', 'NOT_FOUND');
  return { ...row, stage: row.stage as TStage };
}
