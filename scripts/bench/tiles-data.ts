/**
 * Synthetic parcels for the tile benchmark: realistic polygons (0.5–30 ha, 4–12 vertices, a
 * few with a hole) spread over the real 益阳 districts (most in 赫山区 and 资阳区, clustered
 * around development zones with a rural scatter), no two overlapping, at every
 * lifecycle stage with the records the warning rules read (events, inspections, work
 * packages, temporary use). Everything is marked is_demo. Deterministic for a seed and a day.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/platform/db/client';
import { loadDistrictFeatures } from '../../src/platform/geo/districts';
import { bboxOf, geodesicArea, pointInPolygon, type BBox, type Polygon, type PolygonalGeometry } from '../../src/platform/geo/geometry';
import { newId } from '../../src/platform/ids';
import { custodyInspections, parcelEvents, parcels, reserveProjects, workPackages } from '../../src/modules/parcels/schema';
import { STAGES, type TStage } from '../../src/modules/parcels/stages';
import { Rng, addDays, daysBetween } from '../../src/modules/parcels/demo/random';

export interface BenchDataOptions {
  count: number;
  seed?: number;
  /** YYYY-MM-DD: the timelines end on or before this day. */
  today: string;
  onProgress?: (message: string) => void;
}

export interface BenchDataSummary {
  parcels: number;
  projects: number;
  events: number;
  inspections: number;
  workPackages: number;
  byDistrict: Record<string, number>;
  byStage: Record<TStage, number>;
}

/** Share of the parcels per district (adcode): most in the two city districts. */
const DISTRICT_SHARE: Record<string, number> = {
  '430903': 0.32, // 赫山区
  '430902': 0.2, // 资阳区
  '430981': 0.13, // 沅江市
  '430922': 0.12, // 桃江县
  '430921': 0.12, // 南县
  '430923': 0.11, // 安化县
};
const DISTRICT_SHORT: Record<string, string> = { '430902': '资', '430903': '赫', '430921': '南', '430922': '桃', '430923': '安', '430981': '沅' };
const STAGE_SHARE: Record<TStage, number> = { 拟收储: 0.12, 收储中: 0.16, 已入库: 0.18, 前期开发: 0.14, 可供应: 0.14, 已供应: 0.22, 终止: 0.04 };
const USE_SHARE = { 住宅用地: 40, 商服用地: 18, 工业用地: 26, 公共管理与公共服务用地: 10, 交通运输用地: 6 };
const ROUTES = ['收回', '收购', '征收', '优先购买'] as const;
const ROAD_WORDS = ['龙岭', '银城', '康富', '迎宾', '梓山', '会龙', '桃花仑', '资阳', '马良', '长春', '琼湖', '南洲', '东坪', '桃花江', '衡龙', '谢林港'];
const FIRST_DAY = '2016-01-04';
const CELL_DEG = 0.005;
const ZONES_TOTAL = 150;

interface District {
  adcode: string;
  geometry: PolygonalGeometry;
  bbox: BBox;
  center: [number, number];
}

interface Zone {
  centre: [number, number];
  sigma: number;
  weight: number;
  project: { index: number; left: number };
}

const metresPerDegree = (lat: number) => {
  const phi = (lat * Math.PI) / 180;
  return { lat: 111_132.954 - 559.822 * Math.cos(2 * phi), lon: 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) };
};
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = Math.max(rng.float(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
}

/** Star-shaped ring (counter-clockwise, metres around the origin) of n vertices and about `area` m². */
function starRing(rng: Rng, n: number, area: number, scale = 1): [number, number][] {
  const step = (2 * Math.PI) / n;
  const radius = Math.sqrt((2 * area) / (n * Math.sin(step))) * scale;
  const aspect = rng.between(0.7, 1.45);
  const theta = rng.between(0, Math.PI);
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const phi = i * step + rng.between(-0.25, 0.25) * step;
    const r = radius * rng.between(0.82, 1.18);
    const [x, y] = [r * Math.cos(phi) * aspect, (r * Math.sin(phi)) / aspect];
    ring.push([x * c - y * s, x * s + y * c]);
  }
  return ring;
}

function toLonLat(ring: [number, number][], lon0: number, lat0: number, reverse = false): [number, number][] {
  const m = metresPerDegree(lat0);
  const out = ring.map(([x, y]) => [round7(lon0 + x / m.lon), round7(lat0 + y / m.lat)] as [number, number]);
  if (reverse) out.reverse();
  out.push([out[0][0], out[0][1]]);
  return out;
}

type Pt = readonly number[];
type Ring = readonly Pt[];

function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(c, d, a);
  const d2 = o(c, d, b);
  const d3 = o(a, b, c);
  const d4 = o(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function inRing(p: Pt, ring: Ring): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = true;
  }
  return hit;
}

