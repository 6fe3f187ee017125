import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { asc, count, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { auditLog } from '../../src/platform/audit/schema';
import { districts } from '../../src/platform/geo/schema';
import { isPolygonalGeometry, pointInPolygon, type PolygonalGeometry } from '../../src/platform/geo/geometry';
import { decryptPersonal } from '../../src/platform/crypto/keys';
import { todayInShanghai } from '../../src/ui/format';
import { plans } from '../../src/modules/plans/schema';
import {
  compensationItems,
  compensationParties,
  custodyInspections,
  parcelCosts,
  parcelEvents,
  parcels,
  reserveProjects,
  supplies,
  workPackages,
} from '../../src/modules/parcels/schema';
import {
  ACQUISITION_COST_CATEGORIES,
  COMPENSATION_CATEGORIES,
  HAZARD_CHECKS,
  STAGES,
  SUPPLY_MODES,
  WORK_TYPES,
  type TAcquisitionRoute,
  type THazardResult,
  type TStage,
} from '../../src/modules/parcels/stages';
import { soilSurveyNeed } from '../../src/modules/parcels/rules/hazards';
import { supplyPlanListings, titleCancellations, workExemptions } from '../../src/modules/parcels/net-land/schema';
import { normaliseCertNo, tempUseTermProblem } from '../../src/modules/parcels/rules';
import { findTransition } from '../../src/modules/parcels/rules/lifecycle';
import { daysBetween } from '../../src/modules/parcels/rules/dates';
import { checkTransition } from '../../src/modules/parcels/rules/transition';
import type { TPlanFacts, TransitionFacts } from '../../src/modules/parcels/rules/types';
import { isValidIdNumber, maskIdNumber, maskPhone } from '../../src/modules/parcels/rules/personal-data';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedReserveDemo, type ReserveDemoCounts } from '../../src/modules/parcels/demo-seed';
import { createTestDatabase } from '../helpers/db';

let database: Database;
let counts: ReserveDemoCounts;
let seedMs = 0;
const today = todayInShanghai();

type ParcelRow = typeof parcels.$inferSelect;
type EventRow = typeof parcelEvents.$inferSelect;

let parcelRows: ParcelRow[];
let eventsByParcel: Map<string, EventRow[]>;

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

