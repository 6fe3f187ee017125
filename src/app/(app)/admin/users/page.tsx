import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getDepartmentTree, listRoleOptions, listUsers } from '@/modules/admin/users/queries';
import { ZUserFilter } from '@/modules/admin/users/validation';
import { toDepartmentOptions, toRoleOptions, toUserRowView } from '@/modules/admin/users/view';
import { UsersList } from '@/modules/admin/users/components/users-list';

export const metadata: Metadata = { title: '用户管理' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePagePermission('user:manage');
  const { filter, notice } = parseListFilter(ZUserFilter, await searchParams);
  const db = await getDb();
  const [{ rows, total }, departments, roles] = await Promise.all([listUsers(db, filter), getDepartmentTree(db), listRoleOptions(db)]);
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
      />
    </>
  );
}
