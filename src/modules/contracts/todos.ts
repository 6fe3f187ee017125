import 'server-only';
import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import type { ObjectRefView } from '@/ui/kit/object-ref';
import { todayInShanghai } from '@/ui/format';
import type { WorkbenchTodo } from '@/modules/workbench/components/workbench-view';
import type { Actor } from '@/platform/action';
import { pendingFlowsFor } from '@/platform/flow';
import { CHANGE_FLOW_OBJECT } from './flow';
import { contractChanges, contractMilestones, contracts } from './schema';
import { addDays, milestoneStates } from './rules';
import { figuresFor } from './store';

/** How many contracts a to-do names; its link leads to all of them. */
const TODO_REFS = 5;

export type TContractReminder = 'milestones-due' | 'overdue' | 'ending';

export interface ContractReminders {
  milestonesDue: string[];
  overdue: string[];
  ending: string[];
  /** The settings in force (days). */
  milestoneDueDays: number;
  endingDays: number;
}

/**
 * The contracts needing attention, among the 生效 ones: a payment-plan milestone due within
 * `contract.milestoneDueDays` and not yet covered by approved payments, a milestone past due and
 * not covered (payment overdue), and an end date within `contract.endingDays`.
 */
export async function contractReminders(db: Db | Tx, today = todayInShanghai()): Promise<ContractReminders> {
  const settings = await getSettings(db);
  const milestoneDueDays = settings['contract.milestoneDueDays'];
  const endingDays = settings['contract.endingDays'];
  const [withMilestones, ending] = await Promise.all([
    db
      .select({ id: contracts.id, amount: contracts.amount, mId: contractMilestones.id, dueOn: contractMilestones.dueOn, mAmount: contractMilestones.amount })
      .from(contracts)
      .innerJoin(contractMilestones, eq(contractMilestones.contractId, contracts.id))
      .where(eq(contracts.status, 'effective'))
      .orderBy(asc(contracts.contractNo)),
    db
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.status, 'effective'), between(contracts.endOn, today, addDays(today, endingDays))))
      .orderBy(asc(contracts.endOn), asc(contracts.contractNo)),
  ]);
  const byContract = new Map<string, { amount: string; milestones: { id: string; dueOn: string; amount: string }[] }>();
  for (const r of withMilestones) {
    const c = byContract.get(r.id) ?? { amount: r.amount, milestones: [] };
    c.milestones.push({ id: r.mId, dueOn: r.dueOn, amount: r.mAmount });
    byContract.set(r.id, c);
  }
  const figures = await figuresFor(db, [...byContract].map(([id, c]) => ({ id, amount: c.amount })));
  const milestonesDue: string[] = [];
  const overdue: string[] = [];
  for (const [id, c] of byContract) {
    const states = milestoneStates(c.milestones, figures.get(id)!.paid, today, milestoneDueDays);
    if (states.some((s) => s.overdue)) overdue.push(id);
    if (states.some((s) => s.dueSoon)) milestonesDue.push(id);
  }
  return { milestonesDue, overdue, ending: ending.map((r) => r.id), milestoneDueDays, endingDays };
}

async function refs(db: Db | Tx, ids: string[]): Promise<ObjectRefView[]> {
  const first = ids.slice(0, TODO_REFS);
  if (!first.length) return [];
  const rows = await db.select({ id: contracts.id, code: contracts.contractNo, name: contracts.name }).from(contracts).where(inArray(contracts.id, first));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return first.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, code: r.code, name: r.name, href: `/contracts/${r.id}` }] : [];
  });
}

/**
 * The workbench's contract to-dos for a holder of contract:view (none otherwise), each linking to
 * the contracts list filtered by the reminder. Only reminders with something in them are returned.
 */
export async function contractTodos(db: Db | Tx, actor: PermissionHolder & Pick<Actor, 'userId' | 'displayName' | 'departmentId'>): Promise<WorkbenchTodo[]> {
  if (!hasPermission(actor, 'contract:view')) return [];
  const out: WorkbenchTodo[] = [];
  // Change orders waiting at a flow step this user acts on (not their own requests back at step 1).
  if (hasPermission(actor, 'contract:approve')) {
    const flows = (await pendingFlowsFor(db, actor, { objectType: CHANGE_FLOW_OBJECT })).filter((f) => f.currentStepIndex > 0);
    if (flows.length) {
      const changes = await db
        .select({ id: contractChanges.id, contractId: contractChanges.contractId })
        .from(contractChanges)
        .where(inArray(contractChanges.id, flows.map((f) => f.objectId)));
      const ids = [...new Set(changes.map((c) => c.contractId))];
      out.push({ key: 'contract-changes', title: '待审批的合同变更', count: flows.length, unit: '项', path: '/contracts?reminder=changes', tone: 'brand', refs: await refs(db, ids) });
    }
  }
  const r = await contractReminders(db);
  const items: { key: string; title: string; ids: string[]; reminder: TContractReminder; tone: WorkbenchTodo['tone'] }[] = [
    { key: 'contract-overdue', title: '合同付款逾期', ids: r.overdue, reminder: 'overdue', tone: 'error' },
    { key: 'contract-milestones-due', title: `${r.milestoneDueDays} 天内到期的合同付款节点`, ids: r.milestonesDue, reminder: 'milestones-due', tone: 'warning' },
    { key: 'contract-ending', title: `${r.endingDays} 天内到期的合同`, ids: r.ending, reminder: 'ending', tone: 'brand' },
  ];
  for (const i of items) {
    if (!i.ids.length) continue;
    out.push({ key: i.key, title: i.title, count: i.ids.length, unit: '份', path: `/contracts?reminder=${i.reminder}`, tone: i.tone, refs: await refs(db, i.ids) });
  }
  return out;
}
