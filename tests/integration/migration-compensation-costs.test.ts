import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { compensationItems, compensationParties, parcelCosts, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { listCompensationParties } from '../../src/modules/parcels/acquisition/queries';
import { createTestDatabase } from '../helpers/db';

/*
 * Migration 0009's hand-written part: 耕地开垦费, 耕地占用税, 评估费 and 不可预见费 stored as a
 * party's compensation items (the old shape) become parcel costs; the party's agreement drops by
 * what left it. Rows are written in the old shape into a migrated database, then the statements
 * are run as the migrator runs them.
 */

const MARK = '-- data migration (hand-written)';

function dataStatements(): string[] {
  const dir = join(process.cwd(), 'drizzle');
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tag = journal.entries.map((e) => e.tag).find((t) => t.endsWith('_acquisition_rules'));
  if (!tag) throw new Error('migration *_acquisition_rules not in the journal');
  const text = readFileSync(join(dir, `${tag}.sql`), 'utf8');
  const at = text.indexOf(MARK);
  if (at < 0) throw new Error(`${tag}.sql has no "${MARK}" part`);
  return text
    .slice(at)
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

let database: Database;
const db = () => database.db;
let parcelId: string;
const party: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const [project] = await db().insert(reserveProjects).values({ code: 'MIG-P', name: '迁移测试项目', acquisitionRoute: '征收' }).returning({ id: reserveProjects.id });
  [{ id: parcelId }] = await db()
    .insert(parcels)
    .values({ code: 'MIG-1', name: '迁移测试地块', projectId: project.id, stage: '收储中', stageSince: '2025-01-01' })
    .returning({ id: parcels.id });
  const add = async (name: string, agreed: string, paid: string) => {
    const [row] = await db()
      .insert(compensationParties)
      .values({ parcelId, partyType: '单位', name, amountAgreed: agreed, amountPaid: paid, agreementSignedOn: '2025-02-01' })
      .returning({ id: compensationParties.id });
    party[name] = row.id;
  };
  // The village: land compensation plus the four project costs, paid in full as agreed then.
  await add('资阳区长春镇某村村民委员会', '1000000.00', '1000000.00');
  // A household with compensation items only.
  await add('王五', '200000.00', '0.00');
  await db()
    .insert(compensationItems)
    .values([
      { partyId: party['资阳区长春镇某村村民委员会'], parcelId, category: '土地补偿费', amount: '700000.00' },
      { partyId: party['资阳区长春镇某村村民委员会'], parcelId, category: '耕地开垦费', amount: '150000.00', note: '中等水田 22.73 亩' },
      { partyId: party['资阳区长春镇某村村民委员会'], parcelId, category: '耕地占用税', amount: '100000.00' },
      { partyId: party['资阳区长春镇某村村民委员会'], parcelId, category: '评估费', amount: '20000.00', note: '' },
      { partyId: party['资阳区长春镇某村村民委员会'], parcelId, category: '不可预见费', amount: '30000.00' },
      { partyId: party['王五'], parcelId, category: '住宅房屋拆迁补偿', amount: '180000.00' },
      { partyId: party['王五'], parcelId, category: '提前搬迁奖励', amount: '20000.00' },
      // An item whose party was deleted without it (an old inconsistency): kept as a cost, not lost.
      { partyId: 'GONE-PARTY', parcelId, category: '评估费', amount: '800.00' },
    ]);
  for (const statement of dataStatements()) await db().execute(sql.raw(statement));
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe('migration 0009: project costs leave the parties (土地管理法 第48条)', () => {
  it('has three data statements after the generated part', () => {
    expect(dataStatements()).toHaveLength(3);
  });

  it('moves each tax, fee and contingency item to a parcel cost, naming the party it was listed under', async () => {
    const costs = await db()
      .select({ category: parcelCosts.category, amount: parcelCosts.amount, note: parcelCosts.note, parcelId: parcelCosts.parcelId })
      .from(parcelCosts)
      .orderBy(asc(parcelCosts.amount));
    expect(costs).toEqual([
      { category: '评估费', amount: '800.00', note: '原列为补偿对象「（已删除）」的补偿明细', parcelId },
      { category: '评估费', amount: '20000.00', note: '原列为补偿对象「资阳区长春镇某村村民委员会」的补偿明细', parcelId },
      { category: '不可预见费', amount: '30000.00', note: '原列为补偿对象「资阳区长春镇某村村民委员会」的补偿明细', parcelId },
      { category: '耕地占用税', amount: '100000.00', note: '原列为补偿对象「资阳区长春镇某村村民委员会」的补偿明细', parcelId },
      { category: '耕地开垦费', amount: '150000.00', note: '原列为补偿对象「资阳区长春镇某村村民委员会」的补偿明细：中等水田 22.73 亩', parcelId },
    ]);
  });

  it('lowers the agreement by what left it and keeps the payments registered (to be reconciled in the ledger)', async () => {
    const rows = await db().select().from(compensationParties).orderBy(asc(compensationParties.name));
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('资阳区长春镇某村村民委员会')).toMatchObject({ amountAgreed: '700000.00', amountPaid: '1000000.00' });
    expect(byName.get('王五')).toMatchObject({ amountAgreed: '200000.00', amountPaid: '0.00' });
    // The compensation page flags what was registered beyond the agreement now.
    const views = new Map((await listCompensationParties(db(), parcelId)).map((p) => [p.name, p]));
    expect(views.get('资阳区长春镇某村村民委员会')!.overRegistered).toBe('300000.00');
    expect(views.get('王五')!.overRegistered).toBeNull();
  });

  it('leaves only compensation items, still adding up to each agreement', async () => {
    const items = await db().select().from(compensationItems).orderBy(asc(compensationItems.amount));
    expect(items.map((i) => i.category)).toEqual(['提前搬迁奖励', '住宅房屋拆迁补偿', '土地补偿费']);
    const village = await db().select().from(compensationItems).where(eq(compensationItems.partyId, party['资阳区长春镇某村村民委员会']));
    expect(village.map((i) => [i.category, i.amount])).toEqual([['土地补偿费', '700000.00']]);
  });
});
