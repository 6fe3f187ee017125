import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { roleNamesOf } from '@/platform/auth/identity';
import { filterNavigation, flattenNavigation, NAVIGATION } from '@/ui/navigation';
import { WorkbenchView } from '@/ui/workbench-view';

export const metadata: Metadata = { title: '工作台' };

export default async function WorkbenchPage() {
  const user = await requirePagePermission('workbench:view');
  const modules = flattenNavigation(filterNavigation(NAVIGATION, user)).filter((m) => m.key !== 'workbench');
  return (
    <WorkbenchView
      displayName={user.displayName}
      roleNames={roleNamesOf(user)}
      departmentName={user.departmentName}
      mustChangePassword={user.mustChangePassword}
      modules={modules.map((m) => ({ key: m.key, title: m.title, path: m.path ?? '/', description: m.description ?? '' }))}
    />
  );
}
