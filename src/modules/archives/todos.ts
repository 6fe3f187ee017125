import 'server-only';
import type { Db, Tx } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import type { WorkbenchTodo } from '@/modules/workbench/components/workbench-view';
import { countPending } from './pending-queries';

/** The 档案管理员's to-do: records collected from the modules and waiting in the 待归档 list. */
export async function pendingArchiveTodos(db: Db | Tx, actor: PermissionHolder): Promise<WorkbenchTodo[]> {
  if (!hasPermission(actor, 'archive:manage')) return [];
  const n = await countPending(db);
  return n > 0 ? [{ key: 'archive-pending', title: '待归档的记录', count: n, unit: '件', path: '/archives/pending', tone: 'brand', refs: [] }] : [];
}
