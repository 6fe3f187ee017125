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
  'setting:manage': { name: '管理系统参数（期限、阈值等）', kind: 'sys', group: '系统管理' },
  'role:manage': { name: '管理角色与权限', kind: 'sec', group: '安全管理' },
  'user:grant': { name: '为用户授予角色（不能授予自己）', kind: 'sec', group: '安全管理' },
  'security:policy': { name: '设置安全策略（口令、登录失败处理、会话、双因素）', kind: 'sec', group: '安全管理' },
  'audit:view': { name: '查看审计日志', kind: 'audit', group: '审计管理' },
  'audit:export': { name: '导出审计日志', kind: 'audit', group: '审计管理' },
  'plan:view': { name: '查看储备计划', kind: 'business', group: '计划实施' },
  'plan:edit': { name: '编制与调整储备计划', kind: 'business', group: '计划实施' },
  'project:view': { name: '查看储备项目', kind: 'business', group: '计划实施' },
  'project:edit': { name: '新建与修改储备项目', kind: 'business', group: '计划实施' },
  'parcel:view': { name: '查看地块', kind: 'business', group: '计划实施' },
  'parcel:edit': { name: '登记与修改地块（含边界导入）', kind: 'business', group: '计划实施' },
  'parcel:transition': { name: '办理地块环节流转', kind: 'business', group: '计划实施' },
  'parcel:export': { name: '导出地块数据', kind: 'business', group: '计划实施' },
  'personal-info:view': { name: '查看被征收人完整身份证号与电话', kind: 'business', group: '计划实施' },
  'fund:view': { name: '查看资金（预算、收支、债券、余额）', kind: 'business', group: '资金管理' },
  'fund:enter': { name: '录入与提交资金收支', kind: 'business', group: '资金管理' },
  'fund:review': { name: '科室审核资金收支', kind: 'business', group: '资金管理' },
  'fund:approve': { name: '财务审批资金收支、办理冲销', kind: 'business', group: '资金管理' },
  'fund:leader-approve': { name: '领导审批大额资金收支', kind: 'business', group: '资金管理' },
  'fund:budget': { name: '编制与调整项目预算', kind: 'business', group: '资金管理' },
  'fund:bond': { name: '管理专项债券（分配、还本付息）', kind: 'business', group: '资金管理' },
  'fund:account': { name: '管理资金账户', kind: 'business', group: '资金管理' },
  'fund:export': { name: '导出资金报表', kind: 'business', group: '资金管理' },
  'document:view': { name: '查看公文', kind: 'business', group: '公文合同' },
  'document:draft': { name: '拟稿（新建、修改、提交发文）', kind: 'business', group: '公文合同' },
  'document:review': { name: '核稿与会签公文', kind: 'business', group: '公文合同' },
  'document:sign': { name: '签发公文', kind: 'business', group: '公文合同' },
  'document:seal': { name: '公文用印、分发与归档', kind: 'business', group: '公文合同' },
  'document:export': { name: '导出公文登记', kind: 'business', group: '公文合同' },
  'document:admin': { name: '管理公文流程与发文字号规则', kind: 'business', group: '公文合同' },
  'incoming:view': { name: '查看收文', kind: 'business', group: '公文合同' },
  'incoming:register': { name: '登记收文、上传收文附件', kind: 'business', group: '公文合同' },
  'incoming:propose': { name: '收文拟办', kind: 'business', group: '公文合同' },
  'incoming:instruct': { name: '收文领导批示', kind: 'business', group: '公文合同' },
  'incoming:assign': { name: '收文分办与办结', kind: 'business', group: '公文合同' },
  'incoming:handle': { name: '办理本科室的收文', kind: 'business', group: '公文合同' },
  'incoming:archive': { name: '收文归档', kind: 'business', group: '公文合同' },
  'incoming:export': { name: '导出收文登记簿', kind: 'business', group: '公文合同' },
  'contract:view': { name: '查看合同（台账、付款计划、付款与变更）', kind: 'business', group: '公文合同' },
  'contract:edit': { name: '登记与修改合同、付款计划，申请合同变更', kind: 'business', group: '公文合同' },
  'contract:approve': { name: '合同生效、履行完毕与解除，审批合同变更', kind: 'business', group: '公文合同' },
  'contract:export': { name: '导出合同台账', kind: 'business', group: '公文合同' },
  'archive:view': { name: '查看档案目录', kind: 'business', group: '档案数据' },
  'archive:manage': { name: '档案著录、归档、完整性检查与档号规则', kind: 'business', group: '档案数据' },
  'archive:borrow': { name: '申请借阅档案', kind: 'business', group: '档案数据' },
  'archive:loan-approve': { name: '审批内部档案的借阅（领导）', kind: 'business', group: '档案数据' },
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
const READ: TPermissionCode[] = ['plan:view', 'project:view', 'parcel:view'];
const WORK: TPermissionCode[] = [...READ, 'project:edit', 'parcel:edit', 'parcel:transition', 'parcel:export'];

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'sysadmin', name: '系统管理员', kind: 'sys', description: '管理用户、组织机构和系统设置，不办理业务', permissions: [...COMMON, 'org:manage', 'user:manage', 'setting:manage'] },
  { code: 'secadmin', name: '安全管理员', kind: 'sec', description: '管理角色与权限，不办理业务', permissions: [...COMMON, 'role:manage', 'user:grant', 'security:policy'] },
  { code: 'auditadmin', name: '审计管理员', kind: 'audit', description: '查看和导出审计日志，不办理业务', permissions: [...COMMON, 'audit:view', 'audit:export'] },
  {
    code: 'clerk',
    name: '经办',
    kind: 'business',
    description: '办理日常业务，录入和提交',
    permissions: [...COMMON, ...WORK, 'fund:view', 'fund:enter', 'document:view', 'document:draft', 'document:seal', 'incoming:view', 'incoming:register', 'incoming:handle', 'contract:view', 'contract:edit', 'archive:borrow'],
  },
  {
    code: 'chief',
    name: '科室负责人',
    kind: 'business',
    description: '审核本科室业务',
    permissions: [
      ...COMMON,
      ...WORK,
      'plan:edit',
      'personal-info:view',
      'fund:view',
      'fund:enter',
      'fund:review',
      'document:view',
      'document:draft',
      'document:review',
      'document:admin',
      'incoming:view',
      'incoming:register',
      'incoming:propose',
      'incoming:assign',
      'incoming:handle',
      'incoming:export',
      'contract:view',
      'contract:edit',
      'contract:export',
      'archive:borrow',
    ],
  },
  {
    code: 'leader',
    name: '中心领导',
    kind: 'business',
    description: '审批和决策',
    permissions: [
      ...COMMON,
      ...READ,
      'parcel:export',
      'fund:view',
      'fund:leader-approve',
      'fund:export',
      'document:view',
      'document:review',
      'document:sign',
      'document:export',
      'incoming:view',
      'incoming:instruct',
      'incoming:export',
      'contract:view',
      'contract:approve',
      'contract:export',
      'archive:view',
      'archive:borrow',
      'archive:loan-approve',
    ],
  },
  {
    code: 'finance',
    name: '财务',
    kind: 'business',
    description: '资金审核与核算',
    permissions: [...COMMON, ...READ, 'fund:view', 'fund:enter', 'fund:approve', 'fund:budget', 'fund:bond', 'fund:account', 'fund:export', 'document:view', 'document:review', 'incoming:view', 'incoming:handle', 'contract:view', 'contract:export', 'archive:borrow'],
  },
  // Describes what the role can do today (the sync replaces an older catalogue text, below).
  {
    code: 'archivist',
    name: '档案管理员',
    kind: 'business',
    description: '档案著录与完整性检查，查阅储备计划、项目和地块，公文与收文归档',
    permissions: [...COMMON, ...READ, 'document:view', 'document:seal', 'incoming:view', 'incoming:archive', 'incoming:export', 'archive:view', 'archive:manage', 'archive:borrow'],
  },
  {
    code: 'auditor',
    name: '审计',
    kind: 'business',
    description: '只读查阅全部业务数据并可导出',
    permissions: [...COMMON, ...READ, 'parcel:export', 'fund:view', 'fund:export', 'document:view', 'document:export', 'incoming:view', 'incoming:export', 'contract:view', 'contract:export', 'archive:view', 'archive:borrow'],
  },
];

/**
 * Built-in roles whose holders need a 动态口令 (second factor, GB/T 22239-2019 8.1.4.1 d)) when the
 * role is first created: the three administrators and the 中心领导. Afterwards the 安全管理员's
 * setting on the role (roles.requires_totp) holds; the sync never changes it.
 */
export const TOTP_REQUIRED_BY_DEFAULT: readonly string[] = ['sysadmin', 'secadmin', 'auditadmin', 'leader'];

/**
 * Earlier catalogue descriptions of built-in roles. At sync a role still carrying one of them gets
 * the current text; a description the security administrator wrote is left alone.
 */
export const SUPERSEDED_ROLE_DESCRIPTIONS: Record<string, readonly string[]> = {
  archivist: ['档案归集、借阅与保管', '查阅储备计划、项目和地块', '查阅储备计划、项目和地块，公文归档', '查阅储备计划、项目和地块，公文与收文归档'],
};

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