const passed = (parcelId: string, stage: TStage) => (eventsByParcel.get(parcelId) ?? []).some((e) => e.toStage === stage);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFoundationDemo(database.db);
  const started = performance.now();
  counts = await seedReserveDemo(database.db);
  seedMs = performance.now() - started;
  parcelRows = await database.db.select().from(parcels).orderBy(asc(parcels.code));
  const events = await database.db.select().from(parcelEvents).orderBy(asc(parcelEvents.parcelId), asc(parcelEvents.seq));
  eventsByParcel = groupBy(events, (e) => e.parcelId);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('reserve demo seed', () => {
  it('creates plans, projects and about 300 parcels at every stage', async () => {
    const db = database.db;
    const dist = STAGES.map((s) => `${s} ${counts.byStage[s]}`).join(', ');
    const rows = `events ${counts.events}, parties ${counts.parties}, items ${counts.items}, costs ${counts.costs}, works ${counts.workPackages}`;
    // Timing is informational only (benchmarks live in scripts/bench); the machine is shared.
    console.log(`demo seed (${database.kind}): ${Math.round(seedMs)} ms; ${dist}; ${rows}, inspections ${counts.inspections}, supplies ${counts.supplies}`);

    const planRows = await db.select().from(plans);
    expect(planRows).toHaveLength(4);
    expect(planRows.every((p) => p.isDemo && p.title.includes('（演示）'))).toBe(true);
    expect(planRows.filter((p) => p.status === 'current')).toHaveLength(3);
    const superseded = planRows.find((p) => p.status === 'superseded')!;
    const adjusted = planRows.find((p) => p.groupId === superseded.groupId && p.version === 2)!;
    expect(adjusted).toMatchObject({ status: 'current', planType: 'annual', startYear: 2025 });
    expect(adjusted.adjustReason).toBeTruthy();
    expect(planRows.map((p) => `${p.planType}:${p.startYear}-${p.endYear}`).sort()).toEqual([
      'annual:2024-2024',
      'annual:2025-2025',
      'annual:2025-2025',
      'rolling:2025-2027',
    ]);

    const projects = await db.select().from(reserveProjects);
    expect(projects.length).toBeGreaterThanOrEqual(18);
    expect(projects.length).toBeLessThanOrEqual(22);
    const currentPlanIds = new Set(planRows.filter((p) => p.status === 'current').map((p) => p.id));
    for (const p of projects) {
      expect(p.isDemo).toBe(true);
      expect(p.name).toContain('（演示）');
      expect(p.code).toMatch(/^YY-20\d\d-\d{3}$/);
      expect(currentPlanIds.has(p.planId!)).toBe(true);
      expect(new Decimal(p.expectedIncome).gt(0)).toBe(true);
      expect(new Decimal(p.estimatedCost).gt(0)).toBe(true);
      // The project form takes 万元 with 2 decimals: a demo project must re-save unchanged.
      expect(new Decimal(p.expectedIncome).mod(100).isZero()).toBe(true);
      expect(new Decimal(p.estimatedCost).mod(100).isZero()).toBe(true);
    }
    expect(new Set(projects.map((p) => p.acquisitionRoute)).size).toBeGreaterThanOrEqual(3);

    expect(parcelRows.length).toBeGreaterThanOrEqual(280);
    expect(parcelRows.length).toBeLessThanOrEqual(320);
    expect(counts.parcels).toBe(parcelRows.length);
    expect(parcelRows.every((p) => p.isDemo)).toBe(true);
    for (const s of STAGES) expect(parcelRows.filter((p) => p.stage === s).length, s).toBeGreaterThan(0);
  });

  it('keeps every parcel stage cache equal to what its events say', () => {
    for (const p of parcelRows) {
      const events = eventsByParcel.get(p.id) ?? [];
      expect(events.length, p.code).toBeGreaterThan(0);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]).toMatchObject({ fromStage: null, toStage: '拟收储' });
      for (let i = 1; i < events.length; i++) {
        const [prev, e] = [events[i - 1], events[i]];
        expect(e.fromStage, `${p.code} #${e.seq}`).toBe(prev.toStage);
        expect(findTransition(e.fromStage as TStage, e.toStage as TStage), `${p.code} ${e.fromStage}→${e.toStage}`).not.toBeNull();
        expect(e.eventDate >= prev.eventDate, `${p.code} dates`).toBe(true);
        if (e.toStage === '终止' || (e.fromStage === '已供应' && e.toStage === '可供应')) expect(e.reason).toBeTruthy();
      }
      const last = events[events.length - 1];
      expect(last.eventDate <= today).toBe(true);
      expect(p.stage).toBe(last.toStage);
      expect(p.stageSince).toBe(last.eventDate);
      expect(p.version).toBe(events.length);
    }
  });

  it('places every parcel inside its district, 75 % or more in 资阳区 and 赫山区, without overlaps', async () => {
    const shapes = new Map(
      (await database.db.select().from(districts)).map((d) => [d.adcode, d.geometry as PolygonalGeometry]),
    );
    for (const p of parcelRows) {
      expect(isPolygonalGeometry(p.geometry)).toBe(true);
      const district = shapes.get(p.districtCode!)!;
      expect(pointInPolygon(p.centerLon!, p.centerLat!, district), p.code).toBe(true);
      const outer = (p.geometry as { coordinates: number[][][] }).coordinates[0];
      expect(outer.every(([lon, lat]) => pointInPolygon(lon, lat, district)), p.code).toBe(true);
      const area = Number(p.areaM2);
      expect(area).toBeGreaterThanOrEqual(5_000);
      expect(area).toBeLessThanOrEqual(150_000);
    }
    const city = parcelRows.filter((p) => p.districtCode === '430902' || p.districtCode === '430903').length;
    expect(city / parcelRows.length).toBeGreaterThanOrEqual(0.75);
    const boxes = [...parcelRows].sort((a, b) => a.minLon! - b.minLon!);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j].minLon! <= boxes[i].maxLon!; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.minLat! <= b.maxLat! && b.minLat! <= a.maxLat!;
        expect(overlap, `${a.code} overlaps ${b.code}`).toBe(false);
      }
    }
  });

  it('satisfies the guards of every stage a parcel passed', async () => {
    const db = database.db;
    const parties = groupBy(await db.select().from(compensationParties), (r) => r.parcelId);
    const items = groupBy(await db.select().from(compensationItems), (r) => r.partyId);
    const works = groupBy(await db.select().from(workPackages), (r) => r.parcelId);
    const supplyRows = groupBy(await db.select().from(supplies), (r) => r.parcelId);
    const projectRoute = new Map((await db.select().from(reserveProjects)).map((p) => [p.id, p.acquisitionRoute]));
    const costs = groupBy(await db.select().from(parcelCosts), (r) => r.parcelId);
    const exemptions = groupBy(await db.select().from(workExemptions), (r) => r.parcelId);
    const cancellations = groupBy(await db.select().from(titleCancellations), (r) => r.parcelId);
    const listings = groupBy(await db.select().from(supplyPlanListings), (r) => r.parcelId);
    // Running temporary uses within the limit (24 months by default) and beyond it both occur.
    const running = parcelRows.filter((p) => p.custodyMode === '临时利用');
    expect(running.some((p) => tempUseTermProblem(p.tempUseStart, p.tempUseEnd, 24, '') === null)).toBe(true);
    expect(parcelRows.some((p) => p.tempUseEndedOn)).toBe(true);

    for (const list of parties.values()) {
      for (const party of list) {
        const sum = (items.get(party.id) ?? []).reduce((s, i) => s.add(i.amount), new Decimal(0));
        expect(sum.equals(new Decimal(party.amountAgreed)), party.name).toBe(true);
        for (const i of items.get(party.id) ?? []) expect(COMPENSATION_CATEGORIES).toContain(i.category);
      }
    }
    for (const p of parcelRows) {
      // Taxes, fees and contingency are parcel costs, never a party's items (土地管理法 第48条).
      const mineCosts = costs.get(p.id) ?? [];
      for (const c of mineCosts) expect(ACQUISITION_COST_CATEGORIES).toContain(c.category);
      if (passed(p.id, '收储中')) {
        expect(mineCosts.map((c) => c.category), p.code).toContain('评估费');
        if (projectRoute.get(p.projectId) === '征收') expect(mineCosts.map((c) => c.category), p.code).toEqual(expect.arrayContaining(['耕地开垦费', '耕地占用税']));
      } else expect(mineCosts, p.code).toHaveLength(0);
      if (passed(p.id, '已入库')) {
        expect(p.titleCertNo && p.titleRegisteredOn, p.code).toBeTruthy();
        expect(p.acquisitionDocNo, p.code).toBeTruthy();
        for (const h of HAZARD_CHECKS) {
          const result = p[h.key];
          if (h.key === 'hazardSoil' && soilSurveyNeed(p.plannedUse, p.soilKeySupervised).required) expect(result, p.code).toBe('通过');
          else if (h.key === 'hazardSoil') expect(['通过', '未查'], p.code).toContain(result);
          else expect(['通过', '不涉及'], `${p.code} ${h.label}`).toContain(result);
          if (result === '不涉及') expect(p[h.reasonKey], `${p.code} ${h.label}`).toBeTruthy();
          else expect(p[h.reasonKey]).toBeNull();
        }
        const mine = parties.get(p.id) ?? [];
        if (projectRoute.get(p.projectId) !== '收回') expect(mine.length, p.code).toBeGreaterThan(0);
        expect(mine.length).toBeLessThanOrEqual(8);
        for (const party of mine) {
          expect(party.agreementSignedOn).toBeTruthy();
          expect(new Decimal(party.amountPaid).equals(party.amountAgreed)).toBe(true);
        }
        expect(p.supervisionNo).toMatch(/^4309\d{6}B\d{5}$/);
        expect(p.custodyMode).toBeTruthy();
      }
      if (passed(p.id, '可供应')) {
        const mine = works.get(p.id) ?? [];
        expect(mine.length).toBeGreaterThanOrEqual(3);
        expect(mine.length).toBeLessThanOrEqual(6);
        for (const w of mine) {
          expect(WORK_TYPES).toContain(w.workType);
          expect(w.progress).toBe(100);
          expect(w.acceptedOn! >= w.startedOn!).toBe(true);
        }
        // 净地: levelling done, demolition done or recorded as not needed, certificate cancelled, in that year's supply plan.
        const readyOn = eventsByParcel.get(p.id)!.find((e) => e.toStage === '可供应' && e.fromStage === '前期开发')!.eventDate;
        expect(mine.some((w) => w.workType === '平整'), p.code).toBe(true);
        const exempt = (exemptions.get(p.id) ?? []).filter((e) => e.workType === '拆除');
        expect(mine.some((w) => w.workType === '拆除') !== (exempt.length === 1), p.code).toBe(true);
        for (const e of exempt) expect(e.recordedOn <= readyOn && !!e.reason).toBe(true);
        const cancelled = cancellations.get(p.id) ?? [];
        expect(cancelled.map((c) => normaliseCertNo(c.certNo))).toEqual([normaliseCertNo(p.titleCertNo!)]);
        expect(cancelled[0].cancelledOn >= p.titleRegisteredOn! && cancelled[0].cancelledOn < readyOn).toBe(true);
        const listed = (listings.get(p.id) ?? []).filter((l) => l.planYear === Number(readyOn.slice(0, 4)));
        expect(listed, p.code).toHaveLength(1);
        expect(listed[0].listedOn <= readyOn).toBe(true);
        expect(p.custodyMode === '临时利用', p.code).toBe(false);
      }
      if (p.tempUseStart) {
        // R17: consent, use and no permanent structures recorded; an ended one before the parcel became ready.
        expect(p.tempUseConsentNo, p.code).toMatch(/^益资规函〔20\d\d〕\d+号$/);
        expect(p.tempUsePurpose && p.tempUseNoPermanent && p.tempUseEnd! >= p.tempUseStart).toBeTruthy();
        if (p.custodyMode !== '临时利用') expect(p.tempUseEndedOn! >= p.tempUseStart && p.tempUseEndedOn! <= today).toBe(true);
        else expect(p.tempUseEndedOn).toBeNull();
      }
      if (p.stage === '前期开发') expect((works.get(p.id) ?? []).some((w) => !w.acceptedOn)).toBe(true);
      const mineSupplies = supplyRows.get(p.id) ?? [];
      if (p.stage === '已供应') {
        const deal = mineSupplies.filter((s) => s.status === '成交');
        expect(deal, p.code).toHaveLength(1);
        const s = deal[0];
        expect(SUPPLY_MODES).toContain(s.mode);
        expect(s.transferee && s.contractNo && s.dealDate).toBeTruthy();
        if (s.mode === '划拨') {
          expect(new Decimal(s.dealPrice!).isZero()).toBe(true);
          expect(s.allocationCategory, p.code).toBeTruthy();
        } else {
          expect(s.noticeDate! < s.dealDate!).toBe(true);
          expect(new Decimal(s.dealPrice!).gte(s.startingPrice!)).toBe(true);
        }
        const lastEvent = eventsByParcel.get(p.id)!.at(-1)!;
        expect(new Decimal(lastEvent.amount!).equals(s.dealPrice!)).toBe(true);
      } else {
        expect(mineSupplies.filter((s) => s.status === '成交')).toHaveLength(0);
      }
      // 令39号: no 协议 or 划拨 of 经营性 land; notice ≥ 20 days before bidding, listing ≥ 10 days.
      for (const s of mineSupplies) {
        if (['住宅用地', '商服用地', '工业用地'].includes(p.plannedUse!)) expect(['招标', '拍卖', '挂牌'], `${p.code} ${s.mode}`).toContain(s.mode);
        if (s.mode !== '划拨') {
          expect(daysBetween(s.noticeDate!, s.bidStartDate!), p.code).toBeGreaterThanOrEqual(20);
          if (s.mode === '挂牌') expect(daysBetween(s.bidStartDate!, s.listingEndDate!), p.code).toBeGreaterThanOrEqual(10);
        }
      }
      const aborts = (eventsByParcel.get(p.id) ?? []).filter((e) => e.fromStage === '已供应').length;
      expect(mineSupplies.filter((s) => s.status === '中止')).toHaveLength(aborts);
    }
  });

  it('passes the lifecycle guards of rules.ts at every recorded step, with the facts as of that day', async () => {
    const db = database.db;
    const parties = groupBy(await db.select().from(compensationParties), (r) => r.parcelId);
    const works = groupBy(await db.select().from(workPackages), (r) => r.parcelId);
    const supplyRows = groupBy(
      await db.select().from(supplies).orderBy(asc(supplies.dealDate)),
      (r) => r.parcelId,
    );
    const projectRows = await db.select().from(reserveProjects);
    const projectRoute = new Map(projectRows.map((p) => [p.id, p.acquisitionRoute as TAcquisitionRoute]));
    // The plan version in force of each project's plan group.
    const planRows = await db.select().from(plans);
    const planOf = new Map(
      projectRows.map((p): [string, TPlanFacts | null] => {
        const filed = planRows.find((x) => x.id === p.planId);
        const current = filed && planRows.find((x) => x.groupId === filed.groupId && x.status === 'current');
        return [p.id, current ? { title: current.title, planType: current.planType, startYear: current.startYear, endYear: current.endYear, docNo: current.docNo } : null];
      }),
    );
    const approval = new Map(projectRows.map((p) => [p.id, p.implDocNo]));
    const exemptions = groupBy(await db.select().from(workExemptions), (r) => r.parcelId);
    const cancellations = groupBy(await db.select().from(titleCancellations), (r) => r.parcelId);
    const listings = groupBy(await db.select().from(supplyPlanListings), (r) => r.parcelId);
    let checked = 0;
    for (const p of parcelRows) {
      const events = eventsByParcel.get(p.id)!;
      let sales = 0;
      for (const e of events.slice(1)) {
        const asOf = (d: string | null | undefined) => !!d && d <= e.eventDate;
        const mine = parties.get(p.id) ?? [];
        const sale = e.toStage === '已供应' ? supplyRows.get(p.id)![sales++] : undefined;
        const facts: TransitionFacts = {
          today,
          eventDate: e.eventDate,
          lastEventDate: events[e.seq - 2].eventDate,
          reason: e.reason,
          docNo: e.docNo,
          plan: planOf.get(p.projectId)!,
          compensation: {
            parties: mine.length,
            allSigned: mine.every((m) => asOf(m.agreementSignedOn)),
            allPaid: mine.every((m) => new Decimal(m.amountPaid).gte(m.amountAgreed)),
          },
          titleRegistered: asOf(p.titleRegisteredOn),
          hazards: {
            hazardSoil: p.hazardSoil as THazardResult,
            hazardRelics: p.hazardRelics as THazardResult,
            hazardMinerals: p.hazardMinerals as THazardResult,
            hazardFlood: p.hazardFlood as THazardResult,
            hazardGeology: p.hazardGeology as THazardResult,
          },
          hazardReasons: p,
          plannedUse: p.plannedUse,
          soilKeySupervised: p.soilKeySupervised,
          acquisitionDocNo: p.acquisitionDocNo,
          supervisionNo: p.supervisionNo,
          // The demo records the 电子监管号 with 入库: the strictest setting (0 days) must pass.
          supervisionNoDays: 0,
          supervisionNoSource: 'setting',
          workPackages: (works.get(p.id) ?? []).map((w) => ({ workType: w.workType, acceptedOn: asOf(w.acceptedOn) ? w.acceptedOn : null })),
          netLand: {
            exemptions: (exemptions.get(p.id) ?? []).filter((x) => asOf(x.recordedOn)),
            titleCertNo: asOf(p.titleRegisteredOn) ? p.titleCertNo : null,
            titleCancellations: (cancellations.get(p.id) ?? []).filter((x) => asOf(x.cancelledOn)),
            supplyPlans: (listings.get(p.id) ?? []).filter((x) => asOf(x.listedOn)).map((x) => ({ year: x.planYear, docNo: x.docNo, listedOn: x.listedOn })),
            // A temporary use running on that day: begun and not yet ended.
            custodyMode: asOf(p.tempUseStart) && !asOf(p.tempUseEndedOn) ? '临时利用' : '自管',
            tempUseStart: p.tempUseStart,
            tempUseEnd: p.tempUseEnd,
            tempUseEndedOn: p.tempUseEndedOn,
          },
          supply: sale,
          supplyContext: { plannedUse: p.plannedUse, areaM2: p.areaM2, agreementFloor: { percent: 70, source: '（测试）' } },
          acquisitionRoute: projectRoute.get(p.projectId)!,
        };
        // 启动收储 cites the government's approval of the project's implementation plan.
        if (e.toStage === '收储中') expect(e.docNo, p.code).toBe(approval.get(p.projectId));
        const verdict = checkTransition(e.fromStage as TStage, e.toStage as TStage, facts);
        expect(verdict.ok ? 'ok' : verdict.problems.map((x) => x.message).join('; '), `${p.code} ${e.fromStage}→${e.toStage}`).toBe('ok');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(700);
  });

  it('stores personal data only encrypted, with masked copies', async () => {
    const rows = await database.db.select().from(compensationParties);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.idNumberEnc).not.toMatch(/\d{17}[\dX]/);
      expect(r.phoneEnc).not.toMatch(/1[3-9]\d{9}/);
      const id = decryptPersonal(r.idNumberEnc!, 'idNumber');
      expect(r.idNumberMasked).toBe(maskIdNumber(id));
      expect(r.phoneMasked).toBe(maskPhone(decryptPersonal(r.phoneEnc!, 'phone')));
      if (r.partyType === '个人') expect(isValidIdNumber(id), id).toBe(true);
      else expect(id).toMatch(/^(91|N2)4309\d{2}[0-9A-Z]{10}$/);
    }
  });

  it('writes one audit entry, and a second run inserts nothing', async () => {
    const db = database.db;
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, '生成演示数据')).orderBy(desc(auditLog.seq));
    expect(audits.filter((a) => a.message?.startsWith('计划实施演示数据'))).toHaveLength(1);

    const tables = [plans, reserveProjects, parcels, parcelEvents, compensationParties, compensationItems, parcelCosts, workPackages, custodyInspections, supplies, workExemptions, titleCancellations, supplyPlanListings];
    const before = await Promise.all(tables.map(async (t) => (await db.select({ n: count() }).from(t))[0].n));
    const again = await seedReserveDemo(db);
    expect(again.parcels + again.projects + again.plans + again.events).toBe(0);
    const after = await Promise.all(tables.map(async (t) => (await db.select({ n: count() }).from(t))[0].n));
    expect(after).toEqual(before);
  });
});
