import type { Db } from '@/platform/db/client';
import { parcelWarningLevels } from '@/modules/parcels/warning-levels';
import type { TWarningLevel } from '@/modules/parcels/warning-facts';
import { parcelRefs } from '../queries';
import { TodoCard, type WorkbenchTodo } from './workbench-view';

/**
 * The parcel warning to-dos, streamed into the workbench (inside <Suspense>): the warning levels
 * are read once per data version and day (~1.2 s at 100,000 parcels on the embedded database;
 * parcels/warning-levels.ts), so the rest of the page does not wait for them. Each names its
 * first parcels by code and name (one small query per level). `othersCount` is the number of
 * to-dos already shown, for the empty message.
 */
export async function WarningTodos(props: { db: Db; othersCount: number }) {
  const levels = await parcelWarningLevels(props.db);
  const ids: Record<TWarningLevel, string[]> = { red: [], amber: [] };
  for (const [id, level] of levels) ids[level].push(id);
  const [redRefs, amberRefs] = await Promise.all([parcelRefs(props.db, ids.red), parcelRefs(props.db, ids.amber)]);
  const todos: WorkbenchTodo[] = [
    { key: 'warn-red', title: '红色预警地块（超期、超限）', count: ids.red.length, unit: '宗', path: '/parcels?warn=red', tone: 'error', refs: redRefs },
    { key: 'warn-amber', title: '黄色预警地块（即将到期）', count: ids.amber.length, unit: '宗', path: '/parcels?warn=amber', tone: 'warning', refs: amberRefs },
  ];
  const shown = todos.filter((t) => t.count > 0);
  if (shown.length === 0 && props.othersCount === 0) return <span className="lr-muted">暂无待办事项</span>;
  return shown.map((t) => <TodoCard key={t.key} todo={t} />);
}

/** Shown while the warnings are counted. */
export function WarningTodosPending() {
  return (
    <span className="lr-muted" aria-busy>
      正在统计预警地块…
    </span>
  );
}
