import { STAGES } from '@/modules/parcels/stages';
import type { PersonLabel } from '@/platform/auth/people';
import { dec, formatHectares, formatM2, formatMu, formatWan, formatYuan, yuanToWan } from '@/modules/plans/amounts';
import { planOptionLabel } from '@/modules/plans/view';
import type { PlanOption } from '@/modules/plans/queries';
import type { ProjectEventRow, ProjectListRow, ProjectParcelRow, ProjectRow, StageTotal } from './queries';
import { FINISHED_STAGES, PROJECT_STATUS_LABELS, type TProjectStatus } from './validation';

/** Plain, serialisable shapes the project pages hand to their client islands. */

export interface ProjectFormValues {
  code: string;
  name: string;
  zone: string;
  planId: string;
  acquisitionRoute: string;
  implDocNo: string;
  /** 万元 */
  estimatedCost: string;
  /** 万元 */
  expectedIncome: string;
  nationalCode: string;
  note: string;
}

export interface PlanLink {
  id: string;
  /** Years, type, title and version (selects, the detail page). */
  label: string;
  /** Title and version only (list cells). */
  shortLabel: string;
  superseded: boolean;
}

export interface ProjectRowView {
  id: string;
  code: string;
  name: string;
  zone: string | null;
  plan: PlanLink | null;
  acquisitionRoute: string;
  /** 元 (the list shows 万元) */
  estimatedCost: string;
  /** 元 */
  expectedIncome: string;
  status: TProjectStatus;
  statusLabel: string;
  parcelCount: number;
  /** m² (the list shows 亩) */
  parcelAreaM2: string;
  /** 「1,234.56 平方米 / 0.1235 公顷」 for the area's tooltip. */
  parcelAreaTip: string;
  isDemo: boolean;
}

function planLink(plan: PlanOption | null): PlanLink | null {
  if (!plan) return null;
  const superseded = plan.status === 'superseded';
  const shortLabel = `${plan.title}${plan.version > 1 ? `（第 ${plan.version} 版）` : ''}${superseded ? '（历史版本）' : ''}`;
  return { id: plan.id, label: planOptionLabel(plan), shortLabel, superseded };
}

export function toProjectRowView(r: ProjectListRow): ProjectRowView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    zone: r.zone,
    plan: planLink(r.plan),
    acquisitionRoute: r.acquisitionRoute,
    estimatedCost: r.estimatedCost,
    expectedIncome: r.expectedIncome,
    status: r.status,
    statusLabel: PROJECT_STATUS_LABELS[r.status],
    parcelCount: r.parcelCount,
    parcelAreaM2: r.parcelArea,
    parcelAreaTip: `${formatM2(r.parcelArea)} 平方米 / ${formatHectares(r.parcelArea)} 公顷`,
    isDemo: r.isDemo,
  };
}

export function toProjectFormValues(p: ProjectRow): ProjectFormValues {
  return {
    code: p.code,
    name: p.name,
    zone: p.zone ?? '',
    planId: p.planId ?? '',
    acquisitionRoute: p.acquisitionRoute,
    implDocNo: p.implDocNo ?? '',
    estimatedCost: yuanToWan(p.estimatedCost),
    expectedIncome: yuanToWan(p.expectedIncome),
    nationalCode: p.nationalCode ?? '',
    note: p.note ?? '',
  };
}

export interface ProjectFactsView {
  id: string;
  code: string;
  name: string;
  zone: string | null;
  plan: PlanLink | null;
  acquisitionRoute: string;
  implDocNo: string | null;
  estimatedCost: string;
  expectedIncome: string;
  nationalCode: string | null;
  note: string | null;
  status: TProjectStatus;
  statusLabel: string;
  isDemo: boolean;
}

const moneyText = (yuan: string) => `${formatWan(yuan)} 万元（${formatYuan(yuan)} 元）`;

export function toProjectFactsView(p: ProjectRow, plan: PlanOption | null): ProjectFactsView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    zone: p.zone,
    plan: planLink(plan),
    acquisitionRoute: p.acquisitionRoute,
    implDocNo: p.implDocNo,
    estimatedCost: moneyText(p.estimatedCost),
    expectedIncome: moneyText(p.expectedIncome),
    nationalCode: p.nationalCode,
    note: p.note,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    isDemo: p.isDemo,
  };
}

export interface ProjectTotalsView {
  parcelCount: number;
  /** Parcels not yet supplied or cancelled. */
  openCount: number;
  /** m², unformatted (the kit's area columns format it) */
  area: string;
  areaM2: string;
  areaMu: string;
  areaHa: string;
  /** `area`: m², unformatted. */
  byStage: { stage: string; count: number; areaMu: string; area: string }[];
}

export function toProjectTotalsView(totals: StageTotal[]): ProjectTotalsView {
  const known = new Map(totals.map((t) => [t.stage, t]));
  let area = dec(0);
  let count = 0;
  let open = 0;
  for (const t of totals) {
    area = area.add(dec(t.area));
    count += t.count;
    if (!FINISHED_STAGES.includes(t.stage)) open += t.count;
  }
  const order = [...STAGES, ...totals.map((t) => t.stage).filter((s) => !(STAGES as readonly string[]).includes(s))];
  const areaStr = area.toFixed(2);
  return {
    parcelCount: count,
    openCount: open,
    area: areaStr,
    areaM2: formatM2(areaStr),
    areaMu: formatMu(areaStr),
    areaHa: formatHectares(areaStr),
    byStage: order.map((stage) => ({ stage, count: known.get(stage)?.count ?? 0, areaMu: formatMu(known.get(stage)?.area ?? '0'), area: known.get(stage)?.area ?? '0' })),
  };
}

export interface ProjectParcelView {
  id: string;
  code: string;
  name: string;
  stage: string;
  stageSince: string;
  /** m², unformatted */
  areaM2: string;
  /** 「… 平方米 / … 公顷」 for the area's tooltip. */
  areaTip: string;
  district: string | null;
}

export function toProjectParcelView(p: ProjectParcelRow): ProjectParcelView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    stage: p.stage,
    stageSince: p.stageSince,
    areaM2: p.areaM2,
    areaTip: `${formatM2(p.areaM2)} 平方米 / ${formatHectares(p.areaM2)} 公顷`,
    district: p.districtName,
  };
}

export interface ProjectEventView {
  id: string;
  parcelId: string;
  parcelCode: string;
  parcelName: string;
  transition: string;
  eventDate: string;
  actor: PersonLabel | null;
  /** 元, unformatted (the overview shows 万元) */
  amount: string | null;
  docNo: string | null;
  reason: string | null;
}

export function toProjectEventView(e: ProjectEventRow): ProjectEventView {
  return {
    id: e.id,
    parcelId: e.parcelId,
    parcelCode: e.parcelCode,
    parcelName: e.parcelName,
    transition: e.fromStage ? `${e.fromStage} → ${e.toStage}` : e.toStage,
    eventDate: e.eventDate,
    actor: e.actor,
    amount: e.amount,
    docNo: e.docNo,
    reason: e.reason,
  };
}
