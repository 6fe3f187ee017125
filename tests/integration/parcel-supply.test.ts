import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { parcels, reserveProjects, supplies } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { updateHandoverDate } from '../../src/modules/parcels/supply/mutations';
import { getSupplyView } from '../../src/modules/parcels/supply/queries';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let finance: Actor;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  finance = await createActor(db(), ['finance']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(stage: TStage): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `SUP-P${seq}`, name: `供应测试项目${seq}`, acquisitionRoute: '收购' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `SUP-${seq}`, name: `供应测试地块${seq}`, projectId: project.id, stage, stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return parcel.id;
}

async function insertSupply(parcelId: string, values: Partial<typeof supplies.$inferInsert> = {}, createdAt = new Date()) {
  const [row] = await db()
    .insert(supplies)
    .values({
      parcelId,
      mode: '挂牌',
      noticeDate: '2024-08-01',
      startingPrice: '20000000',
      dealPrice: '25000000',
      transferee: '益阳某置业有限公司',
      contractNo: 'CR-2024-088',
      dealDate: '2024-09-01',
      status: '成交',
      createdAt,
      ...values,
    })
    .returning({ id: supplies.id });
  return row.id;
}

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('supply history and handover date', () => {
  it('lists the history newest first with the premium rate, marking the current 成交 record', async () => {
    const parcelId = await insertParcel('已供应');
    const aborted = await insertSupply(parcelId, { status: '中止', dealPrice: '18000000', startingPrice: '20000000' }, new Date('2024-07-01T00:00:00Z'));
    const current = await insertSupply(parcelId, {}, new Date('2024-09-02T00:00:00Z'));
    const view = await getSupplyView(db(), parcelId);
    expect(view?.supplies.map((s) => [s.id, s.status, s.premiumRate, s.current])).toEqual([
      [current, '成交', '25.00', true],
      [aborted, '中止', '-10.00', false],
    ]);
    const allocation = await insertParcel('已供应');
    await insertSupply(allocation, { mode: '划拨', startingPrice: null, dealPrice: '0', noticeDate: null });
    expect((await getSupplyView(db(), allocation))?.supplies[0].premiumRate).toBeNull();
    expect(await getSupplyView(db(), 'NOPE')).toBeNull();
  });

  it('records the handover date of the current deal, not before the deal date', async () => {
    const parcelId = await insertParcel('已供应');
    const id = await insertSupply(parcelId);
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: id, handoverDate: '2024-08-31' })).toMatchObject({
      ok: false,
      error: '交地日期（2024-08-31）不能早于成交日期（2024-09-01）',
    });
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: id, handoverDate: '2024-13-01' })).toMatchObject({
      ok: false,
      error: '交地日期应为有效日期（YYYY-MM-DD）',
    });
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: id, handoverDate: '2024-09-01' })).toEqual({ ok: true, data: { id } });
    const [row] = await db().select().from(supplies).where(eq(supplies.id, id));
    expect(row.handoverDate).toBe('2024-09-01');
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '登记交地日期', objectType: '供应记录', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff!)).toEqual({ handoverDate: { from: null, to: '2024-09-01' } });
  });

  it('refuses the handover date of an aborted record or of a parcel no longer supplied', async () => {
    const parcelId = await insertParcel('已供应');
    const aborted = await insertSupply(parcelId, { status: '中止' }, new Date('2024-07-01T00:00:00Z'));
    await insertSupply(parcelId, {}, new Date('2024-09-02T00:00:00Z'));
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: aborted, handoverDate: '2024-10-01' })).toEqual({
      ok: false,
      error: '只能登记当前成交记录的交地日期，请刷新后重试',
    });
    const ready = await insertParcel('可供应');
    const old = await insertSupply(ready, { status: '中止' });
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: old, handoverDate: '2024-10-01' })).toEqual({
      ok: false,
      error: '地块当前为「可供应」，没有可登记交地日期的成交记录',
    });
    const [row] = await db().select().from(supplies).where(eq(supplies.id, aborted));
    expect(row.handoverDate).toBeNull();
  });

  it('denies the edit without parcel:edit', async () => {
    const parcelId = await insertParcel('已供应');
    const id = await insertSupply(parcelId);
    expect(await updateHandoverDate.execute(db(), finance, { supplyId: id, handoverDate: '2024-10-01' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await updateHandoverDate.execute(db(), clerk, { supplyId: 'NOPE', handoverDate: '2024-10-01' })).toEqual({ ok: false, error: '供应记录不存在，请刷新后重试' });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
