import 'server-only';
import { createArchiveFor } from '@/modules/archives/store';
import Decimal from 'decimal.js';
import { and, eq, ne } from 'drizzle-orm';
import { defineMutation, fail, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { findDistrictAt } from '@/platform/geo/districts';
import { districts } from '@/platform/geo/schema';
import { bboxOf, geodesicArea, isPolygonalGeometry, pointInPolygon, type BBox, type LinearRing, type PolygonalGeometry } from '@/platform/geo/geometry';
import { todayInShanghai } from '@/ui/format';
import { parcelEvents, parcels, reserveProjects } from './schema';
import { keepHazardReasons, ZCreateParcel, ZUpdateParcel } from './validation';
import type { THazardResult } from './stages';

const OBJECT_TYPE = '地块';
const PERMISSION = 'parcel:edit';
/** Sanity bound: a parcel larger than this is a coordinate mistake (10,000 公顷 = 100 km²). */
const MAX_AREA_M2 = 100_000_000;

export const OUTSIDE_CITY = '地块不在益阳市范围内';
export const STALE_VERSION = '地块已被他人修改，请刷新后重试';
export const codeTakenMessage = (code: string) => `地块编号 ${code} 已存在`;

type TParcelFields = Omit<ReturnType<typeof ZCreateParcel.parse>, 'boundary'>;

export interface BoundaryFacts extends BBox {
  centerLon: number;
  centerLat: number;
  areaM2: string;
  districtCode: string;
  districtName: string;
}

function polygonsOf(g: PolygonalGeometry): readonly (readonly LinearRing[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * A point inside the polygon: the midpoint of the widest stretch of the horizontal line through
 * the middle of its bbox that lies inside (even-odd over all rings, so holes are skipped).
 */
function interiorPointOf(rings: readonly LinearRing[]): [number, number] {
  const box = bboxOf({ type: 'Polygon', coordinates: rings });
  const lat = (box.minLat + box.maxLat) / 2;
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat) xs.push(xi + ((lat - yi) * (xj - xi)) / (yj - yi));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] = [(box.minLon + box.maxLon) / 2, lat];
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1] - xs[k] > width) {
      width = xs[k + 1] - xs[k];
      best = [(xs[k] + xs[k + 1]) / 2, lat];
    }
  }
  return best;
}

/** The centre stored with the parcel: the bbox centre when it lies inside, else a point inside the largest part. */
export function centreOf(geometry: PolygonalGeometry): [number, number] {
  const box = bboxOf(geometry);
  const mid: [number, number] = [(box.minLon + box.maxLon) / 2, (box.minLat + box.maxLat) / 2];
  if (pointInPolygon(mid[0], mid[1], geometry)) return mid;
  const parts = polygonsOf(geometry);
  const largest = parts.reduce((a, b) => (geodesicArea({ type: 'Polygon', coordinates: b }) > geodesicArea({ type: 'Polygon', coordinates: a }) ? b : a));
  return interiorPointOf(largest);
}

/** What the server derives from a boundary: bbox, centre, area (m², 2 decimals) and district. */
export async function deriveBoundaryFacts(tx: Tx, geometry: PolygonalGeometry): Promise<BoundaryFacts> {
  const area = geodesicArea(geometry);
  if (area > MAX_AREA_M2) fail('地块面积超过 10000 公顷，请检查边界坐标', 'INVALID_INPUT');
  const [centerLon, centerLat] = centreOf(geometry);
  const district = await findDistrictAt(tx, centerLon, centerLat);
  if (!district) fail(OUTSIDE_CITY, 'INVALID_INPUT');
  return {
    ...bboxOf(geometry),
    centerLon,
    centerLat,
    areaM2: new Decimal(area).toFixed(2),
    districtCode: district.adcode,
    districtName: district.name,
  };
}

async function requireProject(tx: Tx, projectId: string, allowClosed: boolean): Promise<{ code: string; name: string }> {
  const [project] = await tx
    .select({ code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, projectId));
  if (!project) fail('所选项目不存在，请刷新后重新选择', 'NOT_FOUND');
  if (project.status === 'closed' && !allowClosed) fail(`项目 ${project.code} 已关闭，不能再添加地块`);
  return project;
}

async function requireFreeCode(tx: Tx, code: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: parcels.id })
    .from(parcels)
    .where(exceptId ? and(eq(parcels.code, code), ne(parcels.id, exceptId)) : eq(parcels.code, code));
  if (taken) fail(codeTakenMessage(code), 'CONFLICT', { code: codeTakenMessage(code) });
}

