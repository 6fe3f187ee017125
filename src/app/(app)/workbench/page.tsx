import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { roleNamesOf } from '@/platform/auth/identity';
import { flattenNavigation } from '@/ui/navigation';
import { shellNavFor } from '@/ui/shell/nav-cache';
import { WorkbenchView } from '@/modules/workbench/components/workbench-view';
import { getDb } from '@/platform/db';
import { getPreviousLogin, listMyPendingEntryRefs } from '@/modules/workbench/queries';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { hasPermission } from '@/platform/permissions/check';
import { countMyPendingEntries } from '@/modules/funds/ledger/queries';
import { Suspense } from 'react';
import { WarningTodos, WarningTodosPending } from '@/modules/workbench/components/warning-todos';
import type { WorkbenchTodo } from '@/modules/workbench/components/workbench-view';
import { documentTodos } from '@/modules/documents/todos';
import { incomingTodos } from '@/modules/documents/incoming/todos';
import { contractTodos } from '@/modules/contracts/todos';
import { pendingArchiveTodos } from '@/modules/archives/todos';
import { loanTodos } from '@/modules/archives/loan-todos';

export const metadata: Metadata = { title: '工作台' };

export default async function WorkbenchPage() {
  const user = await requirePagePermission('workbench:view');
  const db = await getDb();
  const actor = { userId: user.id, permissions: user.permissions };
  const seesFunds = hasPermission(user, 'fund:view');
  const who = { userId: user.id, displayName: user.displayName, departmentId: user.departmentId };
  const none = Promise.resolve([] as WorkbenchTodo[]);
  const seesLoans = ['archive:borrow', 'archive:manage', 'archive:loan-approve'].some((p) => hasPermission(user, p));
  const [previous, pendingEntries, pendingRefs, documentItems, incomingItems, contractItems, archiveItems, loanItems] = await Promise.all([
    getPreviousLogin(db, user.id, user.sessionId),
    seesFunds ? countMyPendingEntries(db, actor) : Promise.resolve(0),
    seesFunds ? listMyPendingEntryRefs(db, actor) : Promise.resolve([]),
    hasPermission(user, 'document:view') ? documentTodos(db, who) : none,
    hasPermission(user, 'incoming:view') ? incomingTodos(db, { userId: user.id, permissions: user.permissions, departmentId: user.departmentId }) : none,
    hasPermission(user, 'contract:view') ? contractTodos(db, { userId: user.id, displayName: user.displayName, departmentId: user.departmentId, permissions: user.permissions }) : none,
    hasPermission(user, 'archive:manage') ? pendingArchiveTodos(db, user) : none,
    seesLoans ? loanTodos(db, { userId: user.id, permissions: user.permissions }, todayInShanghai()) : none,
  ]);
  // My to-dos: workflow items waiting for this user, then parcels in trouble (streamed: slower to count).
  const todos: WorkbenchTodo[] = [
    ...(pendingEntries > 0 ? [{ key: 'ledger', title: '待我处理的资金收支', count: pendingEntries, unit: '笔', path: '/funds/ledger?mine=1', tone: 'brand' as const, refs: pendingRefs }] : []),
    ...documentItems,
    ...incomingItems,
    ...contractItems,
    ...archiveItems,
    ...loanItems,
  ];
  const seesParcels = hasPermission(user, 'parcel:view');
  const lateTodos = seesParcels ? (
    <Suspense fallback={<WarningTodosPending />}>
      <WarningTodos db={db} othersCount={todos.length} />
    </Suspense>
  ) : null;
  const modules = flattenNavigation(shellNavFor(user.permissions).nav).filter((m) => m.key !== 'workbench');
  return (
    <WorkbenchView
      displayName={user.displayName}
      roleNames={roleNamesOf(user)}
      departmentName={user.departmentName}
      mustChangePassword={user.mustChangePassword}
      previousLogin={previous ? `${formatDateTime(previous.at)}${previous.ip ? `（IP ${previous.ip}）` : ''}` : null}
      showTodos={todos.length > 0 || seesParcels}
      todos={todos}
      lateTodos={lateTodos}
      modules={modules.map((m) => ({ key: m.key, title: m.title, path: m.path ?? '/', description: m.description ?? '' }))}
    />
  );
}
