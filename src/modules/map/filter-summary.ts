import { STAGES } from '@/modules/parcels/stages';
import type { MapFilters } from './validation';

/**
 * The active filters in words, as the map's empty-view notice and the exported image show them:
 * 「筛选：环节 已入库、可供应；区县 赫山区；仅看预警」. Client-safe, no I/O.
 */

export interface FilterNames {
  districts: { adcode: string; name: string }[];
  projects: { id: string; code: string; name: string }[];
}

/** One phrase per active filter, in the filter bar's order. */
export function describeMapFilters(f: MapFilters, names: FilterNames): string[] {
  const out: string[] = [];
  if (f.stages.length) out.push(`环节 ${STAGES.filter((s) => f.stages.includes(s)).join('、')}`);
  if (f.district) out.push(`区县 ${names.districts.find((d) => d.adcode === f.district)?.name ?? f.district}`);
  if (f.project) {
    const p = names.projects.find((x) => x.id === f.project);
    out.push(`项目 ${p ? `${p.code} ${p.name}` : f.project}`);
  }
  if (f.year !== undefined) out.push(`登记年度 ${f.year} 年`);
  if (f.use) out.push(`规划用途 ${f.use}`);
  if (f.warn) out.push('仅看预警');
  return out;
}

/** 「筛选：…；…」, or null without an active filter. */
export function filterLine(f: MapFilters, names: FilterNames): string | null {
  const parts = describeMapFilters(f, names);
  return parts.length ? `筛选：${parts.join('；')}` : null;
}
