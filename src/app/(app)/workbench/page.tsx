import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { roleNamesOf } from '@/platform/auth/identity';
import { filterNavigation, flattenNavigation, NAVIGATION } from '@/ui/navigation';
import { WorkbenchView } from '@/modules/workbench/components/workbench-view';
import { getDb } from '@/platform/db';
import { getPreviousLogin } from '@/modules/workbench/queries';
import { formatDateTime } from '@/ui/format';

export const metadata: Metadata = { title: '工作台' };

export default async function WorkbenchPage() {
  const user = await requirePagePermission('workbench:view');
  const previous = await getPreviousLogin(await getDb(), user.id, user.sessionId);
  const modules = flattenNavigation(filterNavigation(NAVIGATION, user)).filter((m) => m.key !== 'workbench');
  return (
    <WorkbenchView
      displayName={user.displayName}
      roleNames={roleNamesOf(user)}
      departmentName={user.departmentName}
      mustChangePassword={user.mustChangePassword}
      previousLogin={previous ? `${formatDateTime(previous.at)}${previous.ip ? `（IP ${previous.ip}）` : ''}` : null}
      modules={modules.map((m) => ({ key: m.key, title: m.title, path: m.path ?? '/', description: m.description ?? '' }))}
    />
  );
}
