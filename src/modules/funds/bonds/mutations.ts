import 'server-only';
import { and, eq, ne, or, sql } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { getSettings } from '@/platform/settings';
import { reserveProjects } from '@/modules/parcels/schema';
import { dec } from '@/modules/plans/amounts';
import { bondAllocations, bondPayments, bonds, bondSchedule } from '../schema';
import {
  allocationProblem,
  generateSchedule,
  couponsPerYearFor,
  maturityDate,
  repaymentLabel,
  RULE_SOURCES_FUNDS,
  scheduleTotals,
  subtractAmounts,
  sumAmounts,
  toAmount,
  wanPhrase,
  type ScheduleRow,
  type TCouponsPerYear,
} from '../rules';
import { postBondInterest, withdrawBondInterest } from '../ledger/posting';
import { getBondRow, type BondRow } from './queries';
import { allocationsOf, bondCheckSettings, debtsOf, projectBondChecks, projectCostBases, SCHEDULE_ROW_COLUMNS } from './project-checks';
import { N45_PROJECT_RULE, N45_SOURCE, PAYMENTS_EXIST_MESSAGE, ZAllocateToProject, ZAllocationRef, ZCreateBond, ZPaymentRef, ZRecordPayment, ZUpdateAllocation, ZUpdateBond } from './validation';

const PERMISSION = 'fund:bond';
const BOND = '专项债券';
const ALLOCATION = '专项债券分配';
const PAYMENT = '专项债券还本付息';

export { PAYMENTS_EXIST_MESSAGE };

const bondTakenMessage = (code: string) => `债券代码「${code}」已被使用，请换一个`;
const BOND_GONE = '债券不存在或已被删除，请刷新后重试';

/** A bond's terms: what the form sends (the coupon frequency follows from the setting) and what a stored bond holds. */
type TBondTerms = Omit<BondRow, 'id' | 'version' | 'isDemo'>;

function bondSnapshot(b: TBondTerms, rows: readonly ScheduleRow[]) {
  const totals = scheduleTotals(rows);
  return {
    code: b.code,
    name: b.name,
    issuer: b.issuer,
    amount: toAmount(dec(b.amount)),
    annualRate: dec(b.annualRate).toFixed(4),
    termYears: b.termYears,
    issueDate: b.issueDate,
    repaymentType: repaymentLabel(b.couponsPerYear, b.repaymentType),
    principalPercents: b.principalPercents ? b.principalPercents.map((p) => `${p}%`).join('、') : null,
    maturityDate: maturityDate(b.issueDate, b.termYears),
    docNo: b.docNo,
    note: b.note,
    scheduleRows: rows.length,
    totalInterest: totals.interest,
  };
}

/**
 * The terms as the bond is issued: interest once a year up to the tenor the setting
 * fund.bondAnnualCouponMaxYears names (10), every half year above — stored with the bond.
 */
async function issuedTerms<T extends Omit<TBondTerms, 'couponsPerYear'>>(tx: Tx, input: T): Promise<T & { couponsPerYear: TCouponsPerYear }> {
  const settings = await getSettings(tx);
  return { ...input, couponsPerYear: couponsPerYearFor(input.termYears, settings['fund.bondAnnualCouponMaxYears']) };
}

/** The schedule of these terms, or the rules' message as the failure. */
function scheduleFor(t: TBondTerms): ScheduleRow[] {
  const generated = generateSchedule({
    amount: t.amount,
    annualRatePercent: t.annualRate,
    termYears: t.termYears,
    issueDate: t.issueDate,
    couponsPerYear: t.couponsPerYear,
    repaymentType: t.repaymentType,
    principalPercents: t.principalPercents,
  });
  if (!generated.ok) fail(generated.message, 'INVALID_INPUT');
  return generated.rows;
}

async function requireFreeCode(tx: Tx, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: bonds.id })
    .from(bonds)
    .where(and(sql`upper(${bonds.code}) = upper(${code})`, exceptId ? ne(bonds.id, exceptId) : undefined));
  if (taken) fail(bondTakenMessage(code), 'CONFLICT', { code: bondTakenMessage(code) });
}

async function writeSchedule(tx: Tx, bondId: string, rows: readonly ScheduleRow[]) {
  await tx.insert(bondSchedule).values(rows.map((r) => ({ bondId, ...r })));
}

