import { eq } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';

let n = 0;

/** A project and a parcel at 拟收储 (with its first event), written directly for tests. */
export async function createTestParcel(db: Db, opts: { route?: '收回' | '收购' | '征收' | '优先购买'; eventDate?: string } = {}) {
  n++;
  const tag = `${Date.now() % 1_000_000}-${n}`;
  const [project] = await db
    .insert(reserveProjects)
    .values({ code: `TP-${tag}`, name: `测试项目${tag}`, acquisitionRoute: opts.route ?? '征收' })
    .returning({ id: reserveProjects.id });
  const date = opts.eventDate ?? '2025-01-10';
  const [parcel] = await db
    .insert(parcels)
    .values({ code: `T-${tag}`, name: `测试地块${tag}`, projectId: project.id, areaM2: '10000.00', stageSince: date })
    .returning({ id: parcels.id });
  await db.insert(parcelEvents).values({ parcelId: parcel.id, seq: 1, toStage: '拟收储', eventDate: date });
  return { projectId: project.id, parcelId: parcel.id };
}

export async function parcelRow(db: Db, id: string) {
  const [row] = await db.select().from(parcels).where(eq(parcels.id, id));
  return row;
}
