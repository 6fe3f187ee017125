import { dec, type TDec } from '@/modules/plans/amounts';
import { addDays, minDate, yearOf, type Rng } from '@/modules/parcels/demo/random';
import { newId } from '@/platform/ids';
import type { ledgerEntries, ledgerSteps } from '../schema';
import type { TEntryStatus, TFundSourceCode } from '../rules';
import { addOfficeMinutes, lastDayOf, momentOn } from './common';
import { BOND_INTEREST_STEP_COMMENT, COMPENSATION_STEP_COMMENT, reversalApprovedNote, reversalRequestedNote, type TStepAction } from '../ledger/steps';

/**
 * Entry numbers and the approval trail of the demo ledger, written as the application writes them
 * (ledger/steps.ts): 登记 → 提交 → 审核通过 → 财务审批 (→ 领导审批), a posted entry starting at 提交,
 * a reversal at 发起冲销. Each step happens after the one before it and none after `now`: recent
 * expenses that would finish later stay in the workflow; everything else is approved the same day
 * when the usual pace (approval the next day) would reach past `now`.
 */

export type DemoPerson = { id: string | null; name: string };
export type DemoActors = Record<'clerk' | 'chief' | 'finance' | 'finance2' | 'leader', DemoPerson>;
export type TDemoSource = TFundSourceCode;

/** A raw entry before numbering and statuses. */
export interface Draft {
  direction: 'income' | 'expense';
  date: string;
  amount: TDec;
  category: string;
  /** null: 零星收入, paid into the treasury (no source, no account). */
  source: TDemoSource | null;
  projectId: string;
  parcelId?: string;
  partyId?: string;
  origin: 'manual' | 'compensation' | 'bond-interest';
  /** origin 'bond-interest': the bond payment the interest was posted from, and when it was recorded. */
  bondPaymentId?: string;
  recordedAt?: Date;
  /** The entry must be approved by the end of this day (a compensation payment before its parcel's 入库). */
  approvedBy?: string;
  counterparty: string;
  description: string;
  contractNo?: string | null;
}

export interface WorkflowInput {
  today: string;
  now: Date;
  leaderThreshold: string;
  actors: DemoActors;
  closedProjects: ReadonlySet<string>;
}

type EntryRow = typeof ledgerEntries.$inferInsert;
type StepRow = typeof ledgerSteps.$inferInsert;
type Target = 'submitted' | 'reviewed' | 'leader' | 'approved' | 'returned';

interface PlannedStep {
  action: TStepAction;
  from: TEntryStatus | null;
  to: TEntryStatus;
  who: DemoPerson;
  at: number;
  comment: string | null;
}

const RETURN_COMMENT = '附件不全，请补充付款审批单和发票后重新提交';
const REVERSAL_REASON = '重复支付，对方已退回';

/**
 * The steps of one entry up to `target`, starting at `first` (the step that brought it into being)
 * at `createdAt`. Gaps in office minutes: [submission, review, approval, leader approval].
 */
function planSteps(first: PlannedStep, target: Target, gaps: number[], people: { submitter: DemoPerson; approver: DemoPerson }, needsLeader: boolean, a: DemoActors): PlannedStep[] {
  const steps = [first];
  let at = first.at;
  const add = (action: TStepAction, from: TEntryStatus, to: TEntryStatus, who: DemoPerson, gap: number, comment: string | null = null) => {
    at = addOfficeMinutes(at, gap);
    steps.push({ action, from, to, who, at, comment });
  };
  if (first.to === 'draft') add('submit', 'draft', 'submitted', people.submitter, gaps[0]);
  if (target === 'submitted') return steps;
  if (target === 'returned') {
    add('return', 'submitted', 'returned', a.chief, gaps[1], RETURN_COMMENT);
    return steps;
  }
  add('review', 'submitted', 'reviewed', a.chief, gaps[1]);
  if (target === 'reviewed') return steps;
  add('approve', 'reviewed', needsLeader ? 'leader' : 'approved', people.approver, gaps[2]);
  if (target === 'approved' && needsLeader) add('leader-approve', 'leader', 'approved', a.leader, gaps[3]);
  return steps;
}