async function storedSchedule(tx: Tx, bondId: string): Promise<ScheduleRow[]> {
  return tx
    .select(SCHEDULE_ROW_COLUMNS)
    .from(bondSchedule)
    .where(eq(bondSchedule.bondId, bondId))
    .orderBy(bondSchedule.seq);
}

/** The bond row, locked: allocations and payments of one bond queue behind each other. */
async function lockBond(tx: Tx, id: string): Promise<BondRow> {
  const [locked] = await tx.select({ id: bonds.id }).from(bonds).where(eq(bonds.id, id)).for('update');
  if (!locked) fail(BOND_GONE, 'NOT_FOUND');
  const row = await getBondRow(tx, id);
  if (!row) fail(BOND_GONE, 'NOT_FOUND');
  return row;
}

async function uniqueOr<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) fail(message, 'CONFLICT');
    throw e;
  }
}

export const createBond = defineMutation({
  name: '新增专项债券',
  permission: PERMISSION,
  objectType: BOND,
  schema: ZCreateBond,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    const terms = await issuedTerms(tx, input);
    const rows = scheduleFor(terms);
    await requireFreeCode(tx, input.code);
    const [{ id }] = await uniqueOr(bondTakenMessage(input.code), () =>
      tx
        .insert(bonds)
        .values({ ...terms, createdBy: actor.userId })
        .returning({ id: bonds.id }),
    );
    await writeSchedule(tx, id, rows);
    await ctx.audit({
      action: '新增专项债券',
      objectType: BOND,
      objectId: id,
      before: null,
      after: bondSnapshot(terms, rows),
      message: `新增专项债券 ${input.code}「${input.name}」，生成还本付息计划 ${rows.length} 期`,
    });
    return { id };
  },
});

export const updateBond = defineMutation({
  name: '修改专项债券',
  permission: PERMISSION,
  objectType: BOND,
  schema: ZUpdateBond,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const before = await lockBond(tx, input.id);
    if (before.version !== input.version) fail('债券信息已被他人修改，请刷新后重试', 'CONFLICT');
    const [paid] = await tx.select({ id: bondPayments.id }).from(bondPayments).where(eq(bondPayments.bondId, input.id)).limit(1);
    if (paid) fail(PAYMENTS_EXIST_MESSAGE, 'CONFLICT');
    if (input.code.toUpperCase() !== before.code.toUpperCase()) await requireFreeCode(tx, input.code, input.id);

    const allocs = await tx
      .select({ amount: bondAllocations.amount, allocatedOn: bondAllocations.allocatedOn })
      .from(bondAllocations)
      .where(eq(bondAllocations.bondId, input.id));
    const allocated = sumAmounts(allocs.map((a) => a.amount));
    if (dec(input.amount).lt(dec(allocated))) {
      fail(`债券金额 ${wanPhrase(input.amount)} 不能小于已分配给项目的金额 ${wanPhrase(allocated)}，请先调整分配`);
    }
    const earliest = allocs.reduce<string | null>((m, a) => (m === null || a.allocatedOn < m ? a.allocatedOn : m), null);
    if (earliest !== null && input.issueDate > earliest) {
      fail(`发行日期（${input.issueDate}）不能晚于已有分配的分配日期（${earliest}）`);
    }

    const { id, version, ...typed } = input;
    const terms = await issuedTerms(tx, typed);
    const rows = scheduleFor(terms);
    const beforeRows = await storedSchedule(tx, id);
    await uniqueOr(bondTakenMessage(input.code), () =>
      tx
        .update(bonds)
        .set({ ...terms, version: version + 1 })
        .where(and(eq(bonds.id, id), eq(bonds.version, version))),
    );
    await tx.delete(bondSchedule).where(eq(bondSchedule.bondId, id));
    await writeSchedule(tx, id, rows);
    await ctx.audit({
      action: '修改专项债券',
      objectType: BOND,
      objectId: id,
      before: { ...bondSnapshot(before, beforeRows), version: before.version },
      after: { ...bondSnapshot(terms, rows), version: version + 1 },
      message: `修改专项债券 ${input.code}「${input.name}」，重新生成还本付息计划 ${rows.length} 期`,
    });
    return { id };
  },
});

interface LockedProject {
  id: string;
  code: string;
  name: string;
  status: string;
  planId: string | null;
  nationalCode: string | null;
  expectedIncome: string;
}

