import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { hasPermission } from '../../src/platform/permissions/check';
import { geodesicArea, pointInPolygon, type PolygonalGeometry } from '../../src/platform/geo/geometry';
import { todayInShanghai } from '../../src/ui/format';
import { custodyInspections, parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { createParcel, updateParcel } from '../../src/modules/parcels/mutations';
import { getParcelHeader, listParcels, listParcelsForExport } from '../../src/modules/parcels/queries';
import { exportParcelsXlsx } from '../../src/modules/parcels/export';
import { ZParcelFilter, type TCreateParcel } from '../../src/modules/parcels/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let db: Db;
let clerk: Actor;
let finance: Actor;
let projectA: string;
let projectB: string;

const HESHAN = '430903';
const ZIYANG = '430902';

/** exceljs types its input as its own `Buffer extends ArrayBuffer`; a Node Buffer works at run time. */
const asExcelBuffer = (b: Buffer) => b as unknown as ArrayBuffer;

/** A lon/lat square of `size` degrees with its south-west corner at (lon, lat), ring closed. */
function square(lon: number, lat: number, size = 0.002): PolygonalGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

async function insertProject(code: string, status: 'active' | 'closed' = 'active'): Promise<string> {
  const [p] = await db
    .insert(reserveProjects)
    .values({ code, name: `项目${code}`, acquisitionRoute: '收购', status })
    .returning({ id: reserveProjects.id });
  return p.id;
}

function parcelInput(code: string, overrides: Partial<TCreateParcel> = {}): TCreateParcel {
  return {
    code,
    name: `地块${code}`,
    projectId: projectA,
    location: '赫山区龙岭工业园',
    plannedUse: '工矿用地',
    plotRatio: '1.5',
    hazardSoil: '通过',
    boundary: square(112.4, 28.55),
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  clerk = await createActor(db, ['clerk']);
  finance = await createActor(db, ['finance']);
  projectA = await insertProject('XM-A');
  projectB = await insertProject('XM-B');
});
afterAll(async () => {
  await database?.close();
});

describe('creating a parcel', () => {
  it('derives area, bbox, centre and district from the boundary and starts at 拟收储 with its first event', async () => {
    // A Feature with an unclosed ring and altitudes: normalised before saving.
    const feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112.4, 28.55, 30],
            [112.403, 28.55, 30],
            [112.403, 28.552, 30],
            [112.4, 28.552, 30],
          ],
        ],
      },
    };
    const res = await createParcel.execute(db, clerk, parcelInput('DK-001', { boundary: feature, supervisionNo: '4309032026B00011' }));
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    const [row] = await db.select().from(parcels).where(eq(parcels.id, res.data.id));
    const expected: PolygonalGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [112.4, 28.55],
          [112.403, 28.55],
          [112.403, 28.552],
          [112.4, 28.552],
          [112.4, 28.55],
        ],
      ],
    };
    expect(row.geometry).toEqual(expected);
    expect(row.areaM2).toBe(geodesicArea(expected).toFixed(2));
    expect(Number(row.areaM2)).toBeGreaterThan(64_000);
    expect(Number(row.areaM2)).toBeLessThan(66_000);
    expect(row).toMatchObject({ minLon: 112.4, maxLon: 112.403, minLat: 28.55, maxLat: 28.552, districtCode: HESHAN });
    expect(row.centerLon).toBeCloseTo(112.4015, 9);
    expect(row.centerLat).toBeCloseTo(28.551, 9);
    expect(row).toMatchObject({ stage: '拟收储', stageSince: todayInShanghai(), version: 1, plotRatio: '1.50', hazardSoil: '通过', hazardRelics: '未查' });

    const events = await db.select().from(parcelEvents).where(eq(parcelEvents.parcelId, row.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, fromStage: null, toStage: '拟收储', eventDate: todayInShanghai(), actorId: clerk.userId });

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.objectId, row.id));
    expect(audit).toMatchObject({ action: '新建地块', objectType: '地块', result: '成功', userId: clerk.userId });
    expect(audit.message).toContain('DK-001');
    expect(audit.message).toContain('赫山区');

    const header = await getParcelHeader(db, row.id);
    expect(header).toMatchObject({ code: 'DK-001', stage: '拟收储', projectCode: 'XM-A', districtName: '赫山区', areaM2: row.areaM2 });
    expect(await getParcelHeader(db, 'NO-SUCH-ID')).toBeNull();
  });

  it('puts the centre inside a concave boundary', async () => {
    // An L-shape whose bbox centre lies outside it.
    const ell: PolygonalGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [112.41, 28.55],
          [112.414, 28.55],
          [112.414, 28.551],
          [112.411, 28.551],
          [112.411, 28.554],
          [112.41, 28.554],
          [112.41, 28.55],
        ],
      ],
    };
    const res = await createParcel.execute(db, clerk, parcelInput('DK-L', { boundary: ell }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [row] = await db.select().from(parcels).where(eq(parcels.id, res.data.id));
    expect(pointInPolygon(row.centerLon!, row.centerLat!, ell)).toBe(true);
  });

  it('refuses a duplicate code with its number, writing nothing', async () => {
    const before = await db.select({ n: count() }).from(parcels);
    const res = await createParcel.execute(db, clerk, parcelInput('DK-001', { boundary: square(112.42, 28.55) }));
    expect(res).toEqual({ ok: false, error: '地块编号 DK-001 已存在', fieldErrors: { code: '地块编号 DK-001 已存在' } });
    expect(await db.select({ n: count() }).from(parcels)).toEqual(before);
  });

  it('refuses a boundary outside the six districts of 益阳', async () => {
    const res = await createParcel.execute(db, clerk, parcelInput('DK-WUHAN', { boundary: square(114.3, 30.58) }));
    expect(res).toEqual({ ok: false, error: '地块不在益阳市范围内' });
    expect(await db.select().from(parcels).where(eq(parcels.code, 'DK-WUHAN'))).toHaveLength(0);
    expect(await db.select().from(parcelEvents).innerJoin(parcels, eq(parcels.id, parcelEvents.parcelId)).where(eq(parcels.code, 'DK-WUHAN'))).toHaveLength(0);
  });

  it.each([
    ['text that is not JSON', '{"type": "Polygon", ', '不是有效的 GeoJSON'],
    ['a point', { type: 'Point', coordinates: [112.4, 28.55] }, '应为面'],
    ['a self-intersecting ring', { type: 'Polygon', coordinates: [[[112.4, 28.55], [112.402, 28.552], [112.402, 28.55], [112.4, 28.552], [112.4, 28.55]]] }, '自相交'],
    ['projected coordinates', { type: 'Polygon', coordinates: [[[38500000, 3160000], [38500100, 3160000], [38500100, 3160100], [38500000, 3160000]]] }, '不是经纬度'],
    ['a ring of two points', { type: 'Polygon', coordinates: [[[112.4, 28.55], [112.41, 28.55], [112.4, 28.55]]] }, '少于 3 个'],
    ['a hole outside its outer ring', { type: 'Polygon', coordinates: [square(112.4, 28.55).coordinates[0], square(112.5, 28.55, 0.0005).coordinates[0]] }, '不在外环之内'],
    ['no boundary', null, '请填写地块边界'],
  ])('refuses %s as the boundary', async (_what, boundary, message) => {
    const res = await createParcel.execute(db, clerk, parcelInput('DK-BAD', { boundary }));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toContain(message);
    expect(res.fieldErrors?.boundary).toContain(message);
    expect(await db.select().from(parcels).where(eq(parcels.code, 'DK-BAD'))).toHaveLength(0);
  });

  it('refuses bad plot ratios and codes with field messages', async () => {
    const ratio = await createParcel.execute(db, clerk, parcelInput('DK-R', { plotRatio: '20.5' }));
    expect(ratio).toMatchObject({ ok: false, fieldErrors: { plotRatio: '容积率不能大于 20' } });
    const decimals = await createParcel.execute(db, clerk, parcelInput('DK-R', { plotRatio: '1.234' }));
    expect(decimals).toMatchObject({ ok: false, fieldErrors: { plotRatio: '容积率应为 0–20 之间的数，最多两位小数' } });
    const code = await createParcel.execute(db, clerk, parcelInput('X'));
    expect(code).toMatchObject({ ok: false, fieldErrors: { code: '地块编号为 2–40 个字符，不含空格' } });
  });

  it('refuses a closed project', async () => {
    const closed = await insertProject('XM-CLOSED', 'closed');
    const res = await createParcel.execute(db, clerk, parcelInput('DK-C', { projectId: closed, boundary: square(112.43, 28.55) }));
    expect(res).toEqual({ ok: false, error: '项目 XM-CLOSED 已关闭，不能再添加地块' });
  });
});