/** The usual pace and a same-morning pace (office minutes); both drawn every time, so the draws do not depend on `now`. */
function drawGaps(rng: Rng): { usual: number[]; quick: number[] } {
  return {
    usual: [rng.int(5, 40), rng.int(60, 300), rng.int(60, 600), rng.int(60, 360)],
    quick: [rng.int(2, 10), rng.int(20, 50), rng.int(20, 50), rng.int(20, 50)],
  };
}

/**
 * Steps up to `target`, at the usual pace, or quicker when `mustFinish` and the usual pace passes
 * `now` or the entry's `deadline`; none after `now`.
 */
function timedSteps(
  rng: Rng,
  build: (gaps: number[], createdAt: number) => PlannedStep[],
  createdAt: number,
  mustFinish: boolean,
  now: number,
  deadline = Number.POSITIVE_INFINITY,
): PlannedStep[] {
  const { usual, quick } = drawGaps(rng);
  const start = Math.min(createdAt, now);
  let steps = build(usual, start);
  if (mustFinish && steps.at(-1)!.at > Math.min(now, deadline)) steps = build(quick, start);
  return steps.filter((s) => s.at <= now);
}

/** The entry columns a trail sets: status, who and when of each step. */
function columnsOf(steps: PlannedStep[]): Partial<EntryRow> & { status: TEntryStatus } {
  const find = (...actions: TStepAction[]) => steps.find((s) => actions.includes(s.action));
  const stamp = (s: PlannedStep | undefined) => (s ? new Date(s.at) : null);
  const submitted = find('submit', 'reverse');
  const reviewed = find('review');
  const approved = find('approve');
  const leader = find('leader-approve');
  const last = steps.at(-1)!;
  return {
    status: last.to,
    createdBy: steps[0].who.id,
    createdAt: new Date(steps[0].at),
    updatedAt: new Date(last.at),
    submittedBy: submitted?.who.id ?? null,
    submittedAt: stamp(submitted),
    reviewedBy: reviewed?.who.id ?? null,
    reviewedAt: stamp(reviewed),
    approvedBy: approved?.who.id ?? null,
    approvedAt: stamp(approved),
    leaderBy: leader?.who.id ?? null,
    leaderAt: stamp(leader),
    returnComment: last.to === 'returned' ? RETURN_COMMENT : null,
  };
}