async function lockProject(tx: Tx, projectId: string): Promise<LockedProject> {
  const [p] = await tx
    .select({
      id: reserveProjects.id,
      code: reserveProjects.code,
      name: reserveProjects.name,
      status: reserveProjects.status,
      planId: reserveProjects.planId,
      nationalCode: reserveProjects.nationalCode,
      expectedIncome: reserveProjects.expectedIncome,
    })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, projectId))
    .for('update');
  if (!p) fail('项目不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return p;
}

/** N45: active, in the reserve plan, with the national system project code. */
function requireBondEligible(p: LockedProject) {
  if (p.status !== 'active') fail(`项目 ${p.code} 已关闭，不能安排专项债券资金`);
  const missing = [p.planId ? null : '未纳入储备计划', p.nationalCode ? null : '未填写全国土地储备监测监管系统项目编码'].filter(Boolean);
  if (missing.length) fail(`项目 ${p.code} ${missing.join('且')}，不能使用专项债券（${N45_SOURCE}：${N45_PROJECT_RULE}）`);
}

/**
 * The checks of an allocation of `amount` from `bond` to `project` (the project's allocation of
 * this bond, if any, left out as `exceptId`): date, Σ within the bond, the centre's cap on the
 * project's bond money (a setting, cited as such), and 62号 — the project's income (on the basis
 * the settings name) covers the principal and interest of all its bonds with this allocation.
 */
async function checkAllocation(tx: Tx, bond: BondRow, project: LockedProject, amount: string, allocatedOn: string, exceptId: string | null) {
  if (allocatedOn < bond.issueDate) fail(`分配日期（${allocatedOn}）不能早于债券发行日期（${bond.issueDate}）`);
  const others = await tx
    .select({ id: bondAllocations.id, bondId: bondAllocations.bondId, projectId: bondAllocations.projectId, amount: bondAllocations.amount })
    .from(bondAllocations)
    .where(or(eq(bondAllocations.bondId, bond.id), eq(bondAllocations.projectId, project.id)));
  const rest = others.filter((a) => a.id !== exceptId);
  const problem = allocationProblem({
    bondAmount: bond.amount,
    allocatedToOthers: sumAmounts(rest.filter((a) => a.bondId === bond.id).map((a) => a.amount)),
    requested: amount,
  });
  if (problem) fail(problem);
  const settings = await bondCheckSettings(tx);
  const allocs = [
    ...(await allocationsOf(tx, [project.id])).filter((a) => a.bondId !== bond.id),
    { projectId: project.id, bondId: bond.id, amount, bondAmount: bond.amount },
  ];
  const [debts, bases] = await Promise.all([debtsOf(tx, allocs, [project.id]), projectCostBases(tx, [project.id])]);
  const checks = projectBondChecks(settings, bases.get(project.id)!, debts.get(project.id)!);
  if (!checks.share.ok) fail(`项目 ${project.code}：${checks.share.message}（${settings.shareSource}）`);
  if (!checks.coverage.covered) fail(`项目 ${project.code}：${checks.coverage.requirement}（${RULE_SOURCES_FUNDS.coverageRequirement}）`);
}

function allocationSnapshot(bond: BondRow, project: LockedProject, a: { amount: string; allocatedOn: string; note: string | null }) {
  return {
    bond: `${bond.code} ${bond.name}`,
    project: `${project.code} ${project.name}`,
    amount: toAmount(dec(a.amount)),
    allocatedOn: a.allocatedOn,
    note: a.note,
  };
}

export const allocateToProject = defineMutation({
  name: '分配专项债券',
  permission: PERMISSION,
  objectType: ALLOCATION,
  schema: ZAllocateToProject,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    const bond = await lockBond(tx, input.bondId);
    const project = await lockProject(tx, input.projectId);
    requireBondEligible(project);
    const [existing] = await tx
      .select({ id: bondAllocations.id })
      .from(bondAllocations)
      .where(and(eq(bondAllocations.bondId, bond.id), eq(bondAllocations.projectId, project.id)));
    const duplicate = `项目 ${project.code} 已分配本债券资金，请修改原分配`;
    if (existing) fail(duplicate, 'CONFLICT');
    await checkAllocation(tx, bond, project, input.amount, input.allocatedOn, null);
    const [{ id }] = await uniqueOr(duplicate, () =>
      tx
        .insert(bondAllocations)
        .values({ bondId: bond.id, projectId: project.id, amount: input.amount, allocatedOn: input.allocatedOn, note: input.note, createdBy: actor.userId })
        .returning({ id: bondAllocations.id }),
    );
    await ctx.audit({
      action: '分配专项债券',
      objectType: ALLOCATION,
      objectId: id,
      before: null,
      after: allocationSnapshot(bond, project, input),
      message: `专项债券 ${bond.code} 分配给项目 ${project.code} ${wanPhrase(input.amount)}`,
    });
    return { id };
  },
});