describe('editing a parcel', () => {
  it('saves with the version it opened, never changes the stage, and refuses a stale version', async () => {
    const created = await createParcel.execute(db, clerk, parcelInput('DK-E', { boundary: square(112.44, 28.55) }));
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    // Someone moved it on meanwhile (as a transition would): the stage cache and the version.
    await db.update(parcels).set({ stage: '收储中', version: 2 }).where(eq(parcels.id, id));

    const stale = await updateParcel.execute(db, clerk, { ...parcelInput('DK-E', { boundary: square(112.44, 28.55) }), id, version: 1 });
    expect(stale).toEqual({ ok: false, error: '地块已被他人修改，请刷新后重试' });

    const moved = square(112.33, 28.6, 0.001); // now in 资阳区, smaller
    const res = await updateParcel.execute(db, clerk, {
      ...parcelInput('DK-E2', { boundary: moved, name: '改名地块', projectId: projectB }),
      id,
      version: 2,
      stage: '已供应',
    });
    expect(res).toEqual({ ok: true, data: { id, version: 3 } });
    const [row] = await db.select().from(parcels).where(eq(parcels.id, id));
    expect(row).toMatchObject({ code: 'DK-E2', name: '改名地块', projectId: projectB, stage: '收储中', version: 3, districtCode: ZIYANG });
    expect(row.areaM2).toBe(geodesicArea(moved).toFixed(2));
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, '修改地块')));
    expect(audit.diff).toContain('DK-E2');
    expect(audit.diff).toContain('资阳区');

    const again = await updateParcel.execute(db, clerk, { ...parcelInput('DK-E2', { boundary: moved }), id, version: 2 });
    expect(again).toEqual({ ok: false, error: '地块已被他人修改，请刷新后重试' });
  });

  it('records the 入库 facts: the acquisition document, 洪涝 and 不涉及 with its reason, which is dropped once the result changes', async () => {
    const created = await createParcel.execute(
      db,
      clerk,
      parcelInput('DK-H', {
        boundary: square(112.46, 28.55),
        acquisitionDocNo: ' 湘政地〔2025〕123号 ',
        hazardFlood: '不涉及',
        hazardFloodReason: '地块高于片区防洪水位',
        hazardMinerals: '通过',
        hazardMineralsReason: '（选“通过”时的理由不保存）',
      }),
    );
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    let [row] = await db.select().from(parcels).where(eq(parcels.id, id));
    expect(row).toMatchObject({
      acquisitionDocNo: '湘政地〔2025〕123号',
      hazardFlood: '不涉及',
      hazardFloodReason: '地块高于片区防洪水位',
      hazardMinerals: '通过',
      hazardMineralsReason: null,
      soilKeySupervised: false,
    });
    const res = await updateParcel.execute(db, clerk, {
      ...parcelInput('DK-H', { boundary: square(112.46, 28.55), acquisitionDocNo: '湘政地〔2025〕123号', hazardFlood: '通过', hazardFloodReason: '地块高于片区防洪水位', soilKeySupervised: true }),
      id,
      version: 1,
    });
    expect(res.ok).toBe(true);
    [row] = await db.select().from(parcels).where(eq(parcels.id, id));
    expect(row).toMatchObject({ hazardFlood: '通过', hazardFloodReason: null, soilKeySupervised: true });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, '修改地块')));
    expect(JSON.parse(audit.diff!)).toMatchObject({ hazardFlood: { from: '不涉及', to: '通过' }, hazardFloodReason: { from: '地块高于片区防洪水位', to: null }, soilKeySupervised: { from: false, to: true } });
  });

  it('refuses 不涉及 without a reason, and 不涉及 for the soil survey where the law requires it, at the fields', async () => {
    const noReason = await createParcel.execute(db, clerk, parcelInput('DK-I', { boundary: square(112.47, 28.55), hazardRelics: '不涉及', hazardRelicsReason: '  ' }));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { hazardRelicsReason: '文物考古调查选择“不涉及”时须写明理由' } });
    const residential = await createParcel.execute(
      db,
      clerk,
      parcelInput('DK-I', { boundary: square(112.47, 28.55), plannedUse: '城镇住宅用地', hazardSoil: '不涉及', hazardSoilReason: '原为农用地' }),
    );
    expect(residential).toMatchObject({
      ok: false,
      fieldErrors: { hazardSoil: '规划用途为城镇住宅用地（住宅），依法须进行土壤污染状况调查，不能选择“不涉及”' },
    });
    const keySite = await createParcel.execute(
      db,
      clerk,
      parcelInput('DK-I', { boundary: square(112.47, 28.55), soilKeySupervised: true, hazardSoil: '不涉及', hazardSoilReason: '原为农用地' }),
    );
    expect(keySite).toMatchObject({ ok: false, fieldErrors: { hazardSoil: '原为土壤污染重点监管单位生产经营用地，依法须进行土壤污染状况调查，不能选择“不涉及”' } });
    expect(await db.select().from(parcels).where(eq(parcels.code, 'DK-I'))).toEqual([]);
    // Industrial use, not a key-supervised site: 不涉及 with its reason is accepted.
    expect((await createParcel.execute(db, clerk, parcelInput('DK-I', { boundary: square(112.47, 28.55), hazardSoil: '不涉及', hazardSoilReason: '原为农用地，无工业生产历史' }))).ok).toBe(true);
  });

  it('refuses to take another parcel code', async () => {
    const created = await createParcel.execute(db, clerk, parcelInput('DK-F', { boundary: square(112.45, 28.55) }));
    if (!created.ok) throw new Error(created.error);
    const res = await updateParcel.execute(db, clerk, { ...parcelInput('DK-001'), id: created.data.id, version: 1 });
    expect(res).toEqual({ ok: false, error: '地块编号 DK-001 已存在', fieldErrors: { code: '地块编号 DK-001 已存在' } });
  });
});

