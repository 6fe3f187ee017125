import { newId } from '@/platform/ids';
import type { reserveProjects } from '../schema';
import { STAGES, type TStage } from '../stages';
import { commercialLandPrice, DISTRICT_SHORT, PLOT_RATIO_RANGE, PRICE_RANGE, PROJECT_OUTLINES, ROADS, USE_MIX, type TPlannedUse } from './catalog';
import { amountFor, sumOf } from './money';
import { buildParcel, type DemoActor, type DemoCounters, type ParcelRecords } from './parcel';
import { buildPlans, type TDemoPlanKey } from './plans';
import { addDays, daysBetween, minDate, yearOf, Rng } from './random';
import { ParcelPlacer, type DistrictShape, type PlacedParcel } from './shapes';
import type { TimelineSpec } from './timeline';

/**
 * Generates the whole demo data set in memory (no I/O): plans, projects and parcels with their
 * records. Deterministic for a given `today`: one seeded PRNG drawn in a fixed order.
 */

export const DEMO_SEED = 20_260_301;

/** Share of parcels per final stage (DESIGN: every stage present). */
const STAGE_SHARE: Record<TStage, number> = { 拟收储: 0.1, 收储中: 0.15, 已入库: 0.2, 前期开发: 0.15, 可供应: 0.15, 已供应: 0.2, 终止: 0.05 };
/** From the most advanced (oldest parcels) to the least. */
const ASSIGN_ORDER: readonly TStage[] = ['已供应', '可供应', '前期开发', '已入库', '收储中', '拟收储'];
const FIRST_DAY = '2022-01-10';

export interface BuildInput {
  today: string;
  districts: readonly DistrictShape[];
  takenParcelCodes: ReadonlySet<string>;
  takenProjectCodes: ReadonlySet<string>;
  actors: { clerk: DemoActor; chief: DemoActor };
}

type ProjectRow = typeof reserveProjects.$inferInsert;

export interface DemoData {
  plans: ReturnType<typeof buildPlans>['rows'];
  planIdFor: Record<TDemoPlanKey, string>;
  projects: ProjectRow[];
  parcels: ParcelRecords[];
}

interface Draft {
  id: string;
  project: number;
  district: DistrictShape;
  placed: PlacedParcel;
  areaM2: string;
  plannedUse: TPlannedUse;
  plotRatio: number | null;
  costRate: number;
  priceRate: number;
  createdOn: string;
  nameNo: number;
}

function counters(): DemoCounters {
  const n = new Map<string, number>();
  return {
    next(kind, year) {
      const key = `${kind}:${year}`;
      const v = (n.get(key) ?? 0) + 1;
      n.set(key, v);
      return v;
    },
  };
}

function stageCounts(total: number): Record<TStage, number> {
  const counts = Object.fromEntries(STAGES.map((s) => [s, Math.round(total * STAGE_SHARE[s])])) as Record<TStage, number>;
  counts['已入库'] += total - STAGES.reduce((s, k) => s + counts[k], 0);
  return counts;
}