/** The allocation with its bond (locked first) and project (locked second). */
async function loadAllocationForChange(tx: Tx, id: string) {
  const gone = '债券分配不存在或已被删除，请刷新后重试';
  const [ref] = await tx.select({ bondId: bondAllocations.bondId }).from(bondAllocations).where(eq(bondAllocations.id, id));
  if (!ref) fail(gone, 'NOT_FOUND');
  const bond = await lockBond(tx, ref.bondId);
  const [alloc] = await tx.select().from(bondAllocations).where(eq(bondAllocations.id, id));
  if (!alloc) fail(gone, 'NOT_FOUND');
  const project = await lockProject(tx, alloc.projectId);
  return { bond, alloc, project };
}

export const updateAllocation = defineMutation({
  name: '调整专项债券分配',
  permission: PERMISSION,
  objectType: ALLOCATION,
  schema: ZUpdateAllocation,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const { bond, alloc, project } = await loadAllocationForChange(tx, input.id);
    requireBondEligible(project);
    await checkAllocation(tx, bond, project, input.amount, input.allocatedOn, alloc.id);
    await tx
      .update(bondAllocations)
      .set({ amount: input.amount, allocatedOn: input.allocatedOn, note: input.note })
      .where(eq(bondAllocations.id, alloc.id));
    await ctx.audit({
      action: '调整专项债券分配',
      objectType: ALLOCATION,
      objectId: alloc.id,
      before: allocationSnapshot(bond, project, alloc),
      after: allocationSnapshot(bond, project, input),
      message: `专项债券 ${bond.code} 分配给项目 ${project.code} 的金额由 ${wanPhrase(toAmount(dec(alloc.amount)))} 调整为 ${wanPhrase(input.amount)}`,
    });
    return { id: alloc.id };
  },
});

export const removeAllocation = defineMutation({
  name: '取消专项债券分配',
  permission: PERMISSION,
  objectType: ALLOCATION,
  schema: ZAllocationRef,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const { bond, alloc, project } = await loadAllocationForChange(tx, input.id);
    await tx.delete(bondAllocations).where(eq(bondAllocations.id, alloc.id));
    await ctx.audit({
      action: '取消专项债券分配',
      objectType: ALLOCATION,
      objectId: alloc.id,
      before: allocationSnapshot(bond, project, alloc),
      after: null,
      message: `取消专项债券 ${bond.code} 对项目 ${project.code} 的分配（${wanPhrase(toAmount(dec(alloc.amount)))}）`,
    });
    return { id: alloc.id };
  },
});

