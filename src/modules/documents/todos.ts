import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { pendingFlowsFor } from '@/platform/flow';
import type { ObjectRefView } from '@/ui/kit/object-ref';
import type { WorkbenchTodo } from '@/modules/workbench/components/workbench-view';
import { DOCUMENT_OBJECT } from './constants';
import { documents } from './schema';

/** How many documents a to-do names (as the workbench's TODO_REFS). */
const REFS = 5;

/**
 * The workbench to-dos of the 公文 module for this user: 发文 waiting on them at a flow step (a
 * role they hold; for 会签 their department not yet done), and their drafts returned to them.
 * Drafts never submitted are not to-dos. Empty list: nothing to show.
 */
export async function documentTodos(db: Db, actor: { userId: string; displayName: string; departmentId: string | null }): Promise<WorkbenchTodo[]> {
  const pending = await pendingFlowsFor(db, actor, { objectType: DOCUMENT_OBJECT });
  const returned = pending.filter((p) => p.currentStepIndex === 0 && p.status === '已退回');
  const waiting = pending.filter((p) => p.currentStepIndex > 0);
  if (!returned.length && !waiting.length) return [];
  const ids = [...returned, ...waiting].map((p) => p.objectId);
  const rows = await db
    .select({ id: documents.id, title: documents.title, docNo: documents.docNo, docType: documents.docType })
    .from(documents)
    .where(inArray(documents.id, ids))
    .orderBy(asc(documents.createdAt));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refs = (list: typeof pending): ObjectRefView[] =>
    list.slice(0, REFS).flatMap((p) => {
      const d = byId.get(p.objectId);
      return d ? [{ id: d.id, code: d.docNo ?? `${d.docType}·${p.currentStep?.name ?? ''}`, name: d.title, href: `/documents/${d.id}` }] : [];
    });
  const out: WorkbenchTodo[] = [];
  if (waiting.length) out.push({ key: 'documents-pending', title: '待我办理的发文', count: waiting.length, unit: '件', path: '/documents?mine=1', tone: 'brand', refs: refs(waiting) });
  if (returned.length) out.push({ key: 'documents-returned', title: '退回待修改的发文', count: returned.length, unit: '件', path: '/documents?mine=1&status=已退回', tone: 'warning', refs: refs(returned) });
  return out;
}