export function numberAndApprove(rng: Rng, input: WorkflowInput, drafts: Draft[], accountBySource: Record<TDemoSource, string>) {
  const entries: EntryRow[] = [];
  const steps: StepRow[] = [];
  const seqByYear = new Map<number, number>();
  const nextNo = (date: string) => {
    const y = yearOf(date);
    const n = (seqByYear.get(y) ?? 0) + 1;
    seqByYear.set(y, n);
    return `ZJ${y}-${String(n).padStart(6, '0')}`;
  };
  const a = input.actors;
  const now = input.now.getTime();
  const recentFrom = addDays(input.today, -30);
  const morning = (date: string) => momentOn(date, 8 * 60 + 30 + rng.int(0, 60)).getTime();
  const voucher = (date: string) => `记-${date.slice(0, 7).replace('-', '')}-${String(rng.int(1, 999)).padStart(3, '0')}`;
  const record = (entryId: string, trail: PlannedStep[]) => {
    for (const s of trail) steps.push({ entryId, action: s.action, fromStatus: s.from, toStatus: s.to, actorId: s.who.id, actorName: s.who.name, comment: s.comment, createdAt: new Date(s.at) });
  };

  for (const d of drafts) {
    const id = newId();
    const needsLeader = d.amount.abs().gt(input.leaderThreshold);
    // Only recent expenses wait in the workflow: an unapproved income must not leave approved spending uncovered.
    const mayWait = d.direction === 'expense' && d.date >= recentFrom && !input.closedProjects.has(d.projectId) && !d.approvedBy;
    const target: Target = mayWait ? rng.weighted({ approved: 6, submitted: 1.2, reviewed: 1, leader: needsLeader ? 1 : 0, returned: 0.4 }) : 'approved';
    const byFinance = d.origin === 'bond-interest';
    const people = { submitter: byFinance ? a.finance : a.clerk, approver: byFinance ? a.finance2 : a.finance };
    const posted = d.origin === 'compensation' ? COMPENSATION_STEP_COMMENT : d.origin === 'bond-interest' ? BOND_INTEREST_STEP_COMMENT : null;
    const createdAt = d.recordedAt?.getTime() ?? morning(d.date);
    const trail = timedSteps(
      rng,
      (gaps, at) => {
        const first: PlannedStep = posted
          ? { action: 'submit', from: null, to: 'submitted', who: people.submitter, at, comment: posted }
          : { action: 'create', from: null, to: 'draft', who: people.submitter, at, comment: null };
        return planSteps(first, target, gaps, people, needsLeader, a);
      },
      createdAt,
      !mayWait,
      now,
      d.approvedBy ? momentOn(d.approvedBy, 17 * 60 + 30).getTime() : undefined,
    );
    const columns = columnsOf(trail);
    const accounted = columns.status === 'approved' || columns.status === 'leader';
    entries.push({
      id,
      entryNo: nextNo(d.date),
      direction: d.direction,
      entryDate: d.date,
      amount: d.amount.toFixed(2),
      category: d.category,
      sourceCode: d.source,
      accountId: accounted && d.source ? accountBySource[d.source] : null,
      projectId: d.projectId,
      parcelId: d.parcelId ?? null,
      partyId: d.partyId ?? null,
      bondPaymentId: d.bondPaymentId ?? null,
      contractNo: d.contractNo ?? null,
      voucherNo: columns.status === 'approved' ? voucher(d.date) : null,
      counterparty: d.counterparty,
      description: d.description,
      leaderRequired: needsLeader,
      origin: d.origin,
      ...columns,
      isDemo: true,
    });
    record(id, trail);
  }

  // Three corrections: an approved 其他 expense reversed in full by an approved reversal, some days later.
  const lastDay = lastDayOf(input);
  const candidates = entries.filter((e) => e.status === 'approved' && e.category === '其他' && e.entryDate < addDays(input.today, -60));
  for (const original of rng.sample(candidates, Math.min(3, candidates.length))) {
    const id = newId();
    const date = minDate(addDays(original.entryDate, rng.int(5, 40)), lastDay);
    const entryNo = nextNo(date);
    const createdAt = Math.max(morning(date), addOfficeMinutes(original.approvedAt!.getTime(), 60));
    const trail = timedSteps(
      rng,
      (gaps, at) =>
        planSteps({ action: 'reverse', from: null, to: 'submitted', who: a.finance, at, comment: REVERSAL_REASON }, 'approved', gaps, { submitter: a.finance, approver: a.finance2 }, false, a),
      createdAt,
      true,
      now,
    );
    const columns = columnsOf(trail);
    original.reversedBy = columns.status === 'approved' ? id : null;
    entries.push({
      ...original,
      id,
      entryNo,
      entryDate: date,
      amount: dec(original.amount).neg().toFixed(2),
      origin: 'reversal',
      reversalOf: original.id,
      reversedBy: null,
      leaderRequired: false,
      voucherNo: columns.status === 'approved' ? voucher(date) : null,
      description: `冲销 ${original.entryNo}：${REVERSAL_REASON}（演示）`,
      ...columns,
    });
    record(id, trail);
    // The original notes the request and, once approved, the reversal (as ledger/mutations.ts does).
    const notes: PlannedStep[] = [{ action: 'reverse', from: 'approved', to: 'approved', who: a.finance, at: trail[0].at, comment: reversalRequestedNote(entryNo, REVERSAL_REASON) }];
    const approval = trail.find((s) => s.to === 'approved');
    if (approval) notes.push({ action: 'reversal-approved', from: 'approved', to: 'approved', who: approval.who, at: approval.at, comment: reversalApprovedNote(entryNo) });
    record(original.id!, notes);
  }
  // Same scope as the ledger's own numbering (ledger/counters.ts entryScope).
  const counters = [...seqByYear].map(([y, n]) => ({ scope: `ledger-entry:${y}`, lastValue: n }));
  return { entries, steps, counters };
}