export const recordPayment = defineMutation({
  name: '登记专项债券还本付息',
  permission: PERMISSION,
  objectType: PAYMENT,
  schema: ZRecordPayment,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    const gone = '还本付息计划已变更，请刷新后重试';
    const [ref] = await tx.select({ bondId: bondSchedule.bondId }).from(bondSchedule).where(eq(bondSchedule.id, input.scheduleId));
    if (!ref) fail(gone, 'NOT_FOUND');
    const bond = await lockBond(tx, ref.bondId);
    const [row] = await tx.select().from(bondSchedule).where(eq(bondSchedule.id, input.scheduleId));
    if (!row) fail(gone, 'NOT_FOUND');
    if (input.paidOn < bond.issueDate) fail(`付款日期（${input.paidOn}）不能早于债券发行日期（${bond.issueDate}）`);

    const [paid] = await tx
      .select({
        principal: sql<string>`coalesce(sum(${bondPayments.principalPaid}), 0)`,
        interest: sql<string>`coalesce(sum(${bondPayments.interestPaid}), 0)`,
      })
      .from(bondPayments)
      .where(eq(bondPayments.scheduleId, row.id));
    const principalLeft = subtractAmounts(row.principal, String(paid.principal));
    const interestLeft = subtractAmounts(row.interest, String(paid.interest));
    const over: string[] = [];
    if (dec(input.principalPaid).gt(dec(principalLeft))) over.push(`支付本金 ${input.principalPaid} 元超过该期尚未支付的本金 ${principalLeft} 元`);
    if (dec(input.interestPaid).gt(dec(interestLeft))) over.push(`支付利息 ${input.interestPaid} 元超过该期尚未支付的利息 ${interestLeft} 元`);
    if (over.length) fail(`第 ${row.seq} 期（应付日期 ${row.dueDate}）：${over.join('；')}`);

    const values = {
      bondId: bond.id,
      scheduleId: row.id,
      paidOn: input.paidOn,
      principalPaid: input.principalPaid,
      interestPaid: input.interestPaid,
      voucherNo: input.voucherNo,
      note: input.note,
      createdBy: actor.userId,
    };
    const [{ id }] = await tx.insert(bondPayments).values(values).returning({ id: bondPayments.id });
    // The interest is the projects' financing cost: it posts to the ledger (entered once).
    const posted = dec(input.interestPaid).gt(0)
      ? await postBondInterest(tx, actor, { bond: { id: bond.id, code: bond.code, amount: bond.amount }, seq: row.seq, paymentId: id, paidOn: input.paidOn, interest: input.interestPaid })
      : { entries: [], unallocated: '0.00' };
    const postedText = posted.entries.length
      ? `；利息已记入收支台账 ${posted.entries.map((e) => `${e.entryNo}（项目 ${e.projectCode}，${e.amount} 元）`).join('、')}，待科室审核`
      : '';
    const unallocatedText = dec(posted.unallocated).gt(0) ? `；债券未分配部分的利息 ${posted.unallocated} 元未记入任何项目` : '';
    await ctx.audit({
      action: '登记专项债券还本付息',
      objectType: PAYMENT,
      objectId: id,
      before: null,
      after: paymentSnapshot(bond, row, values),
      message: `专项债券 ${bond.code} 第 ${row.seq} 期还本付息：本金 ${input.principalPaid} 元，利息 ${input.interestPaid} 元${postedText}${unallocatedText}`,
    });
    return { id, postedEntries: posted.entries.map((e) => e.entryNo), unallocatedInterest: posted.unallocated };
  },
});

function paymentSnapshot(
  bond: BondRow,
  row: { seq: number; dueDate: string },
  p: { paidOn: string; principalPaid: string; interestPaid: string; voucherNo: string | null; note: string | null },
) {
  return {
    bond: `${bond.code} ${bond.name}`,
    seq: row.seq,
    dueDate: row.dueDate,
    paidOn: p.paidOn,
    principalPaid: toAmount(dec(p.principalPaid)),
    interestPaid: toAmount(dec(p.interestPaid)),
    voucherNo: p.voucherNo,
    note: p.note,
  };
}

export const deletePayment = defineMutation({
  name: '删除专项债券还本付息记录',
  permission: PERMISSION,
  objectType: PAYMENT,
  schema: ZPaymentRef,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const gone = '还本付息记录不存在或已被删除，请刷新后重试';
    const [ref] = await tx.select({ bondId: bondPayments.bondId }).from(bondPayments).where(eq(bondPayments.id, input.id));
    if (!ref) fail(gone, 'NOT_FOUND');
    const bond = await lockBond(tx, ref.bondId);
    const [payment] = await tx.select().from(bondPayments).where(eq(bondPayments.id, input.id));
    if (!payment) fail(gone, 'NOT_FOUND');
    const [row] = await tx.select({ seq: bondSchedule.seq, dueDate: bondSchedule.dueDate }).from(bondSchedule).where(eq(bondSchedule.id, payment.scheduleId));
    const withdrawn = await withdrawBondInterest(tx, ctx.actor, payment.id);
    await tx.delete(bondPayments).where(eq(bondPayments.id, payment.id));
    await ctx.audit({
      action: '删除专项债券还本付息记录',
      objectType: PAYMENT,
      objectId: payment.id,
      before: paymentSnapshot(bond, row ?? { seq: 0, dueDate: '' }, payment),
      after: null,
      message: `删除专项债券 ${bond.code} 第 ${row?.seq ?? '?'} 期的还本付息记录（本金 ${payment.principalPaid} 元，利息 ${payment.interestPaid} 元）${withdrawn.length ? `；未审批的利息记录 ${withdrawn.join('、')} 随之删除` : ''}`,
    });
    return { id: payment.id, withdrawnEntries: withdrawn };
  },
});