/** The columns a form writes (stage, version and custody are never touched here). */
function columnsOf(fields: TParcelFields, geometry: PolygonalGeometry, facts: BoundaryFacts) {
  const input = keepHazardReasons(fields);
  return {
    code: input.code,
    name: input.name,
    supervisionNo: input.supervisionNo,
    location: input.location,
    projectId: input.projectId,
    currentUse: input.currentUse,
    plannedUse: input.plannedUse,
    plotRatio: input.plotRatio,
    servicing: input.servicing,
    titleCertNo: input.titleCertNo,
    titleRegisteredOn: input.titleRegisteredOn,
    hazardSoil: input.hazardSoil,
    hazardRelics: input.hazardRelics,
    hazardMinerals: input.hazardMinerals,
    hazardFlood: input.hazardFlood,
    hazardGeology: input.hazardGeology,
    hazardSoilReason: input.hazardSoilReason,
    hazardRelicsReason: input.hazardRelicsReason,
    hazardMineralsReason: input.hazardMineralsReason,
    hazardFloodReason: input.hazardFloodReason,
    hazardGeologyReason: input.hazardGeologyReason,
    soilKeySupervised: input.soilKeySupervised,
    acquisitionDocNo: input.acquisitionDocNo,
    geometry,
    minLon: facts.minLon,
    minLat: facts.minLat,
    maxLon: facts.maxLon,
    maxLat: facts.maxLat,
    centerLon: facts.centerLon,
    centerLat: facts.centerLat,
    areaM2: facts.areaM2,
    districtCode: facts.districtCode,
  };
}

function boundarySummary(geometry: PolygonalGeometry | null, areaM2: string): string {
  if (!geometry) return '（无）';
  const vertices = polygonsOf(geometry).reduce((n, p) => n + p.reduce((m, r) => m + r.length - 1, 0), 0);
  return `${geometry.type === 'Polygon' ? '单面' : `${geometry.coordinates.length} 个面`}，${vertices} 个顶点，${areaM2} 平方米`;
}

/** Audit snapshot: the form's fields plus the derived ones, without the raw geometry. */
function snapshotOf(
  fields: TParcelFields & { project: string; district: string | null; areaM2: string; boundary: string },
): Record<string, unknown> {
  const v = keepHazardReasons(fields);
  return {
    code: v.code,
    name: v.name,
    supervisionNo: v.supervisionNo,
    location: v.location,
    project: v.project,
    district: v.district,
    areaM2: v.areaM2,
    boundary: v.boundary,
    currentUse: v.currentUse,
    plannedUse: v.plannedUse,
    plotRatio: v.plotRatio,
    servicing: v.servicing,
    titleCertNo: v.titleCertNo,
    titleRegisteredOn: v.titleRegisteredOn,
    hazardSoil: v.hazardSoil,
    hazardRelics: v.hazardRelics,
    hazardMinerals: v.hazardMinerals,
    hazardFlood: v.hazardFlood,
    hazardGeology: v.hazardGeology,
    hazardSoilReason: v.hazardSoilReason,
    hazardRelicsReason: v.hazardRelicsReason,
    hazardMineralsReason: v.hazardMineralsReason,
    hazardFloodReason: v.hazardFloodReason,
    hazardGeologyReason: v.hazardGeologyReason,
    soilKeySupervised: v.soilKeySupervised,
    acquisitionDocNo: v.acquisitionDocNo,
  };
}

/** What registering a parcel needs; the optional fields default to empty / 未查. */
export interface TRegisterParcel extends Partial<Omit<TParcelFields, 'code' | 'name' | 'projectId'>> {
  code: string;
  name: string;
  projectId: string;
  /** A checked, clean boundary (the form's zod schema or the import library's ring checks). */
  boundary: PolygonalGeometry;
  /** Note on the first lifecycle event (default 「登记地块」). */
  note?: string | null;
}

/**
 * Registers one parcel inside the caller's mutation: refuses a closed or unknown project, a taken
 * code and a boundary outside 益阳; derives area, bbox, centre and district; starts the parcel at
 * 拟收储 today with its first lifecycle event; audits it as 新建地块. Used by 新建地块 and by the
 * batch boundary import (one transaction for the whole file).
 */
