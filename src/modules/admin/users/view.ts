import { formatDateTime } from '@/ui/format';
import type { TRoleKind } from '@/platform/auth/schema';
import type { DepartmentNode, RoleOption, UserListRow } from './queries';
import type { TUserFilter, TUserStatus } from './validation';

/**
 * Plain, serialisable shapes the page hands to the client island, and the mapping from
 * query rows (dates formatted on the server, in Asia/Shanghai).
 */
export interface UserRowView {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  status: TUserStatus;
  /** "已锁定至 HH:mm" while a login lock is in force, else null. */
  lockedLabel: string | null;
  lastLogin: string;
  mustChangePassword: boolean;
  phone: string | null;
  isDemo: boolean;
  totpEnrolled: boolean;
  roles: { id: string; name: string; kind: TRoleKind }[];
}

export interface DepartmentOption {
  value: string;
  label: string;
  children?: DepartmentOption[];
}

export interface RoleOptionView {
  value: string;
  label: string;
  kind: TRoleKind;
  description: string | null;
}

export type UserFilterView = TUserFilter;

const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function toUserRowView(row: UserListRow, now: Date): UserRowView {
  const locked = !!row.lockedUntil && row.lockedUntil.getTime() > now.getTime();
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    status: row.status,
    lockedLabel: locked && row.lockedUntil ? `已锁定至 ${hourMinute.format(row.lockedUntil)}` : null,
    lastLogin: row.lastLoginAt ? formatDateTime(row.lastLoginAt) : '',
    mustChangePassword: row.mustChangePassword,
    phone: row.phone,
    isDemo: row.isDemo,
    totpEnrolled: row.totpEnrolled,
    roles: row.roles,
  };
}

export function toDepartmentOptions(nodes: DepartmentNode[]): DepartmentOption[] {
  return nodes.map((n) => ({ value: n.id, label: n.name, ...(n.children.length ? { children: toDepartmentOptions(n.children) } : {}) }));
}

export function toRoleOptions(roles: RoleOption[]): RoleOptionView[] {
  return roles.map((r) => ({ value: r.id, label: r.name, kind: r.kind, description: r.description }));
}