export function buildDemoData(input: BuildInput): DemoData {
  const rng = new Rng(DEMO_SEED);
  const { today } = input;
  const byCode = new Map(input.districts.map((d) => [d.adcode, d]));
  const placer = new ParcelPlacer(rng, input.districts);

  // Projects start spread over 2022 … five months ago, in a shuffled order.
  const span = daysBetween(FIRST_DAY, addDays(today, -160));
  const ranks = rng.shuffle(PROJECT_OUTLINES.map((_, i) => i));
  const starts = PROJECT_OUTLINES.map((_, i) => addDays(FIRST_DAY, Math.floor((ranks[i] * span) / (PROJECT_OUTLINES.length - 1)) + rng.int(0, 20)));

  const drafts: Draft[] = [];
  const zoneCentres: [number, number][] = [];
  PROJECT_OUTLINES.forEach((o, project) => {
    const district = byCode.get(o.district);
    if (!district) throw new Error(`demo seed: district ${o.district} missing (districts table not loaded)`);
    const centre = placer.zoneCentre(district, o.near ?? district.seat, o.spread, zoneCentres, o.near ? 4 : 2.5);
    zoneCentres.push(centre);
    const county = !o.district.startsWith('43090');
    for (let k = 0; k < o.parcels; k++) {
      const plannedUse = rng.weighted(USE_MIX[o.kind] as Record<TPlannedUse, number>);
      const placed = placer.place(district, centre, 0.0045 * Math.sqrt(o.parcels), plannedUse === '工业用地');
      const [pmin, pmax] = PRICE_RANGE[plannedUse][county ? 'county' : 'city'];
      const ratioRange = PLOT_RATIO_RANGE[plannedUse];
      const plotRatio = ratioRange ? Number(rng.between(ratioRange[0], ratioRange[1]).toFixed(2)) : null;
      const priceRate =
        plannedUse === '商服用地' && plotRatio !== null
          ? commercialLandPrice(plotRatio, county, rng.float(), rng.float())
          : pmax > 0
            ? rng.between(pmin, pmax)
            : 0;
      drafts.push({
        id: newId(),
        project,
        district,
        placed,
        areaM2: placed.area.toFixed(2),
        plannedUse,
        plotRatio,
        costRate: o.kind === 'industrial' ? rng.between(150, 240) : rng.between(county ? 150 : 250, county ? 380 : 600),
        priceRate,
        createdOn: minDate(addDays(starts[project], rng.int(0, 120)), addDays(today, -20)),
        nameNo: k + 1,
      });
    }
  });

  // Final stages: cancellations anywhere; otherwise older parcels (with noise) are further on.
  const counts = stageCounts(drafts.length);
  const finals = new Map<Draft, TStage>();
  for (const d of rng.sample(drafts, counts['终止'])) finals.set(d, '终止');
  const scored = drafts
    .filter((d) => !finals.has(d))
    .map((d) => ({ d, score: daysBetween(d.createdOn, today) + rng.between(-250, 250) }))
    .sort((a, b) => b.score - a.score);
  let at = 0;
  for (const stage of ASSIGN_ORDER) for (let k = 0; k < counts[stage]; k++) finals.set(scored[at++].d, stage);

  const specFor = (stage: TStage): TimelineSpec => {
    if (stage === '终止') return { final: stage, cancelledFrom: rng.weighted({ 拟收储: 35, 收储中: 45, 已入库: 12, 前期开发: 8 }) };
    const inCustody = stage === '已入库' || stage === '前期开发' || stage === '可供应';
    return {
      final: stage,
      abortedTrade: (stage === '可供应' || stage === '已供应') && rng.chance(0.07),
      overdue: inCustody && rng.chance(0.1),
      minDwell: stage === '前期开发' && rng.chance(0.3) ? 120 : undefined,
    };
  };

  // Codes follow creation order within each district and year, skipping codes already in use.
  const codeOf = new Map<Draft, string>();
  const seq = counters();
  for (const d of [...drafts].sort((a, b) => (a.createdOn < b.createdOn ? -1 : a.createdOn > b.createdOn ? 1 : 0))) {
    let code: string;
    do code = `${d.district.adcode}-${yearOf(d.createdOn)}-${String(seq.next(d.district.adcode, yearOf(d.createdOn))).padStart(4, '0')}`;
    while (input.takenParcelCodes.has(code));
    codeOf.set(d, code);
  }

  const projectIds = PROJECT_OUTLINES.map(() => newId());
  const docCounters = counters();
  const parcels = drafts.map((d) => {
    const o = PROJECT_OUTLINES[d.project];
    const names = DISTRICT_SHORT[d.district.adcode];
    const stage = finals.get(d)!;
    const spec = specFor(stage);
    const inCustody = stage === '已入库' || stage === '前期开发' || stage === '可供应';
    const [road1, road2] = rng.sample(ROADS[d.district.adcode], 2);
    return buildParcel(rng, {
      id: d.id,
      code: codeOf.get(d)!,
      name: `${o.zone}${String(d.nameNo).padStart(2, '0')}号地块`,
      location: `${names.name}${o.zone}，${road1}以${rng.pick(['东', '西'])}、${road2}以${rng.pick(['南', '北'])}`,
      projectId: projectIds[d.project],
      route: o.route,
      district: { code: d.district.adcode, name: names.name, short: names.short, registry: names.registry },
      placed: d.placed,
      areaM2: d.areaM2,
      plannedUse: d.plannedUse,
      plotRatio: d.plotRatio,
      costRate: d.costRate,
      priceRate: d.priceRate,
      spec,
      ageDays: daysBetween(d.createdOn, today),
      lapsedPatrols: inCustody && rng.chance(0.08),
      tempUse: spec.overdue && rng.chance(0.7) ? 'over' : inCustody && rng.chance(0.14) ? 'normal' : null,
      stallIfPossible: stage === '前期开发' && spec.minDwell !== undefined,
      today,
      actors: input.actors,
      counters: docCounters,
    });
  });

  renumberChronologically(parcels);
  const planned = buildPlans(rng, parcels, input.actors.clerk.id);
  const projects = buildProjects(rng, input, parcels, drafts, projectIds, planned.idFor);
  citeApprovals(parcels, projects);
  return { plans: planned.rows, planIdFor: planned.idFor, projects, parcels };
}