export async function registerParcel(ctx: MutationContext, input: TRegisterParcel): Promise<{ id: string }> {
  const { tx, actor } = ctx;
  const { boundary, note, ...rest } = input;
  const fields: TParcelFields = {
    supervisionNo: null,
    location: null,
    currentUse: null,
    plannedUse: null,
    plotRatio: null,
    servicing: null,
    titleCertNo: null,
    titleRegisteredOn: null,
    hazardSoil: '未查',
    hazardRelics: '未查',
    hazardMinerals: '未查',
    hazardFlood: '未查',
    hazardGeology: '未查',
    hazardSoilReason: null,
    hazardRelicsReason: null,
    hazardMineralsReason: null,
    hazardFloodReason: null,
    hazardGeologyReason: null,
    soilKeySupervised: false,
    acquisitionDocNo: null,
    ...rest,
  };
  if (!isPolygonalGeometry(boundary)) fail(`地块 ${fields.code} 的边界无效`, 'INVALID_INPUT');
  const project = await requireProject(tx, fields.projectId, false);
  await requireFreeCode(tx, fields.code);
  const facts = await deriveBoundaryFacts(tx, boundary);
  const today = todayInShanghai();
  let id: string;
  try {
    [{ id }] = await tx
      .insert(parcels)
      .values({ ...columnsOf(fields, boundary, facts), stage: '拟收储', stageSince: today, version: 1, createdBy: actor.userId })
      .returning({ id: parcels.id });
  } catch (e) {
    // Someone registered the same code a moment ago.
    if (isUniqueViolation(e)) fail(codeTakenMessage(fields.code), 'CONFLICT', { code: codeTakenMessage(fields.code) });
    throw e;
  }
  // 一地一档: the parcel's archive is made with it.
  await createArchiveFor(tx, { ownerType: '地块', ownerId: id, code: fields.code, name: fields.name });
  await tx.insert(parcelEvents).values({
    parcelId: id,
    seq: 1,
    fromStage: null,
    toStage: '拟收储',
    eventDate: today,
    actorId: actor.userId,
    actorName: actor.displayName,
    note: note ?? '登记地块',
  });
  await ctx.audit({
    action: '新建地块',
    objectType: OBJECT_TYPE,
    objectId: id,
    before: null,
    after: {
      ...snapshotOf({
        ...fields,
        project: `${project.code} ${project.name}`,
        district: facts.districtName,
        areaM2: facts.areaM2,
        boundary: boundarySummary(boundary, facts.areaM2),
      }),
      stage: '拟收储',
      stageSince: today,
    },
    message: `新建地块 ${fields.code}（${facts.districtName}，${facts.areaM2} 平方米）${note ? `：${note}` : ''}`,
  });
  return { id };
}

/** 新建地块 from the form. */
export const createParcel = defineMutation({
  name: '新建地块',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZCreateParcel,
  run: (ctx, input) => registerParcel(ctx, input),
});

async function loadForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select().from(parcels).where(eq(parcels.id, id)).for('update');
  if (!row) fail('地块不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return row;
}

/**
 * 修改地块: optimistic concurrency on `version` (the form carries the version it was opened
 * with); the stage and its events are never changed here.
 */
export const updateParcel = defineMutation({
  name: '修改地块',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZUpdateParcel,
  async run(ctx, input) {
    const { tx } = ctx;
    const { id, version, boundary, ...fields } = input;
    const before = await loadForUpdate(tx, id);
    if (before.version !== version) fail(STALE_VERSION, 'CONFLICT');
    if (fields.code !== before.code) await requireFreeCode(tx, fields.code, id);
    const oldProject = await requireProject(tx, before.projectId, true);
    const project = fields.projectId === before.projectId ? oldProject : await requireProject(tx, fields.projectId, false);
    const facts = await deriveBoundaryFacts(tx, boundary);
    let updated: { id: string }[];
    try {
      updated = await tx
        .update(parcels)
        .set({ ...columnsOf(fields, boundary, facts), version: version + 1 })
        .where(and(eq(parcels.id, id), eq(parcels.version, version)))
        .returning({ id: parcels.id });
    } catch (e) {
      if (isUniqueViolation(e)) fail(codeTakenMessage(fields.code), 'CONFLICT', { code: codeTakenMessage(fields.code) });
      throw e;
    }
    if (!updated.length) fail(STALE_VERSION, 'CONFLICT');

    const oldDistrict = before.districtCode ? await findDistrictName(tx, before.districtCode) : null;
    const oldGeometry = before.geometry as PolygonalGeometry | null;
    await ctx.audit({
      action: '修改地块',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: snapshotOf({
        ...before,
        hazardSoil: before.hazardSoil as THazardResult,
        hazardRelics: before.hazardRelics as THazardResult,
        hazardMinerals: before.hazardMinerals as THazardResult,
        hazardFlood: before.hazardFlood as THazardResult,
        hazardGeology: before.hazardGeology as THazardResult,
        project: `${oldProject.code} ${oldProject.name}`,
        district: oldDistrict,
        boundary: boundarySummary(oldGeometry, before.areaM2),
      }),
      after: snapshotOf({
        ...fields,
        project: `${project.code} ${project.name}`,
        district: facts.districtName,
        areaM2: facts.areaM2,
        boundary: boundarySummary(boundary, facts.areaM2),
      }),
      message: `修改地块 ${fields.code}`,
    });
    return { id, version: version + 1 };
  },
});

async function findDistrictName(tx: Tx, adcode: string): Promise<string> {
  const [d] = await tx.select({ name: districts.name }).from(districts).where(eq(districts.adcode, adcode));
  return d?.name ?? adcode;
}
