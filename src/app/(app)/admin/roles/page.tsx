import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getRolesOverview } from '@/modules/admin/roles/queries';
import { RolesList } from '@/modules/admin/roles/components/roles-list';

export const metadata: Metadata = { title: '角色权限' };

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('role:manage');
  const { id } = await searchParams;
  const overview = await getRolesOverview(await getDb(), {
    selectedId: typeof id === 'string' ? id : null,
    ownRoleIds: user.roles.map((r) => r.id),
  });
  return <RolesList overview={overview} />;
}
