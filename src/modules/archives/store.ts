import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import type { TRetention } from './constants';
import { archiveNumberCounters, archives, archiveSettings } from './schema';
import { DEFAULT_ARCHIVE_NO_TEMPLATE, DEFAULT_CLASS_CODE, DEFAULT_FONDS_CODE, formatArchiveNo } from './numbering';

export interface ArchiveNumbering {
  fondsCode: string;
  classCode: string;
  template: string;
  /** Whether each value was set by the 档案管理员 (false: the default is in force). */
  set: { fondsCode: boolean; classCode: boolean; template: boolean };
}

/** The 档号 settings in force (defaults where none is set). */
export async function archiveNumbering(db: Db | Tx): Promise<ArchiveNumbering> {
  const rows = await db.select({ key: archiveSettings.key, value: archiveSettings.value }).from(archiveSettings);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    fondsCode: byKey.get('fondsCode') ?? DEFAULT_FONDS_CODE,
    classCode: byKey.get('classCode') ?? DEFAULT_CLASS_CODE,
    template: byKey.get('template') ?? DEFAULT_ARCHIVE_NO_TEMPLATE,
    set: { fondsCode: byKey.has('fondsCode'), classCode: byKey.has('classCode'), template: byKey.has('template') },
  };
}

/**
 * The next 档号 for an item of `year` and `retention`, inside the caller's transaction: the series
 * counter row is created if missing (a savepoint absorbs a concurrent creation: no ON CONFLICT on
 * openGauss), then `UPDATE … SET last_value = last_value + 1 … RETURNING` holds its row lock until
 * the transaction ends — concurrent 归档 wait, a rolled-back one gives its number back; the unique
 * index on archive_items.archive_no guards the rest.
 */
export async function nextArchiveNo(tx: Tx, year: number, retention: TRetention): Promise<{ archiveNo: string; series: string; seq: number }> {
  const numbering = await archiveNumbering(tx);
  const input = { fonds: numbering.fondsCode, classCode: numbering.classCode, year, retention };
  const { series } = formatArchiveNo(numbering.template, input, 1);
  const bump = () =>
    tx
      .update(archiveNumberCounters)
      .set({ lastValue: sql`${archiveNumberCounters.lastValue} + 1` })
      .where(eq(archiveNumberCounters.series, series))
      .returning({ seq: archiveNumberCounters.lastValue });
  let [row] = await bump();
  if (!row) {
    try {
      await tx.transaction(async (sp) => {
        await sp.insert(archiveNumberCounters).values({ series, lastValue: 0 });
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    [row] = await bump();
  }
  if (!row) throw new Error('archive number counter missing');
  return { archiveNo: formatArchiveNo(numbering.template, input, row.seq).archiveNo, series, seq: row.seq };
}

/**
 * 一地一档: every parcel and every project has its archive. Creates the missing ones in two
 * statements (INSERT … SELECT … WHERE NOT EXISTS; the id is derived from the owner's, so two
 * concurrent runs collide on the primary key instead of making two archives). Called when a parcel
 * or project is created, after an import or the demo data, and at every start (upgrades).
 */
export async function syncArchives(db: Db | Tx): Promise<number> {
  let created = 0;
  for (const [ownerType, table, prefix, titleSuffix] of [
    ['地块', 'parcels', 'ap-', '地块档案'],
    ['项目', 'reserve_projects', 'aj-', '项目档案'],
  ] as const) {
    const run = (q: Db | Tx) =>
      queryRows<{ id: string }>(
        q,
        sql`insert into archives (id, owner_type, owner_id, owner_code, title, created_at, updated_at)
          select ${prefix} || o.id, ${ownerType}, o.id, o.code, o.code || ' ' || o.name || ' ' || ${titleSuffix}, now(), now()
          from ${sql.identifier(table)} o
          where not exists (select 1 from archives a where a.owner_type = ${ownerType} and a.owner_id = o.id)
          returning id`,
      );
    try {
      created += (await (db as Tx).transaction(async (sp) => run(sp))).length;
    } catch (e) {
      // Another instance made them at the same moment: what is missing now is made next time.
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return created;
}

/** The archive of one new parcel or project, in the transaction that creates it. */
export async function createArchiveFor(tx: Tx, owner: { ownerType: '地块' | '项目'; ownerId: string; code: string; name: string }): Promise<void> {
  const prefix = owner.ownerType === '地块' ? 'ap-' : 'aj-';
  await tx.insert(archives).values({
    id: prefix + owner.ownerId,
    ownerType: owner.ownerType,
    ownerId: owner.ownerId,
    ownerCode: owner.code,
    title: `${owner.code} ${owner.name} ${owner.ownerType}档案`,
  });
}