function buildProjects(
  rng: Rng,
  input: BuildInput,
  parcels: readonly ParcelRecords[],
  drafts: readonly Draft[],
  projectIds: readonly string[],
  planIdFor: Record<TDemoPlanKey, string>,
): ProjectRow[] {
  const seq = counters();
  const order = PROJECT_OUTLINES.map((_, i) => i).sort((a, b) => {
    const [sa, sb] = [projectStart(parcels, drafts, a), projectStart(parcels, drafts, b)];
    return sa < sb ? -1 : sa > sb ? 1 : a - b;
  });
  const rows: ProjectRow[] = [];
  for (const i of order) {
    const o = PROJECT_OUTLINES[i];
    const mine = parcels.filter((_, k) => drafts[k].project === i);
    const mineDrafts = drafts.filter((d) => d.project === i);
    const start = projectStart(parcels, drafts, i);
    const year = yearOf(start);
    let code: string;
    do code = `YY-${year}-${String(seq.next('project', year)).padStart(3, '0')}`;
    while (input.takenProjectCodes.has(code));
    const cost = sumOf(mineDrafts.map((d) => amountFor(d.areaM2, d.costRate).add(amountFor(d.areaM2, 90))));
    const income = sumOf(mineDrafts.map((d) => amountFor(d.areaM2, d.priceRate)));
    const closed = mine.every((p) => p.stage === '已供应' || p.stage === '终止');
    const names = DISTRICT_SHORT[o.district];
    rows.push({
      id: projectIds[i],
      code,
      name: `${names.name}${o.zone}收储项目（演示）`,
      zone: o.zone,
      planId: year <= 2024 ? planIdFor.annual2024 : year === 2025 ? planIdFor.annual2025 : planIdFor.rolling2025,
      acquisitionRoute: o.route,
      implDocNo: `益政函〔${year}〕${rng.int(20, 180)}号`,
      // Whole 100 元 (0.01 万元), as the project form enters them: re-saving a demo project unchanged must pass.
      estimatedCost: cost.toNearest(100).toFixed(2),
      expectedIncome: income.toNearest(100).toFixed(2),
      nationalCode: year >= 2023 || rng.chance(0.5) ? `CB${o.district}${year}${String(rng.int(1, 400)).padStart(4, '0')}` : null,
      status: closed ? 'closed' : 'active',
      note: '演示数据',
      createdBy: input.actors.clerk.id,
      isDemo: true,
      createdAt: new Date(`${start}T09:00:00+08:00`),
    });
  }
  return rows;
}

/**
 * 启动收储 cites the government's approval of the project's implementation plan (益政函…), which
 * is what allows acquisition of a parcel outside the annual plan in force (and backs it inside).
 */
function citeApprovals(parcels: readonly ParcelRecords[], projects: readonly ProjectRow[]): void {
  const approval = new Map(projects.map((p) => [p.id!, p.implDocNo ?? null]));
  for (const p of parcels) {
    const doc = approval.get(p.parcel.projectId);
    for (const e of p.events) if (e.toStage === '收储中' && doc) e.docNo = doc;
  }
}

function projectStart(parcels: readonly ParcelRecords[], drafts: readonly Draft[], project: number): string {
  let first = '9999-12-31';
  parcels.forEach((p, k) => {
    if (drafts[k].project === project && p.steps[0].date < first) first = p.steps[0].date;
  });
  return first;
}

/**
 * Document numbers of the centre (益储X〔year〕NNN号) and supervision numbers (…B00101) were
 * drawn parcel by parcel; renumber them in date order so lower numbers come earlier in a year.
 */
function renumberChronologically(parcels: readonly ParcelRecords[]): void {
  const docs = parcels
    .flatMap((p) => p.events.map((e) => ({ e, code: p.parcel.code })))
    .filter(({ e }) => e.docNo && /^益储.〔\d{4}〕\d+号$/.test(e.docNo))
    .sort((a, b) => (a.e.eventDate < b.e.eventDate ? -1 : a.e.eventDate > b.e.eventDate ? 1 : a.code < b.code ? -1 : 1));
  const docSeq = counters();
  for (const { e } of docs) {
    const word = e.docNo!.slice(2, 3);
    const year = yearOf(e.eventDate);
    e.docNo = `益储${word}〔${year}〕${String(docSeq.next(word, year)).padStart(3, '0')}号`;
  }
  const reserved = parcels
    .filter((p) => p.parcel.supervisionNo)
    .map((p) => ({ p, on: p.steps.find((s) => s.to === '已入库')!.date }))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.p.parcel.code < b.p.parcel.code ? -1 : 1));
  const supSeq = counters();
  for (const { p, on } of reserved) {
    const district = p.parcel.districtCode!;
    p.parcel.supervisionNo = `${district}${yearOf(on)}B${String(supSeq.next(district, yearOf(on)) + 100).padStart(5, '0')}`;
  }
}
