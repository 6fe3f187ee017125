import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getDepartmentTree, listRoleOptions, listUsers } from '@/modules/admin/users/queries';
import { ZUserFilter } from '@/modules/admin/users/validation';
import { toDepartmentOptions, toRoleOptions, toUserRowView } from '@/modules/admin/users/view';
import { UsersList } from '@/modules/admin/users/components/users-list';
import { passwordRuleText } from '@/platform/auth/password-policy';
import { getPasswordRules } from '@/platform/auth/policy-in-force';

export const metadata: Metadata = { title: '用户管理' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // 三员分立: the 系统管理员 manages accounts, the 安全管理员 grants roles; each sees the list.
  const me = await requirePagePermission(['user:manage', 'user:grant']);
  const { filter, notice } = parseListFilter(ZUserFilter, await searchParams);
  const db = await getDb();
  const [{ rows, total }, departments, roles, passwordRules] = await Promise.all([listUsers(db, filter), getDepartmentTree(db), listRoleOptions(db), getPasswordRules(db)]);
  const now = new Date();
  return (
    <>
      <FilterNotice notice={notice} />
      <UsersList
        filter={filter}
        total={total}
        rows={rows.map((r) => toUserRowView(r, now))}
        departments={toDepartmentOptions(departments)}
        roles={toRoleOptions(roles)}
        currentUserId={me.id}
        canManage={hasPermission(me, 'user:manage')}
        passwordRule={passwordRuleText(passwordRules)}
        canGrant={hasPermission(me, 'user:grant')}
      />
    </>
  );
}
