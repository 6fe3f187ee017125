import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { getLifecycleOverview } from '../../src/modules/parcels/lifecycle/queries';
import { parcelEvents, parcels, supplies } from '../../src/modules/parcels/schema';
import { RULE_SOURCES } from '../../src/modules/parcels/rules';
import { auditLog } from '../../src/platform/audit/schema';
import { systemSettings } from '../../src/platform/settings/schema';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';
import { createTestParcel, parcelRow } from '../helpers/parcels';

let database: Database;
let clerk: Actor;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
});
afterAll(async () => {
  await database?.close();
});

/** A parcel of 10,000 m² with this planned use, made 可供应 on 2025-03-01. */
async function readyParcel(plannedUse: string | null): Promise<string> {
  const { parcelId } = await createTestParcel(db());
  await db().update(parcels).set({ plannedUse, stage: '可供应', stageSince: '2025-03-01', version: 2 }).where(eq(parcels.id, parcelId));
  await db().insert(parcelEvents).values({ parcelId, seq: 2, fromStage: '拟收储', toStage: '可供应', eventDate: '2025-03-01' });
  return parcelId;
}

async function supply(parcelId: string, terms: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const row = await parcelRow(db(), parcelId);
  const dealDate = (terms.dealDate as string) ?? '2025-04-20';
  return transitionParcel.execute(db(), clerk, { parcelId, version: row.version, toStage: '已供应', eventDate: dealDate, supply: { dealDate, ...terms }, ...extra });
}

const LISTING = {
  mode: '挂牌',
  noticeDate: '2025-03-10',
  bidStartDate: '2025-03-30',
  listingEndDate: '2025-04-09',
  startingPrice: '30000000',
  dealPrice: '32000000',
  transferee: '益阳某商业管理有限公司',
  contractNo: 'CR-2025-101',
  dealDate: '2025-04-20',
};
const AGREEMENT = { mode: '协议', benchmarkPrice: '2000', dealPrice: '14000000', transferee: '益阳某医院有限公司', contractNo: 'XY-2025-01' };

async function nothingWritten(parcelId: string) {
  expect(await db().select().from(supplies).where(eq(supplies.parcelId, parcelId))).toEqual([]);
  expect(await parcelRow(db(), parcelId)).toMatchObject({ stage: '可供应', version: 2 });
  expect(await db().select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId))).toHaveLength(2);
}

