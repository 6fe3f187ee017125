import type { PermissionHolder } from '@/platform/permissions/check';
import { hasPermission } from '@/platform/permissions/check';
import type { IconName } from './icon-names';

/**
 * The one navigation tree: it drives the side menu, breadcrumbs, page titles, the workbench's
 * module list and permission filtering. Only pages that work are listed.
 */
export interface NavItem {
  key: string;
  title: string;
  path?: string;
  icon?: IconName;
  /** The permission that shows the entry; a list: any one of them. */
  permission?: string | readonly string[];
  description?: string;
  children?: NavItem[];
}

export const NAVIGATION: NavItem[] = [
  { key: 'workbench', title: '工作台', path: '/workbench', icon: 'dashboard', permission: 'workbench:view', description: '我的待办、通知和常用入口' },
  {
    key: 'implementation',
    title: '计划实施',
    icon: 'layers',
    children: [
      { key: 'plans', title: '储备计划', path: '/plans', icon: 'calendar', permission: 'plan:view', description: '年度计划、三年滚动计划及其完成情况' },
      { key: 'projects', title: '储备项目', path: '/projects', icon: 'folder', permission: 'project:view', description: '储备项目、收储方式与投入产出' },
      { key: 'parcels', title: '地块', path: '/parcels', icon: 'location', permission: 'parcel:view', description: '地块台账、全生命周期流转与预警' },
      { key: 'map', title: '挂图作战', path: '/map', icon: 'location', permission: 'parcel:view', description: '全部地块的位置、环节与预警一图掌握' },
    ],
  },
  {
    key: 'funds',
    title: '资金管理',
    icon: 'money',
    children: [
      { key: 'funds-overview', title: '资金总览', path: '/funds', icon: 'chart-bar', permission: 'fund:view', description: '收支、来源、类别、月度流量与账户、债券余额' },
      { key: 'ledger', title: '收支台账', path: '/funds/ledger', icon: 'bill', permission: 'fund:view', description: '收入与支出登记、审核审批与冲销' },
      { key: 'budgets', title: '预算执行', path: '/funds/budgets', icon: 'calendar', permission: 'fund:view', description: '项目全生命周期预算、年度预算与执行率' },
      { key: 'fund-projects', title: '项目资金', path: '/funds/projects', icon: 'folder', permission: 'fund:view', description: '各项目预算、到位、支出、承诺与结余' },
      { key: 'bonds', title: '专项债券', path: '/funds/bonds', icon: 'currency-exchange', permission: 'fund:view', description: '债券分配、还本付息与覆盖倍数' },
      { key: 'accounts', title: '资金账户', path: '/funds/accounts', icon: 'wallet', permission: 'fund:view', description: '资金来源与账户余额' },
      { key: 'fund-report', title: '资金执行情况表', path: '/funds/report', icon: 'print', permission: 'fund:view', description: '按年度、项目的资金执行情况表，可打印、导出' },
    ],
  },
  {
    key: 'documents-contracts',
    title: '公文合同',
    icon: 'file',
    children: [
      { key: 'documents', title: '发文', path: '/documents', icon: 'file', permission: 'document:view', description: '发文拟稿、核稿、会签、签发、用印、分发与归档' },
      { key: 'incoming', title: '收文', path: '/documents/incoming', icon: 'bill', permission: 'incoming:view', description: '收文登记、拟办、批示、分办、办理、办结与归档，逾期提醒' },
      { key: 'contracts', title: '合同台账', path: '/contracts', icon: 'bill', permission: 'contract:view', description: '合同登记、付款计划、付款与变更，到期与逾期提醒' },
      { key: 'document-settings', title: '公文流程与文号', path: '/documents/settings', icon: 'setting', permission: 'document:admin', description: '各类公文的审批流程与发文字号规则' },
    ],
  },
  {
    key: 'archives',
    title: '档案数据',
    icon: 'folder',
    children: [
      { key: 'archive-search', title: '档案检索', path: '/archives', icon: 'search', permission: 'archive:view', description: '一地一档：按地块或项目编号、题名、类别、保管期限和日期检索档案' },
      { key: 'archive-loans', title: '档案借阅', path: '/archives/loans', icon: 'file-safety', permission: ['archive:borrow', 'archive:manage'], description: '借阅申请、审批、期限内查阅下载与归还，逾期提醒' },
      { key: 'archive-pending', title: '待归档', path: '/archives/pending', icon: 'bill', permission: 'archive:manage', description: '各业务办结后收集的记录和文件，批量接收归档或退回' },
      { key: 'archive-transfer', title: '档案移交', path: '/archives/transfer', icon: 'folder', permission: 'archive:manage', description: '按 DA/T 22 生成移交包：文件、归档文件目录与带 SM3 摘要的清单' },
      { key: 'archive-retention', title: '到期鉴定', path: '/archives/retention', icon: 'calendar', permission: 'archive:manage', description: '保管期限已满的档案，供鉴定小组鉴定（不自动删除）' },
      { key: 'archive-settings', title: '档号与完整性', path: '/archives/settings', icon: 'file-safety', permission: 'archive:manage', description: '档号规则（全宗号、门类代码）与档案文件完整性检查' },
    ],
  },
  {
    key: 'admin',
    title: '系统管理',
    icon: 'setting',
    children: [
      { key: 'org', title: '组织机构', path: '/admin/org', icon: 'tree-round-dot', permission: 'org:manage', description: '科室设置与调整' },
      { key: 'users', title: '用户管理', path: '/admin/users', icon: 'user', permission: ['user:manage', 'user:grant'], description: '用户账号、科室（系统管理员）与角色授予（安全管理员）' },
      { key: 'settings', title: '系统参数', path: '/admin/settings', icon: 'setting', permission: 'setting:manage', description: '预警期限、导入大小、资金审批金额与债券检查阈值' },
      { key: 'map-layers', title: '地图图层', path: '/admin/map-layers', icon: 'layers', permission: 'setting:manage', description: '挂图作战的底图（天地图、内网瓦片）与叠加图层（WMS/XYZ）' },
      { key: 'security-policy', title: '安全策略', path: '/admin/security-policy', icon: 'lock-on', permission: 'security:policy', description: '口令复杂度与有效期、登录失败处理、会话超时、双因素鉴别（安全管理员）' },
      { key: 'roles', title: '角色权限', path: '/admin/roles', icon: 'lock-on', permission: 'role:manage', description: '角色及其权限' },
      { key: 'audit', title: '审计日志', path: '/admin/audit', icon: 'file-safety', permission: 'audit:view', description: '全部操作与登录记录' },
    ],
  },
  {
    key: 'profile',
    title: '个人设置',
    icon: 'user',
    children: [
      { key: 'password', title: '修改密码', path: '/profile/password', icon: 'lock-on', permission: 'profile:password', description: '修改本人登录密码' },
      { key: 'totp', title: '双因素认证', path: '/profile/totp', icon: 'file-safety', permission: 'profile:password', description: '绑定手机令牌，登录时输入动态口令' },
    ],
  },
];

