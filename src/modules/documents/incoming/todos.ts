import 'server-only';
import { and, asc, count, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import type { ObjectRefView } from '@/ui/kit/object-ref';
import { incomingAssignments, incomingDocuments } from './schema';
import { addDays, dueText } from './rules';
import { awaitingAssignmentSql, readyToCompleteSql } from './queries';

/** One to-do of the workbench (the shape of WorkbenchTodo in src/modules/workbench/components/workbench-view.tsx). */
export interface IncomingTodo {
  key: string;
  title: string;
  count: number;
  unit: string;
  path: string;
  tone: 'brand' | 'error' | 'warning';
  refs: ObjectRefView[];
}

export interface IncomingTodoActor {
  userId: string;
  permissions: ReadonlySet<string>;
  departmentId: string | null;
}

/** How many objects a to-do names (as the workbench's TODO_REFS). */
const REFS = 5;
const base = '/documents/incoming';
const href = (id: string) => `${base}/${id}`;

async function stateTodo(db: Db | Tx, key: string, title: string, where: SQL, path: string): Promise<IncomingTodo | null> {
  const [{ n }] = await db.select({ n: count() }).from(incomingDocuments).where(where);
  if (!n) return null;
  const rows = await db
    .select({ id: incomingDocuments.id, receiptNo: incomingDocuments.receiptNo, title: incomingDocuments.title, urgency: incomingDocuments.urgency })
    .from(incomingDocuments)
    .where(where)
    // 特急 before 加急 before 平件, then the oldest.
    .orderBy(sql`case ${incomingDocuments.urgency} when '特急' then 0 when '加急' then 1 else 2 end`, asc(incomingDocuments.receiptYear), asc(incomingDocuments.receiptSeq))
    .limit(REFS);
  return {
    key,
    title,
    count: n,
    unit: '件',
    path,
    tone: 'brand',
    refs: rows.map((r) => ({ id: r.id, code: r.receiptNo, name: r.urgency === '平件' ? r.title : `【${r.urgency}】${r.title}`, href: href(r.id) })),
  };
}

/**
 * The 收文 items waiting on this person, overdue first: their department's overdue parts, their
 * department's other parts (due within the reminder window `incoming.remindDays` shown as a
 * warning), then the documents waiting for the steps their permissions allow (拟办, 批示, 分办,
 * 办结, 归档). Each names its first documents by 收文编号 and title, due parts with their deadline.
 */
export async function incomingTodos(db: Db | Tx, actor: IncomingTodoActor, today = todayInShanghai()): Promise<IncomingTodo[]> {
  const has = (p: string) => actor.permissions.has(p);
  if (!has('incoming:view')) return [];
  const out: IncomingTodo[] = [];

  if (has('incoming:handle') && actor.departmentId) {
    const dept = actor.departmentId;
    const remind = (await getSettings(db))['incoming.remindDays'];
    const mine = and(eq(incomingAssignments.departmentId, dept), eq(incomingAssignments.status, 'pending'), eq(incomingDocuments.state, 'handling'))!;
    const parts = async (where: SQL) => {
      const [{ n }] = await db
        .select({ n: count() })
        .from(incomingAssignments)
        .innerJoin(incomingDocuments, eq(incomingDocuments.id, incomingAssignments.documentId))
        .where(where);
      const rows = await db
        .select({ id: incomingDocuments.id, receiptNo: incomingDocuments.receiptNo, title: incomingDocuments.title, dueOn: incomingAssignments.dueOn, status: incomingAssignments.status })
        .from(incomingAssignments)
        .innerJoin(incomingDocuments, eq(incomingDocuments.id, incomingAssignments.documentId))
        .where(where)
        .orderBy(asc(incomingAssignments.dueOn), asc(incomingDocuments.receiptSeq))
        .limit(REFS);
      return { n, refs: rows.map((r) => ({ id: r.id, code: r.receiptNo, name: `${r.title}（期限 ${r.dueOn}，${dueText(r, today)}）`, href: href(r.id) })) };
    };
    const overdue = await parts(and(mine, lt(incomingAssignments.dueOn, today))!);
    if (overdue.n) {
      out.push({ key: 'incoming-overdue', title: '本科室逾期未办的收文', count: overdue.n, unit: '件', path: `${base}?dept=${dept}&overdue=1&sort=due&order=asc`, tone: 'error', refs: overdue.refs });
    }
    const open = await parts(and(mine, sql`${incomingAssignments.dueOn} >= ${today}`)!);
    if (open.n) {
      const [{ n: dueSoon }] = await db
        .select({ n: count() })
        .from(incomingAssignments)
        .innerJoin(incomingDocuments, eq(incomingDocuments.id, incomingAssignments.documentId))
        .where(and(mine, sql`${incomingAssignments.dueOn} >= ${today}`, sql`${incomingAssignments.dueOn} <= ${addDays(today, remind)}`));
      out.push({
        key: 'incoming-handle',
        title: dueSoon ? `本科室待办收文（${dueSoon} 件 ${remind} 天内到期）` : '本科室待办收文',
        count: open.n,
        unit: '件',
        path: `${base}?dept=${dept}&state=handling&sort=due&order=asc`,
        tone: dueSoon ? 'warning' : 'brand',
        refs: open.refs,
      });
    }
  }

  const steps: [string, string, string, () => SQL, string][] = [
    ['incoming:propose', 'incoming-propose', '待拟办的收文', () => eq(incomingDocuments.state, 'registered'), `${base}?state=registered`],
    ['incoming:instruct', 'incoming-instruct', '待批示的收文', () => eq(incomingDocuments.state, 'proposed'), `${base}?state=proposed`],
    ['incoming:assign', 'incoming-assign', '待分办的收文', awaitingAssignmentSql, `${base}?state=instructed`],
    ['incoming:assign', 'incoming-complete', '各科室已办理、待办结的收文', readyToCompleteSql, `${base}?state=handling`],
    ['incoming:archive', 'incoming-archive', '待归档的收文', () => eq(incomingDocuments.state, 'completed'), `${base}?state=completed`],
  ];
  for (const [permission, key, title, where, path] of steps) {
    if (!has(permission)) continue;
    const todo = await stateTodo(db, key, title, where(), path);
    if (todo) out.push(todo);
  }
  return out;
}
