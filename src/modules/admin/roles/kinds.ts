import type { TRoleKind } from '@/platform/auth/schema';

/** How each role kind is shown (三员分立). */
export const ROLE_KIND_LABELS: Record<TRoleKind, string> = {
  sys: '系统管理员类',
  sec: '安全管理员类',
  audit: '审计管理员类',
  business: '业务',
};

export const ROLE_KIND_ORDER: Record<TRoleKind, number> = { sys: 0, sec: 1, audit: 2, business: 3 };

export const PERMISSION_KIND_LABELS: Record<TRoleKind | 'common', string> = {
  common: '通用',
  ...ROLE_KIND_LABELS,
};
