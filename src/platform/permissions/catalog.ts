/**
 * Permission codes and built-in roles. The database holds them as data (permissions,
 * roles, role_permissions); this catalogue is what `syncPermissionCatalog` writes at start.
 */
export type TPermissionKind = 'common' | 'sys' | 'sec' | 'audit' | 'business';

export const PERMISSIONS = {
  'workbench:view': { name: '查看工作台', kind: 'common', group: '通用' },
  'profile:password': { name: '修改本人密码', kind: 'common', group: '通用' },
  'org:manage': { name: '管理组织机构', kind: 'sys', group: '系统管理' },
  'user:manage': { name: '管理用户', kind: 'sys', group: '系统管理' },
  'role:manage': { name: '管理角色与权限', kind: 'sec', group: '安全管理' },
  'audit:view': { name: '查看审计日志', kind: 'audit', group: '审计管理' },
  'audit:export': { name: '导出审计日志', kind: 'audit', group: '审计管理' },
} as const satisfies Record<string, { name: string; kind: TPermissionKind; group: string }>;

export type TPermissionCode = keyof typeof PERMISSIONS;

export const ADMIN_ROLE_KINDS = ['sys', 'sec', 'audit'] as const;

export interface BuiltinRole {
  code: string;
  name: string;
  kind: 'sys' | 'sec' | 'audit' | 'business';
  description: string;
  permissions: TPermissionCode[];
}

const COMMON: TPermissionCode[] = ['workbench:view', 'profile:password'];

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'sysadmin', name: '系统管理员', kind: 'sys', description: '管理用户、组织机构和系统设置，不办理业务', permissions: [...COMMON, 'org:manage', 'user:manage'] },
  { code: 'secadmin', name: '安全管理员', kind: 'sec', description: '管理角色与权限，不办理业务', permissions: [...COMMON, 'role:manage'] },
  { code: 'auditadmin', name: '审计管理员', kind: 'audit', description: '查看和导出审计日志，不办理业务', permissions: [...COMMON, 'audit:view', 'audit:export'] },
  { code: 'clerk', name: '经办', kind: 'business', description: '办理日常业务，录入和提交', permissions: [...COMMON] },
  { code: 'chief', name: '科室负责人', kind: 'business', description: '审核本科室业务', permissions: [...COMMON] },
  { code: 'leader', name: '中心领导', kind: 'business', description: '审批和决策', permissions: [...COMMON] },
  { code: 'finance', name: '财务', kind: 'business', description: '资金审核与核算', permissions: [...COMMON] },
  { code: 'archivist', name: '档案管理员', kind: 'business', description: '档案归集、借阅与保管', permissions: [...COMMON] },
  { code: 'auditor', name: '审计', kind: 'business', description: '只读查阅全部业务数据并可导出', permissions: [...COMMON] },
];

/** A role may hold permissions of its own kind and the common ones (三员分立). */
export function permissionFitsRole(permissionKind: TPermissionKind, roleKind: BuiltinRole['kind']): boolean {
  return permissionKind === 'common' || permissionKind === roleKind;
}

export function isAdminKind(kind: string): kind is (typeof ADMIN_ROLE_KINDS)[number] {
  return (ADMIN_ROLE_KINDS as readonly string[]).includes(kind);
}

/**
 * Which role combinations a user may hold: at most one of the three administrator roles,
 * and an administrator holds no business role. Returns the Chinese reason, or null.
 */
export function roleCombinationProblem(roles: { name: string; kind: string }[]): string | null {
  const admins = roles.filter((r) => isAdminKind(r.kind));
  if (admins.length > 1) {
    return `三员分立：同一用户不能同时担任${admins.map((r) => r.name).join('、')}`;
  }
  if (admins.length === 1 && roles.length > 1) {
    return `三员分立：${admins[0].name}不能同时担任业务角色`;
  }
  return null;
}
