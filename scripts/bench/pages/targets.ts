/**
 * The pages bench:pages measures and the targets of issue 12 ("Targets"):
 *   shell-only page ≥ 0.5 of the bare page;
 *   list pages ≥ 0.3 with p97.5 ≤ 100 ms, and a 20-row list page ≤ 60 KB of HTML;
 *   overview pages ≥ 0.2 with p97.5 ≤ 150 ms;
 *   cached map tile with a session ≥ 0.6 of a bare route handler returning the same bytes.
 */
import type { BenchTargets } from './app-db';

export type PageKind = 'shell' | 'list' | 'overview' | 'tile';

/** Demo users: no built-in role sees every page (three-admin separation), so each page names its user. */
export type BenchUser = 'leader' | 'sysadmin' | 'auditadmin';
export const BENCH_USERS: BenchUser[] = ['leader', 'sysadmin', 'auditadmin'];

export interface PageSpec {
  key: string;
  kind: PageKind;
  path: string;
  user: BenchUser;
  /** The document title (metadata `title`): `<title>{title} - 土地储备全生命周期管理系统</title>`. */
  title?: string;
  /** More text the page must contain (the object's code on a detail page). */
  contains?: string[];
}

export interface Target {
  minRatio: number;
  maxP975Ms?: number;
  maxHtmlKb?: number;
}

export const TARGETS: Record<PageKind, Target> = {
  shell: { minRatio: 0.5 },
  list: { minRatio: 0.3, maxP975Ms: 100, maxHtmlKb: 60 },
  overview: { minRatio: 0.2, maxP975Ms: 150 },
  tile: { minRatio: 0.6 },
};

export const APP_TITLE_SUFFIX = ' - 土地储备全生命周期管理系统';

/** Keys of the measured pages, in the order measured (for --only). */
export const PAGE_KEYS = ['shell', 'parcels', 'projects', 'plans', 'ledger', 'users', 'audit', 'documents', 'incoming', 'contracts', 'archives', 'workbench', 'funds', 'bond', 'project', 'tile'] as const;

export function benchPages(t: BenchTargets): PageSpec[] {
  return [
    { key: 'shell', kind: 'shell', path: '/profile/password', user: 'leader', title: '修改密码' },
    { key: 'parcels', kind: 'list', path: '/parcels', user: 'leader', title: '地块' },
    { key: 'projects', kind: 'list', path: '/projects', user: 'leader', title: '储备项目' },
    { key: 'plans', kind: 'list', path: '/plans', user: 'leader', title: '储备计划' },
    { key: 'ledger', kind: 'list', path: '/funds/ledger', user: 'leader', title: '收支台账' },
    { key: 'users', kind: 'list', path: '/admin/users', user: 'sysadmin', title: '用户管理' },
    { key: 'audit', kind: 'list', path: '/admin/audit', user: 'auditadmin', title: '审计日志' },
    { key: 'documents', kind: 'list', path: '/documents', user: 'leader', title: '发文' },
    { key: 'incoming', kind: 'list', path: '/documents/incoming', user: 'leader', title: '收文' },
    { key: 'contracts', kind: 'list', path: '/contracts', user: 'leader', title: '合同台账' },
    { key: 'archives', kind: 'list', path: '/archives', user: 'leader', title: '档案检索' },
    { key: 'workbench', kind: 'overview', path: '/workbench', user: 'leader', title: '工作台' },
    { key: 'funds', kind: 'overview', path: '/funds', user: 'leader', title: '资金总览' },
    { key: 'bond', kind: 'overview', path: `/funds/bonds/${t.bond.id}`, user: 'leader', title: '专项债券详情', contains: [t.bond.code] },
    { key: 'project', kind: 'overview', path: `/projects/${t.project.id}`, user: 'leader', title: '项目详情', contains: [t.project.code] },
    { key: 'tile', kind: 'tile', path: `/api/tiles/parcels/${t.tile.z}/${t.tile.x}/${t.tile.y}`, user: 'leader' },
  ];
}

/** What a page's body must contain, and what it must not (the login page). */
export function pageBodyProblem(spec: PageSpec, body: string): string | null {
  if (body.includes(`<title>登录${APP_TITLE_SUFFIX}</title>`)) return '返回的是登录页';
  if (spec.title && !body.includes(`<title>${spec.title}${APP_TITLE_SUFFIX}</title>`)) return `页面标题不是“${spec.title}”`;
  for (const text of spec.contains ?? []) if (!body.includes(text)) return `页面中没有“${text}”`;
  return null;
}

export function describeTarget(kind: PageKind): string {
  const t = TARGETS[kind];
  const parts = [`≥${t.minRatio}`];
  if (t.maxP975Ms !== undefined) parts.push(`p97.5 ≤${t.maxP975Ms} ms`);
  if (t.maxHtmlKb !== undefined) parts.push(`≤${t.maxHtmlKb} KB`);
  return parts.join(', ');
}

/** The targets a measured page misses (empty: it meets them all). */
export function targetMisses(kind: PageKind, m: { ratio: number; p975: number; htmlKb: number }): string[] {
  const t = TARGETS[kind];
  const misses: string[] = [];
  if (!Number.isFinite(m.p975)) return ['no request completed within the run'];
  if (!(m.ratio >= t.minRatio)) misses.push(`ratio ${m.ratio.toFixed(2)} < ${t.minRatio}`);
  if (t.maxP975Ms !== undefined && !(m.p975 <= t.maxP975Ms)) misses.push(`p97.5 ${Math.round(m.p975)} ms > ${t.maxP975Ms}`);
  if (t.maxHtmlKb !== undefined && !(m.htmlKb <= t.maxHtmlKb)) misses.push(`HTML ${m.htmlKb.toFixed(1)} KB > ${t.maxHtmlKb}`);
  return misses;
}
