import type { ReactNode } from 'react';
import { requireUser } from '@/platform/auth/current-user';
import { roleNamesOf } from '@/platform/auth/identity';
import { AppShell } from '@/ui/app-shell';
import { todayInShanghai } from '@/ui/format';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell
      today={todayInShanghai()}
      user={{
        displayName: user.displayName,
        username: user.username,
        roleNames: roleNamesOf(user),
        departmentName: user.departmentName,
        permissions: user.permissions,
      }}
    >
      {children}
    </AppShell>
  );
}