describe('supply legality at 可供应 → 已供应', () => {
  it('令39号 第4条: refuses 协议 supply of 商服 land at the mode field, writing nothing; 挂牌 passes', async () => {
    const parcelId = await readyParcel('商服用地');
    const refused = await supply(parcelId, AGREEMENT);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { 'supply.mode': '规划用途「商服用地」属商业、旅游、娱乐用地，应当以招标、拍卖或者挂牌方式出让，不得协议出让' } });
    if (!refused.ok) expect(refused.error).toMatch(/^不能供应：/);
    await nothingWritten(parcelId);
    const allocation = await supply(parcelId, { ...AGREEMENT, mode: '划拨', dealPrice: '0', allocationCategory: '（五）非营利性教育设施用地' });
    expect(allocation).toMatchObject({ ok: false, fieldErrors: { 'supply.mode': expect.stringContaining('不得划拨') } });
    await nothingWritten(parcelId);

    expect(await supply(parcelId, LISTING)).toMatchObject({ ok: true });
    const [row] = await db().select().from(supplies).where(eq(supplies.parcelId, parcelId));
    expect(row).toMatchObject({ mode: '挂牌', noticeDate: '2025-03-10', bidStartDate: '2025-03-30', listingEndDate: '2025-04-09', allocationCategory: null, benchmarkPrice: null, warnings: null });
  });

  it('令39号 第10条 and 第19条: a notice 19 days ahead or a 9-day listing is refused at its field', async () => {
    const parcelId = await readyParcel('城镇住宅用地');
    const lateNotice = await supply(parcelId, { ...LISTING, noticeDate: '2025-03-11' });
    expect(lateNotice).toMatchObject({ ok: false, fieldErrors: { 'supply.noticeDate': expect.stringContaining('仅 19 日') } });
    const shortListing = await supply(parcelId, { ...LISTING, listingEndDate: '2025-04-08' });
    expect(shortListing).toMatchObject({ ok: false, fieldErrors: { 'supply.listingEndDate': expect.stringContaining('仅 9 日') } });
    const noStart = await supply(parcelId, { ...LISTING, bidStartDate: '' });
    expect(noStart).toMatchObject({ ok: false, fieldErrors: { 'supply.bidStartDate': '请填写挂牌起始日期' } });
    await nothingWritten(parcelId);
  });

  it('划拨用地目录: refuses an item the planned use does not fit; stores the item and clears other modes’ fields', async () => {
    const parcelId = await readyParcel('教育用地');
    const base = { mode: '划拨', dealPrice: '0', transferee: '益阳市某小学', contractNo: '益划〔2025〕8号', listingEndDate: '2025-04-09', benchmarkPrice: '999' };
    const wrong = await supply(parcelId, { ...base, allocationCategory: '（十六）公路交通设施用地' });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { 'supply.allocationCategory': expect.stringContaining('不符') } });
    await nothingWritten(parcelId);
    expect(await supply(parcelId, { ...base, allocationCategory: '（五）非营利性教育设施用地' })).toMatchObject({ ok: true });
    const [row] = await db().select().from(supplies).where(eq(supplies.parcelId, parcelId));
    expect(row).toMatchObject({ mode: '划拨', allocationCategory: '（五）非营利性教育设施用地', listingEndDate: null, benchmarkPrice: null, noticeDate: null });
  });

  it('令21号 第5条 (setting, 待核实): a 协议 price below 70% of the 基准地价 needs 已知悉, then is kept with the supply', async () => {
    const parcelId = await readyParcel('医疗卫生用地');
    // 2,000 元/m² × 10,000 m² × 70% = 14,000,000.00
    const below = { ...AGREEMENT, dealPrice: '13999999.99' };
    const unacknowledged = await supply(parcelId, below);
    expect(unacknowledged).toMatchObject({ ok: false, fieldErrors: { acknowledge: '请确认已知悉上述提示' } });
    if (!unacknowledged.ok) expect(unacknowledged.error).toContain('低于按基准地价核算的最低价 14,000,000.00 元');
    await nothingWritten(parcelId);

    expect(await supply(parcelId, below, { acknowledged: ['supply-agreement-below-benchmark'] })).toMatchObject({ ok: true });
    const [row] = await db().select().from(supplies).where(eq(supplies.parcelId, parcelId));
    expect(row.benchmarkPrice).toBe('2000.00');
    const warnings = row.warnings as { code: string; rule: string }[];
    expect(warnings.map((w) => w.code)).toEqual(['supply-agreement-below-benchmark']);
    expect(warnings[0].rule).toContain('国土资源部令第21号）第五条');
    expect(warnings[0].rule).toMatch(/（待核实）$/);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.objectId, parcelId), eq(auditLog.result, '成功'))).orderBy(desc(auditLog.seq)).limit(1);
    expect(JSON.parse(audit.diff!).supplyWarnings.to).toContain('低于按基准地价核算的最低价');
  });

  it('令21号 第5条: at the floor no acknowledgement is asked; the setting moves the floor', async () => {
    const atFloor = await readyParcel('医疗卫生用地');
    expect(await supply(atFloor, { ...AGREEMENT, dealPrice: '14000000.00' })).toMatchObject({ ok: true });
    await db().insert(systemSettings).values({ key: 'supply.agreementMinBenchmarkPercent', value: '60', updatedAt: new Date() });
    try {
      const parcelId = await readyParcel('医疗卫生用地');
      expect(await supply(parcelId, { ...AGREEMENT, dealPrice: '12000000.00' })).toMatchObject({ ok: true });
      const other = await readyParcel('医疗卫生用地');
      expect(await supply(other, { ...AGREEMENT, dealPrice: '11999999.99' })).toMatchObject({ ok: false, fieldErrors: { acknowledge: expect.any(String) } });
    } finally {
      await db().delete(systemSettings).where(eq(systemSettings.key, 'supply.agreementMinBenchmarkPercent'));
    }
  });

  it('refuses 协议 for a parcel without a planned use, and the overview hands the form its context', async () => {
    const parcelId = await readyParcel(null);
    expect(await supply(parcelId, AGREEMENT)).toMatchObject({ ok: false, fieldErrors: { 'supply.mode': expect.stringContaining('尚未录入规划用途') } });
    await db().update(parcels).set({ plannedUse: '商业用地' }).where(eq(parcels.id, parcelId));
    const overview = await getLifecycleOverview(db(), parcelId, '2025-05-01');
    expect(overview?.supplyContext).toMatchObject({ plannedUse: '商业用地', areaM2: '10000.00', agreementFloor: { percent: 70 } });
    expect(overview?.supplyContext?.agreementFloor.source).toContain('（待核实）');
    // the form's own terms are not blockers of the step
    expect(overview?.steps.find((s) => s.to === '已供应')?.blockers).toEqual([]);
    expect(RULE_SOURCES.competitiveOnly).toContain('第四条');
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