describe('permissions', () => {
  it('lets finance view but not create or export; the clerk creates', async () => {
    expect(hasPermission(finance, 'parcel:view')).toBe(true);
    expect(hasPermission(finance, 'parcel:export')).toBe(false);
    expect(hasPermission(clerk, 'parcel:export')).toBe(true);
    const denied = await createParcel.execute(db, finance, parcelInput('DK-FIN', { boundary: square(112.46, 28.55) }));
    expect(denied).toEqual({ ok: false, error: PERMISSION_DENIED });
    const deniedEdit = await updateParcel.execute(db, finance, { ...parcelInput('DK-FIN'), id: 'x', version: 1 });
    expect(deniedEdit).toEqual({ ok: false, error: PERMISSION_DENIED });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.userId, finance.userId)).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ result: '拒绝' });
    const ok = await createParcel.execute(db, clerk, parcelInput('DK-CLERK', { boundary: square(112.46, 28.55) }));
    expect(ok.ok).toBe(true);
    const anonymous = await createParcel.execute(db, null, parcelInput('DK-ANON'));
    expect(anonymous.ok).toBe(false);
  });
});

describe('the parcel list and its export', () => {
  const TODAY = '2026-06-30';
  let listProject: string;

  /** Rows written directly (as the seed or a transition would leave them). */
  async function insertParcel(v: {
    code: string;
    name?: string;
    stage?: (typeof parcels.$inferInsert)['stage'];
    stageSince?: string;
    areaM2?: string;
    district?: string;
    plannedUse?: string;
    location?: string;
    supervisionNo?: string;
    createdAt?: Date;
    reservedOn?: string;
    inspectedOn?: string;
  }) {
    const [p] = await db
      .insert(parcels)
      .values({
        code: v.code,
        name: v.name ?? `列表${v.code}`,
        projectId: listProject,
        stage: v.stage ?? '拟收储',
        stageSince: v.stageSince ?? '2026-01-10',
        areaM2: v.areaM2 ?? '1000.00',
        districtCode: v.district ?? HESHAN,
        plannedUse: v.plannedUse ?? null,
        location: v.location ?? null,
        supervisionNo: v.supervisionNo ?? null,
        createdAt: v.createdAt ?? new Date('2026-01-10T02:00:00Z'),
      })
      .returning({ id: parcels.id });
    if (v.reservedOn) {
      await db.insert(parcelEvents).values([
        { parcelId: p.id, seq: 1, toStage: '拟收储', eventDate: '2020-01-01' },
        { parcelId: p.id, seq: 2, fromStage: '拟收储', toStage: '收储中', eventDate: '2020-06-01' },
        { parcelId: p.id, seq: 3, fromStage: '收储中', toStage: '已入库', eventDate: v.reservedOn },
      ]);
    }
    if (v.inspectedOn) await db.insert(custodyInspections).values({ parcelId: p.id, inspectedOn: v.inspectedOn, inspector: '巡查员' });
    return p.id;
  }

  const filter = (raw: Record<string, unknown>) => ZParcelFilter.parse({ project: listProject, ...raw });

  beforeAll(async () => {
    listProject = await insertProject('XM-LIST');
    // 25 plain parcels for paging, areas 100..2500 m², codes LS-01..LS-25.
    for (let i = 1; i <= 25; i++) {
      await insertParcel({ code: `LS-${String(i).padStart(2, '0')}`, areaM2: `${i * 100}.00`, district: i % 5 === 0 ? ZIYANG : HESHAN });
    }
    // Reserved long ago, never supplied, inspected recently: red (reserve overdue).
    await insertParcel({ code: 'LW-RED', stage: '已入库', stageSince: '2023-03-01', reservedOn: '2023-03-01', inspectedOn: '2026-06-20', plannedUse: '居住用地', location: '资江北岸滨江路' });
    // Reserved recently, last inspected 45 days ago with a 30-day interval: amber.
    await insertParcel({ code: 'LW-AMB', stage: '已入库', stageSince: '2026-01-05', reservedOn: '2026-01-05', inspectedOn: '2026-05-16', supervisionNo: 'JG-7788' });
    // Reserved recently and inspected: no warning.
    await insertParcel({ code: 'LW-OK', stage: '可供应', stageSince: '2026-05-01', reservedOn: '2026-02-01', inspectedOn: '2026-06-25', supervisionNo: '4309022026B00005', createdAt: new Date('2024-05-01T02:00:00Z') });
  });

  it('filters by stage, district, project, planned use and searches code, name, 电子监管号 and location', async () => {
    expect((await listParcels(db, filter({ stage: '已入库' }), TODAY)).rows.map((r) => r.code).sort()).toEqual(['LW-AMB', 'LW-RED']);
    const ziyang = await listParcels(db, filter({ district: ZIYANG }), TODAY);
    expect(ziyang.total).toBe(5);
    expect(ziyang.rows.every((r) => r.districtName === '资阳区')).toBe(true);
    expect((await listParcels(db, filter({ use: '居住用地' }), TODAY)).rows.map((r) => r.code)).toEqual(['LW-RED']);
    expect((await listParcels(db, filter({ q: 'lw-ok' }), TODAY)).rows.map((r) => r.code)).toEqual(['LW-OK']);
    expect((await listParcels(db, filter({ q: '滨江' }), TODAY)).rows.map((r) => r.code)).toEqual(['LW-RED']);
    expect((await listParcels(db, filter({ q: '7788' }), TODAY)).rows.map((r) => r.code)).toEqual(['LW-AMB']);
    expect((await listParcels(db, filter({ q: '列表LS-0' }), TODAY)).total).toBe(9);
    // A LIKE wildcard in the search is taken literally.
    expect((await listParcels(db, filter({ q: '%' }), TODAY)).total).toBe(0);
    // Other projects' parcels are not in this project's list.
    const all = await listParcels(db, ZParcelFilter.parse({ size: 100 }), TODAY);
    expect(all.total).toBeGreaterThan(28);
    expect((await listParcels(db, filter({ size: 100 }), TODAY)).total).toBe(28);
  });

  it('filters by the year the parcel entered the reserve, or was registered', async () => {
    expect((await listParcels(db, filter({ year: 2023 }), TODAY)).rows.map((r) => r.code)).toEqual(['LW-RED']);
    // LW-OK was registered in 2024 but reserved in 2026: it counts for 2026.
    expect((await listParcels(db, filter({ year: 2024 }), TODAY)).total).toBe(0);
    expect((await listParcels(db, filter({ year: 2026 }), TODAY)).total).toBe(27);
  });

  it('sorts and pages', async () => {
    const byArea = await listParcels(db, filter({ q: 'LS-', sort: 'area', order: 'desc', size: 10, page: 1 }), TODAY);
    expect(byArea.total).toBe(25);
    expect(byArea.rows.map((r) => r.code).slice(0, 3)).toEqual(['LS-25', 'LS-24', 'LS-23']);
    const page3 = await listParcels(db, filter({ q: 'LS-', sort: 'area', order: 'asc', size: 10, page: 3 }), TODAY);
    expect(page3.rows.map((r) => r.code)).toEqual(['LS-21', 'LS-22', 'LS-23', 'LS-24', 'LS-25']);
    const byCode = await listParcels(db, filter({ sort: 'code', order: 'asc', size: 10, page: 2 }), TODAY);
    expect(byCode.rows.map((r) => r.code)).toEqual(['LS-11', 'LS-12', 'LS-13', 'LS-14', 'LS-15', 'LS-16', 'LS-17', 'LS-18', 'LS-19', 'LS-20']);
    const byStageSince = await listParcels(db, filter({ sort: 'stageSince', order: 'asc', size: 10 }), TODAY);
    expect(byStageSince.rows[0].code).toBe('LW-RED');
  });

  it('lists only parcels with warnings, by level, paging after the rules ran', async () => {
    const any = await listParcels(db, filter({ warn: 'any' }), TODAY);
    expect(any.rows.map((r) => [r.code, r.warningLevel])).toEqual([
      ['LW-AMB', 'amber'],
      ['LW-RED', 'red'],
    ]);
    expect(any.total).toBe(2);
    const red = await listParcels(db, filter({ warn: 'red' }), TODAY);
    expect(red.rows.map((r) => r.code)).toEqual(['LW-RED']);
    expect(red.rows[0].warnings.map((w) => w.code)).toEqual(['reserve-overdue', 'supervision-no-overdue']);
    expect(red.rows[0].reservedOn).toBe('2023-03-01');
    expect(red.rows[0].lastInspectionOn).toBe('2026-06-20');
    const amber = await listParcels(db, filter({ warn: 'amber', size: 10, page: 1 }), TODAY);
    expect(amber.rows.map((r) => r.code)).toEqual(['LW-AMB']);
    const secondPage = await listParcels(db, filter({ warn: 'any', size: 10, page: 2 }), TODAY);
    expect(secondPage).toMatchObject({ rows: [], total: 2 });
  });

  it('exports the filtered rows of every page as .xlsx and audits the export', async () => {
    const f = filter({ q: 'LS-', sort: 'code', order: 'asc', size: 10, page: 2 });
    const { rows } = await listParcelsForExport(db, f, TODAY);
    expect(rows).toHaveLength(25);
    const result = await exportParcelsXlsx(db, clerk, f, TODAY);
    expect(result).toMatchObject({ count: 25, total: 25, truncated: false });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(asExcelBuffer(result.buffer));
    const sheet = workbook.getWorksheet('地块')!;
    expect(sheet.rowCount).toBe(26);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['地块编号', '地块名称', '电子监管号']);
    expect(headers).toContain('面积（平方米）');
    expect(headers).toContain('面积（亩）');
    expect(headers).toContain('面积（公顷）');
    const col = (name: string) => headers.indexOf(name) + 1;
    const last = sheet.getRow(26);
    expect(last.getCell(col('地块编号')).value).toBe('LS-25');
    expect(last.getCell(col('面积（平方米）')).value).toBe(2500);
    expect(last.getCell(col('面积（亩）')).value).toBe(3.75);
    expect(last.getCell(col('面积（公顷）')).value).toBe(0.25);
    expect(last.getCell(col('区县')).value).toBe('资阳区');

    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ action: '导出地块', objectType: '地块', userId: clerk.userId, result: '成功' });
    expect(audit.message).toContain('导出 25 条');
    expect(audit.message).toContain('关键字「LS-」');
    expect(audit.message).toContain('项目 XM-LIST');
  });

  it('exports the warnings filter too', async () => {
    const result = await exportParcelsXlsx(db, clerk, filter({ warn: 'red' }), TODAY);
    expect(result.count).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(asExcelBuffer(result.buffer));
    const sheet = workbook.getWorksheet('地块')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(String(sheet.getRow(2).getCell(headers.indexOf('预警') + 1).value)).toContain('【红】已入库');
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