/** Two simple rings overlap when an edge of one crosses an edge of the other or one holds the other. */
function ringsOverlap(a: Ring, b: Ring): boolean {
  for (let i = 0; i < a.length - 1; i++) for (let j = 0; j < b.length - 1; j++) if (segmentsCross(a[i], a[i + 1], b[j], b[j + 1])) return true;
  return inRing(a[0], b) || inRing(b[0], a);
}

/** Outer rings already placed, found through their bounding boxes in a grid of CELL_DEG cells. */
class ParcelIndex {
  private readonly cells = new Map<number, { bbox: BBox; ring: Ring }[]>();

  private *keys(b: BBox): Generator<number> {
    const x0 = Math.floor(b.minLon / CELL_DEG);
    const x1 = Math.floor(b.maxLon / CELL_DEG);
    const y0 = Math.floor(b.minLat / CELL_DEG);
    const y1 = Math.floor(b.maxLat / CELL_DEG);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield x * 100_000 + y;
  }

  /** True when the ring overlaps no placed parcel. */
  free(bbox: BBox, ring: Ring): boolean {
    for (const k of this.keys(bbox)) {
      for (const o of this.cells.get(k) ?? []) {
        const b = o.bbox;
        if (bbox.minLon < b.maxLon && b.minLon < bbox.maxLon && bbox.minLat < b.maxLat && b.minLat < bbox.maxLat && ringsOverlap(ring, o.ring)) return false;
      }
    }
    return true;
  }

  add(bbox: BBox, ring: Ring): void {
    const entry = { bbox, ring };
    for (const k of this.keys(bbox)) {
      const list = this.cells.get(k);
      if (list) list.push(entry);
      else this.cells.set(k, [entry]);
    }
  }
}

const inside = (d: District, lon: number, lat: number) =>
  lon >= d.bbox.minLon && lon <= d.bbox.maxLon && lat >= d.bbox.minLat && lat <= d.bbox.maxLat && pointInPolygon(lon, lat, d.geometry);

function randomPointIn(rng: Rng, d: District): [number, number] {
  for (;;) {
    const lon = rng.between(d.bbox.minLon, d.bbox.maxLon);
    const lat = rng.between(d.bbox.minLat, d.bbox.maxLat);
    if (inside(d, lon, lat)) return [lon, lat];
  }
}

/** Lifecycle path to a final stage and the dates of its events. */
function timeline(rng: Rng, stage: TStage, today: string): { stage: TStage; date: string }[] {
  const order: TStage[] = ['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应'];
  let path: TStage[];
  if (stage === '终止') path = [...order.slice(0, rng.int(1, 2)), '终止'];
  else path = order.slice(0, order.indexOf(stage) + 1);
  const gaps = path.slice(1).map(() => rng.int(25, 420));
  const total = gaps.reduce((a, b) => a + b, 0);
  const room = daysBetween(FIRST_DAY, addDays(today, -3));
  const scale = total > room * 0.9 ? (room * 0.9) / total : 1;
  const scaled = gaps.map((g) => Math.max(1, Math.floor(g * scale)));
  const used = scaled.reduce((a, b) => a + b, 0);
  // Recent stages are more common than old ones: skew the start towards today.
  const start = addDays(FIRST_DAY, Math.floor((room - used) * Math.sqrt(rng.float())));
  const events = [{ stage: path[0], date: start }];
  let d = start;
  scaled.forEach((g, i) => {
    d = addDays(d, g);
    events.push({ stage: path[i + 1], date: d });
  });
  return events;
}

/** Inserts rows in batches sized under the 65,535 bind-parameter limit. */
async function insertBatches<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][], perBatch: number): Promise<void> {
  for (let i = 0; i < rows.length; i += perBatch) {
    await db.insert(table).values(rows.slice(i, i + perBatch) as T['$inferInsert'][]);
  }
}

