import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { districts } from '@/platform/geo/schema';
import { withActors, type PersonLabel } from '@/platform/auth/people';
import { parcelEvents, parcels, reserveProjects } from '@/modules/parcels/schema';
import { planGroupIds, plansByIds, type PlanOption } from '@/modules/plans/queries';
import type { TProjectFilter, TProjectStatus } from './validation';

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  zone: string | null;
  planId: string | null;
  acquisitionRoute: string;
  implDocNo: string | null;
  estimatedCost: string;
  expectedIncome: string;
  nationalCode: string | null;
  status: TProjectStatus;
  note: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const projectColumns = {
  id: reserveProjects.id,
  code: reserveProjects.code,
  name: reserveProjects.name,
  zone: reserveProjects.zone,
  planId: reserveProjects.planId,
  acquisitionRoute: reserveProjects.acquisitionRoute,
  implDocNo: reserveProjects.implDocNo,
  estimatedCost: reserveProjects.estimatedCost,
  expectedIncome: reserveProjects.expectedIncome,
  nationalCode: reserveProjects.nationalCode,
  status: reserveProjects.status,
  note: reserveProjects.note,
  isDemo: reserveProjects.isDemo,
  createdAt: reserveProjects.createdAt,
  updatedAt: reserveProjects.updatedAt,
};

export interface ProjectListRow extends ProjectRow {
  plan: PlanOption | null;
  parcelCount: number;
  /** m² */
  parcelArea: string;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Parcel count and total area per project (a grouped second query instead of a join). */
async function parcelTotalsOf(db: Db, projectIds: string[]): Promise<Map<string, { count: number; area: string }>> {
  const out = new Map<string, { count: number; area: string }>();
  if (!projectIds.length) return out;
  const rows = await db
    .select({ projectId: parcels.projectId, count: count(), area: sql<string>`coalesce(sum(${parcels.areaM2}), 0)` })
    .from(parcels)
    .where(inArray(parcels.projectId, projectIds))
    .groupBy(parcels.projectId);
  for (const r of rows) out.set(r.projectId, { count: Number(r.count), area: String(r.area) });
  return out;
}

function projectOrder(f: TProjectFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  if (f.sort === 'code') return [dir(reserveProjects.code)];
  const column = { created: reserveProjects.createdAt, estimatedCost: reserveProjects.estimatedCost, expectedIncome: reserveProjects.expectedIncome }[f.sort];
  return [dir(column), asc(reserveProjects.code)];
}

/** One page of projects: search code/name/zone, filter by route, plan (any version of it) and status. */
export async function listProjects(db: Db, f: TProjectFilter): Promise<{ rows: ProjectListRow[]; total: number }> {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(reserveProjects.code, pattern), ilike(reserveProjects.name, pattern), ilike(reserveProjects.zone, pattern)));
  }
  if (f.route) parts.push(eq(reserveProjects.acquisitionRoute, f.route));
  if (f.plan) {
    const ids = await planGroupIds(db, f.plan);
    parts.push(ids.length ? inArray(reserveProjects.planId, ids) : sql`false`);
  }
  if (f.status) parts.push(eq(reserveProjects.status, f.status));
  const where = parts.length ? and(...parts) : undefined;

  const [{ total }] = await db.select({ total: count() }).from(reserveProjects).where(where);
  const rows = await db
    .select(projectColumns)
    .from(reserveProjects)
    .where(where)
    .orderBy(...projectOrder(f))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  const [planMap, totals] = await Promise.all([
    plansByIds(
      db,
      rows.flatMap((r) => (r.planId ? [r.planId] : [])),
    ),
    parcelTotalsOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      plan: r.planId ? (planMap.get(r.planId) ?? null) : null,
      parcelCount: totals.get(r.id)?.count ?? 0,
      parcelArea: totals.get(r.id)?.area ?? '0',
    })),
  };
}

export async function getProject(db: Db | Tx, id: string): Promise<ProjectRow | null> {
  const [row] = await db.select(projectColumns).from(reserveProjects).where(eq(reserveProjects.id, id));
  return row ?? null;
}

export interface StageTotal {
  stage: string;
  count: number;
  /** m² */
  area: string;
}

/** Parcels of a project by stage. */
export async function getProjectStageTotals(db: Db | Tx, projectId: string): Promise<StageTotal[]> {
  const rows = await db
    .select({ stage: parcels.stage, count: count(), area: sql<string>`coalesce(sum(${parcels.areaM2}), 0)` })
    .from(parcels)
    .where(eq(parcels.projectId, projectId))
    .groupBy(parcels.stage);
  return rows.map((r) => ({ stage: r.stage, count: Number(r.count), area: String(r.area) }));
}

export interface ProjectParcelRow {
  id: string;
  code: string;
  name: string;
  stage: string;
  stageSince: string;
  areaM2: string;
  districtName: string | null;
}

export const PROJECT_PARCELS_LIMIT = 500;

/** The project's parcels by code (at most PROJECT_PARCELS_LIMIT; the totals count all). */
export async function listProjectParcels(db: Db, projectId: string): Promise<ProjectParcelRow[]> {
  return db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      stageSince: parcels.stageSince,
      areaM2: parcels.areaM2,
      districtName: districts.name,
    })
    .from(parcels)
    .leftJoin(districts, eq(districts.adcode, parcels.districtCode))
    .where(eq(parcels.projectId, projectId))
    .orderBy(asc(parcels.code))
    .limit(PROJECT_PARCELS_LIMIT);
}

export interface ProjectEventRow {
  id: string;
  parcelId: string;
  parcelCode: string;
  parcelName: string;
  fromStage: string | null;
  toStage: string;
  eventDate: string;
  actor: PersonLabel | null;
  amount: string | null;
  docNo: string | null;
  reason: string | null;
}

/** The latest events across the project's parcels. */
export async function listProjectEvents(db: Db, projectId: string, limit = 20): Promise<ProjectEventRow[]> {
  const rows = await db
    .select({
      id: parcelEvents.id,
      parcelId: parcelEvents.parcelId,
      parcelCode: parcels.code,
      parcelName: parcels.name,
      fromStage: parcelEvents.fromStage,
      toStage: parcelEvents.toStage,
      eventDate: parcelEvents.eventDate,
      actorId: parcelEvents.actorId,
      actorName: parcelEvents.actorName,
      amount: parcelEvents.amount,
      docNo: parcelEvents.docNo,
      reason: parcelEvents.reason,
    })
    .from(parcelEvents)
    .innerJoin(parcels, eq(parcels.id, parcelEvents.parcelId))
    .where(eq(parcels.projectId, projectId))
    .orderBy(desc(parcelEvents.eventDate), desc(parcelEvents.createdAt), desc(parcelEvents.seq))
    .limit(limit);
  return withActors(db, rows);
}

/** Active projects to attach a parcel to (for the parcels module's forms). */
export async function listActiveProjectOptions(db: Db): Promise<{ id: string; code: string; name: string }[]> {
  return db
    .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name })
    .from(reserveProjects)
    .where(eq(reserveProjects.status, 'active'))
    .orderBy(asc(reserveProjects.code));
}
