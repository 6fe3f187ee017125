import type { TRoleKind } from '@/platform/auth/schema';
import type { TPermissionKind } from '@/platform/permissions/catalog';

/** Plain, serialisable shapes the roles page passes to its client island. */

export interface RoleView {
  id: string;
  code: string;
  name: string;
  kind: TRoleKind;
  description: string | null;
  builtin: boolean;
  /** Holders sign in with a 动态口令 (second factor). */
  requiresTotp: boolean;
  userCount: number;
  permissionCodes: string[];
}

export interface PermissionView {
  code: string;
  name: string;
  kind: TPermissionKind;
  groupName: string;
  sortOrder: number;
}

export interface PermissionGroupView {
  name: string;
  permissions: PermissionView[];
}

export interface RolesOverview {
  roles: RoleView[];
  groups: PermissionGroupView[];
  selectedId: string | null;
  /** Roles the signed-in 安全管理员 holds: their permission sets are read-only to them. */
  ownRoleIds: string[];
}