/** Generates `count` parcels and their records and writes them. */
export async function generateBenchParcels(db: Db, opts: BenchDataOptions): Promise<BenchDataSummary> {
  const rng = new Rng(opts.seed ?? 20_260_501);
  const today = opts.today;
  const log = opts.onProgress ?? (() => {});
  const districts: District[] = loadDistrictFeatures()
    .filter((d) => d.adcode in DISTRICT_SHARE)
    .map((d) => ({ adcode: d.adcode, geometry: d.geometry, bbox: bboxOf(d.geometry), center: [d.centerLon, d.centerLat] }));
  const byCode = new Map(districts.map((d) => [d.adcode, d]));

  // Development zones: a third around each seat, the rest anywhere in the district.
  const zones = new Map<string, Zone[]>();
  const projectRows: (typeof reserveProjects.$inferInsert)[] = [];
  const newProject = (adcode: string, near: string): { index: number; left: number } => {
    const index = projectRows.length;
    const no = String(index + 1).padStart(5, '0');
    projectRows.push({
      id: newId(),
      code: `BENCH-${DISTRICT_SHORT[adcode]}-${no}`,
      name: `${near}片区储备项目${no}`,
      acquisitionRoute: rng.pick(ROUTES),
      zone: near,
      isDemo: true,
    });
    return { index, left: rng.int(8, 45) };
  };
  for (const d of districts) {
    const n = Math.max(4, Math.round(ZONES_TOTAL * DISTRICT_SHARE[d.adcode]));
    const list: Zone[] = [];
    for (let i = 0; i < n; i++) {
      let centre: [number, number];
      if (i < n / 3) {
        do centre = [d.center[0] + gaussian(rng) * 0.06, d.center[1] + gaussian(rng) * 0.05];
        while (!inside(d, centre[0], centre[1]));
      } else centre = randomPointIn(rng, d);
      list.push({ centre, sigma: rng.between(0.015, 0.05), weight: rng.between(0.3, 1) * (i < n / 3 ? 2 : 1), project: newProject(d.adcode, `${rng.pick(ROAD_WORDS)}`) });
    }
    zones.set(d.adcode, list);
  }
  const rural = new Map(districts.map((d) => [d.adcode, newProject(d.adcode, '乡镇')]));

  const index = new ParcelIndex();
  const stageWeights = STAGE_SHARE;
  const parcelRows: (typeof parcels.$inferInsert)[] = [];
  const eventRows: (typeof parcelEvents.$inferInsert)[] = [];
  const inspectionRows: (typeof custodyInspections.$inferInsert)[] = [];
  const workRows: (typeof workPackages.$inferInsert)[] = [];
  const byDistrict: Record<string, number> = {};
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<TStage, number>;

  for (let i = 0; i < opts.count; i++) {
    const adcode = rng.weighted(DISTRICT_SHARE);
    const district = byCode.get(adcode)!;
    const zoneList = zones.get(adcode)!;
    let placed: { geometry: Polygon; bbox: BBox; area: number; zone: Zone | null } | null = null;
    for (let attempt = 0; !placed; attempt++) {
      const inZone = rng.chance(0.82);
      let zone: Zone | null = null;
      let lon0: number;
      let lat0: number;
      if (inZone) {
        const total = zoneList.reduce((s, z) => s + z.weight, 0);
        let r = rng.float() * total;
        zone = zoneList[zoneList.length - 1];
        for (const z of zoneList) {
          r -= z.weight;
          if (r < 0) {
            zone = z;
            break;
          }
        }
        const widen = 1 + attempt / 8;
        lon0 = zone.centre[0] + gaussian(rng) * zone.sigma * widen;
        lat0 = zone.centre[1] + gaussian(rng) * zone.sigma * 0.9 * widen;
      } else [lon0, lat0] = randomPointIn(rng, district);
      // Mostly small parcels, a few large ones: 0.5 ha × 60^(u^6) ∈ [0.5, 30] ha, mean about 2 ha.
      const targetM2 = 5_000 * Math.pow(60, Math.pow(rng.float(), 6)) * (attempt > 60 ? 0.6 : 1);
      const outer = starRing(rng, rng.int(4, 12), targetM2);
      const rings = [toLonLat(outer, lon0, lat0)];
      if (targetM2 > 40_000 && rng.chance(0.05)) rings.push(toLonLat(starRing(rng, 4, targetM2 * 0.03), lon0, lat0, true));
      const geometry: Polygon = { type: 'Polygon', coordinates: rings };
      const bbox = bboxOf(geometry);
      if (!index.free(bbox, rings[0])) continue;
      const corners: [number, number][] = [
        [bbox.minLon, bbox.minLat],
        [bbox.maxLon, bbox.minLat],
        [bbox.maxLon, bbox.maxLat],
        [bbox.minLon, bbox.maxLat],
      ];
      if (!corners.every(([x, y]) => inside(district, x, y))) continue;
      const area = geodesicArea(geometry);
      if (area < 5_000 || area > 300_000) continue;
      placed = { geometry, bbox, area, zone };
    }
    index.add(placed.bbox, placed.geometry.coordinates[0]);

    const stage = rng.weighted(stageWeights);
    const events = timeline(rng, stage, today);
    const id = newId();
    const first = events[0].date;
    const last = events[events.length - 1];
    const reserved = events.find((e) => e.stage === '已入库')?.date ?? null;
    const holder = placed.zone ? placed.zone.project : rural.get(adcode)!;
    let project = holder;
    if (project.left <= 0) {
      const fresh = newProject(adcode, projectRows[holder.index].zone ?? '乡镇');
      if (placed.zone) placed.zone.project = fresh;
      else rural.set(adcode, fresh);
      project = fresh;
    }
    project.left--;
    const custodyStage = stage === '已入库' || stage === '前期开发' || stage === '可供应';
    const custodyMode = custodyStage ? rng.weighted({ 自管: 60, 委托: 25, 临时利用: 15 }) : null;
    let tempUseStart: string | null = null;
    let tempUseEnd: string | null = null;
    if (custodyMode === '临时利用' && reserved) {
      tempUseStart = addDays(reserved, rng.int(10, Math.max(11, daysBetween(reserved, today))));
      if (tempUseStart > today) tempUseStart = today;
      tempUseEnd = addDays(tempUseStart, rng.int(180, 900));
    }
    const no = String(i + 1).padStart(6, '0');
    const center = [round7((placed.bbox.minLon + placed.bbox.maxLon) / 2), round7((placed.bbox.minLat + placed.bbox.maxLat) / 2)];
    parcelRows.push({
      id,
      code: `BJ${first.slice(0, 4)}-${no}`,
      name: `${DISTRICT_SHORT[adcode]}${rng.pick(ROAD_WORDS)}路${(i % 97) + 1}号地块`,
      districtCode: adcode,
      projectId: projectRows[project.index].id!,
      geometry: placed.geometry,
      minLon: placed.bbox.minLon,
      minLat: placed.bbox.minLat,
      maxLon: placed.bbox.maxLon,
      maxLat: placed.bbox.maxLat,
      centerLon: center[0],
      centerLat: center[1],
      areaM2: placed.area.toFixed(2),
      plannedUse: rng.weighted(USE_SHARE),
      custodyMode,
      custodian: custodyMode === '委托' ? '益阳市城市建设投资运营集团' : null,
      tempUseStart,
      tempUseEnd,
      stage,
      stageSince: last.date,
      isDemo: true,
      createdAt: new Date(`${first}T09:00:00+08:00`),
    });
    events.forEach((e, k) =>
      eventRows.push({ parcelId: id, seq: k + 1, fromStage: k === 0 ? null : events[k - 1].stage, toStage: e.stage, eventDate: e.date, actorName: '基准测试' }),
    );
    if (reserved && stage !== '终止') {
      // Patrols since entry into the reserve: some parcels never, most every few months.
      const end = stage === '已供应' ? last.date : today;
      if (!rng.chance(0.12)) {
        let d = addDays(reserved, rng.int(20, 150));
        for (let k = 0; k < 6 && d <= end; k++) {
          inspectionRows.push({ parcelId: id, inspectedOn: d, inspector: '管护巡查组', findings: rng.chance(0.1) ? '发现少量建筑垃圾' : '未见异常' });
          d = addDays(d, rng.int(40, 260));
        }
      }
    }
    const devStart = events.find((e) => e.stage === '前期开发')?.date;
    if (devStart) {
      const devEnd = events.find((e) => e.stage === '可供应')?.date ?? today;
      const span = Math.max(0, daysBetween(devStart, devEnd));
      for (let k = rng.int(1, 3); k > 0; k--) {
        const updated = addDays(devStart, rng.int(0, span));
        workRows.push({ parcelId: id, workType: rng.pick(['道路', '供水', '供电', '平整', '围挡']), contractAmount: String(rng.int(20, 800) * 1000), progress: devEnd === today ? rng.int(10, 95) : 100, startedOn: devStart, updatedOn: updated, acceptedOn: devEnd === today ? null : devEnd });
      }
    }
    byDistrict[adcode] = (byDistrict[adcode] ?? 0) + 1;
    byStage[stage]++;
    if ((i + 1) % 20_000 === 0) log(`已生成 ${i + 1} 个地块`);
  }

  log(`写入 ${projectRows.length} 个项目、${parcelRows.length} 个地块……`);
  await insertBatches(db, reserveProjects, projectRows, 1_000);
  await insertBatches(db, parcels, parcelRows, 500);
  log(`写入 ${eventRows.length} 条流转记录、${inspectionRows.length} 条巡查、${workRows.length} 个工作包……`);
  await insertBatches(db, parcelEvents, eventRows, 2_000);
  await insertBatches(db, custodyInspections, inspectionRows, 2_000);
  await insertBatches(db, workPackages, workRows, 1_500);
  return {
    parcels: parcelRows.length,
    projects: projectRows.length,
    events: eventRows.length,
    inspections: inspectionRows.length,
    workPackages: workRows.length,
    byDistrict,
    byStage,
  };
}
