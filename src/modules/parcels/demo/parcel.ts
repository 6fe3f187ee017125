import type { compensationItems, compensationParties, custodyInspections, parcelCosts, parcelEvents, parcels, supplies, workPackages } from '../schema';
import type { TAcquisitionRoute, TStage } from '../stages';
import { ABORT_REASONS, CURRENT_USES, TERMINATION_REASONS, type TPlannedUse } from './catalog';
import { buildCompensation } from './compensation';
import { buildCosts } from './costs';
import { demoHazards } from './hazards';
import { buildCustody } from './custody';
import { ZERO, type TDec } from './money';
import { addDays, daysBetween, yearOf, type Rng } from './random';
import type { PlacedParcel } from './shapes';
import { buildSupplies } from './supply';
import { buildTimeline, type TimelineSpec, type TimelineStep } from './timeline';
import { buildWorks, servicingFor } from './works';
import { BUILT_USES, buildNetLand, type NetLandRecords } from './net-land';

/**
 * Everything recorded about one demo parcel, consistent with its lifecycle: the parcel row (stage
 * cache = last event), its events, and the compensation, works, custody and supply records the
 * guards of each stage it passed require.
 */

export interface DemoActor {
  id: string | null;
  name: string;
}

/** Running numbers for document and contract numbers (per year, or per district and year). */
export interface DemoCounters {
  next(kind: string, year: number): number;
}

export interface ParcelInput {
  id: string;
  code: string;
  name: string;
  location: string;
  projectId: string;
  route: TAcquisitionRoute;
  district: { code: string; name: string; short: string; registry: string };
  placed: PlacedParcel;
  areaM2: string;
  plannedUse: TPlannedUse;
  /** 容积率 (null for uses without one). */
  plotRatio: number | null;
  costRate: number;
  priceRate: number;
  spec: TimelineSpec;
  ageDays: number;
  /** Designations for the warnings the demo should show. */
  lapsedPatrols: boolean;
  tempUse: 'normal' | 'over' | null;
  stallIfPossible: boolean;
  today: string;
  actors: { clerk: DemoActor; chief: DemoActor };
  counters: DemoCounters;
}

export interface ParcelRecords {
  parcel: typeof parcels.$inferInsert;
  events: (typeof parcelEvents.$inferInsert)[];
  parties: (typeof compensationParties.$inferInsert)[];
  items: (typeof compensationItems.$inferInsert)[];
  costs: (typeof parcelCosts.$inferInsert)[];
  works: (typeof workPackages.$inferInsert)[];
  inspections: (typeof custodyInspections.$inferInsert)[];
  supplies: (typeof supplies.$inferInsert)[];
  netLand: NetLandRecords;
  steps: TimelineStep[];
  stage: TStage;
  areaM2: string;
  acquisitionCost: TDec;
  developmentCost: TDec;
}

const CUSTODY_STAGES: readonly TStage[] = ['已入库', '前期开发', '可供应'];
const STALL_MIN_DWELL = 100;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateOf = (steps: TimelineStep[], to: TStage, from?: TStage) => steps.find((s) => s.to === to && (!from || s.from === from))?.date ?? null;