/** The tree with entries the holder may not open removed (and emptied groups dropped). */
export function filterNavigation(items: NavItem[], holder: PermissionHolder): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.children) {
      const children = filterNavigation(item.children, holder);
      if (children.length) out.push({ ...item, children });
    } else if (!item.permission || (typeof item.permission === 'string' ? [item.permission] : item.permission).some((p) => hasPermission(holder, p))) {
      out.push(item);
    }
  }
  return out;
}

/** Leaf pages in menu order. */
export function flattenNavigation(items: NavItem[]): NavItem[] {
  return items.flatMap((i) => (i.children ? flattenNavigation(i.children) : [i]));
}

/** Breadcrumb trail (titles) for a pathname: the longest matching nav path wins. */
export function breadcrumbFor(items: NavItem[], pathname: string): NavItem[] {
  let best: NavItem[] = [];
  const walk = (nodes: NavItem[], trail: NavItem[]) => {
    for (const n of nodes) {
      const next = [...trail, n];
      if (n.path && (pathname === n.path || pathname.startsWith(`${n.path}/`))) {
        if (!best.length || n.path.length > (best.at(-1)?.path?.length ?? 0)) best = next;
      }
      if (n.children) walk(n.children, next);
    }
  };
  walk(items, []);
  return best;
}