export function buildParcel(rng: Rng, p: ParcelInput): ParcelRecords {
  const steps = buildTimeline(rng, p.spec, p.ageDays, p.today);
  const last = steps[steps.length - 1];
  const stage = last.to;
  const cancelledOn = stage === '终止' ? last.date : null;
  const endOn = cancelledOn ?? p.today;
  const startedOn = dateOf(steps, '收储中');
  const reservedOn = dateOf(steps, '已入库');
  const developingOn = dateOf(steps, '前期开发');
  const readyOn = dateOf(steps, '可供应', '前期开发');
  const c = p.counters;

  let title: { titleCertNo: string | null; titleRegisteredOn: string | null } = { titleCertNo: null, titleRegisteredOn: null };
  const certNo = (date: string) => `湘（${yearOf(date)}）${p.district.registry}不动产权第${pad(c.next(`cert-${p.district.registry}`, yearOf(date)) + 1200, 7)}号`;

  const comp = startedOn
    ? buildCompensation(rng, {
        parcelId: p.id,
        route: p.route,
        districtCode: p.district.code,
        districtShort: p.district.short,
        areaM2: p.areaM2,
        costRate: p.costRate,
        startedOn,
        reservedOn,
        endOn,
        nextAgreementNo: (year) => c.next(`agreement-${p.district.code}`, year),
      })
    : { parties: [], items: [], agreed: ZERO };
  const costs = startedOn ? buildCosts(rng, { parcelId: p.id, route: p.route, areaM2: p.areaM2, agreed: comp.agreed }) : { rows: [], total: ZERO };
  // Former industrial land taken back from its user: a 土壤污染重点监管单位 site now and then.
  const soilKeySupervised = p.route === '收回' && rng.chance(0.25);
  const hazards = demoHazards(rng, { reserved: !!(reservedOn && startedOn), started: !!startedOn, plannedUse: p.plannedUse, soilKeySupervised });
  let acquisitionDocNo: string | null = null;
  if (reservedOn && startedOn) {
    // Registered as reserve land once the last agreement is signed.
    const lastSigned = comp.parties.reduce((d, party) => (party.agreementSignedOn && party.agreementSignedOn > d ? party.agreementSignedOn : d), startedOn);
    const registered = laterOf(lastSigned, reservedOn, rng);
    title = { titleCertNo: certNo(registered), titleRegisteredOn: registered };
  } else if (startedOn) {
    if (rng.chance(0.15) && daysBetween(startedOn, endOn) > 10) {
      const registered = laterOf(startedOn, endOn, rng);
      title = { titleCertNo: certNo(registered), titleRegisteredOn: registered };
    }
  }
  if (startedOn && (reservedOn || rng.chance(0.6))) {
    const year = yearOf(startedOn);
    const agreement = comp.parties.find((party) => party.agreementNo)?.agreementNo ?? null;
    acquisitionDocNo =
      p.route === '征收'
        ? `湘政地〔${year}〕${c.next('land-approval', year) + 40}号`
        : p.route === '收回'
          ? `益政土收〔${year}〕${pad(c.next('take-back', year), 3)}号`
          : (agreement ?? `益储购〔${year}〕${pad(c.next('purchase', year), 3)}号`);
  }

  const currentUse = rng.pick(CURRENT_USES[p.route]);
  const demolition = BUILT_USES.has(currentUse);
  const stalled = p.stallIfPossible && stage === '前期开发' && daysBetween(last.date, p.today) >= STALL_MIN_DWELL;
  const works = developingOn
    ? buildWorks(rng, {
        parcelId: p.id,
        areaM2: p.areaM2,
        startedOn: developingOn,
        readyOn,
        endOn,
        stalled,
        demolition,
        nextContractNo: (year) => c.next('works', year),
      })
    : { rows: [], total: ZERO };

  const custody = reservedOn
    ? buildCustody(rng, {
        parcelId: p.id,
        districtName: p.district.name,
        reservedOn,
        endOn: stage === '已供应' ? last.date : endOn,
        inCustodyNow: CUSTODY_STAGES.includes(stage),
        lapsed: p.lapsedPatrols,
        tempUse: p.tempUse,
        readyOn,
        today: p.today,
      })
    : null;

  const netLand = buildNetLand(rng, {
    parcelId: p.id,
    currentUse,
    demolition,
    titleCertNo: title.titleCertNo,
    titleRegisteredOn: title.titleRegisteredOn,
    developingOn,
    readyOn,
    endOn,
    createdBy: p.actors.clerk.id,
  });

  const supply = buildSupplies(rng, {
    parcelId: p.id,
    plannedUse: p.plannedUse,
    areaM2: p.areaM2,
    priceRate: p.priceRate,
    steps,
    today: p.today,
    nextContractNo: (year, allocation) => c.next(allocation ? 'allocation' : 'transfer', year),
  });

  const events = steps.map((s, i) => {
    const year = yearOf(s.date);
    const doc = (word: string) => `益储${word}〔${year}〕${pad(c.next(`doc-${word}`, year), 3)}号`;
    const abort = s.to === '可供应' && s.from === '已供应';
    let amount: TDec | null = null;
    let docNo: string | null = null;
    let reason: string | null = null;
    // 启动收储 cites the project's approval, set once the projects exist (build.ts citeApprovals).
    if (s.to === '收储中') docNo = null;
    else if (s.to === '已入库') [amount, docNo] = [comp.agreed.gt(0) ? comp.agreed : null, doc('入')];
    else if (s.to === '前期开发') docNo = doc('开');
    else if (s.to === '可供应' && !abort) [amount, docNo] = [works.total, doc('验')];
    else if (s.to === '已供应') {
      const sale = supply.byStep.get(i);
      [amount, docNo] = [sale?.deal ?? ZERO, sale?.contractNo ?? null];
    } else if (s.to === '终止') [docNo, reason] = [doc('终'), rng.pick(TERMINATION_REASONS)];
    else if (abort) reason = rng.pick(ABORT_REASONS);
    const actor = s.to === '终止' || s.to === '已入库' ? p.actors.chief : p.actors.clerk;
    return {
      parcelId: p.id,
      seq: i + 1,
      fromStage: s.from,
      toStage: s.to,
      eventDate: s.date,
      actorId: actor.id,
      actorName: actor.name,
      amount: amount ? amount.toFixed(2) : null,
      docNo,
      reason,
      note: i === 0 ? '纳入储备计划，登记地块（演示数据）' : null,
    };
  });

  const parcel: typeof parcels.$inferInsert = {
    id: p.id,
    code: p.code,
    name: p.name,
    supervisionNo: reservedOn ? `${p.district.code}${yearOf(reservedOn)}B${pad(c.next(`supervision-${p.district.code}`, yearOf(reservedOn)) + 100, 5)}` : null,
    location: p.location,
    districtCode: p.district.code,
    projectId: p.projectId,
    geometry: p.placed.geometry,
    ...p.placed.bbox,
    centerLon: p.placed.center[0],
    centerLat: p.placed.center[1],
    areaM2: p.areaM2,
    currentUse,
    plannedUse: p.plannedUse,
    plotRatio: p.plotRatio !== null ? p.plotRatio.toFixed(2) : null,
    servicing: readyOn ? servicingFor(works.rows.length) : null,
    ...title,
    ...hazards,
    soilKeySupervised,
    acquisitionDocNo,
    custodyMode: custody?.custodyMode ?? null,
    custodian: custody?.custodian ?? null,
    tempUseStart: custody?.tempUseStart ?? null,
    tempUseEnd: custody?.tempUseEnd ?? null,
    tempUseConsentNo: custody?.tempUseConsentNo ?? null,
    tempUsePurpose: custody?.tempUsePurpose ?? null,
    tempUseNoPermanent: custody?.tempUseNoPermanent ?? null,
    tempUseEndedOn: custody?.tempUseEndedOn ?? null,
    stage,
    stageSince: last.date,
    version: steps.length,
    createdBy: p.actors.clerk.id,
    isDemo: true,
    createdAt: new Date(`${steps[0].date}T09:30:00+08:00`),
  };
  return {
    parcel,
    events,
    parties: comp.parties,
    items: comp.items,
    costs: costs.rows,
    works: works.rows,
    inspections: custody?.inspections ?? [],
    supplies: supply.rows,
    netLand,
    steps,
    stage,
    areaM2: p.areaM2,
    acquisitionCost: comp.agreed.add(costs.total),
    developmentCost: works.total,
  };
}

/** A date between `from` and `to`, nearer the end (registration comes late in acquisition). */
function laterOf(from: string, to: string, rng: Rng): string {
  return addDays(from, Math.round(Math.max(0, daysBetween(from, to)) * rng.between(0.6, 1)));
}
