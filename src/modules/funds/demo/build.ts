import { Dec, dec, type TDec } from '@/modules/plans/amounts';
import { addDays, dateBetween, daysBetween, maxDate, minDate, Rng, yearOf } from '@/modules/parcels/demo/random';
import { newId } from '@/platform/ids';
import type { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundAccounts, ledgerEntries, ledgerSteps } from '../schema';
import { LEDGER_CATEGORIES, toAmount, type TLedgerCategory } from '../rules/money';
import { generateSchedule, type BondTerms } from '../rules/schedule';
import { splitBondInterest } from '../rules/bond-interest';

/**
 * Demo data of the funds module (演示数据), built from the demo projects and parcels already in
 * the database: accounts for the four F18 sources, two special bonds with their schedules and
 * allocations, ledger entries that follow the parcels' own records (compensation paid, works
 * progress, custody, bond interest, land-sale income), fiscal appropriations placed so that no
 * project's cash ever goes negative (N45), whole-life and annual budgets, a few entries still in
 * the approval workflow and a few reversals. Pure and deterministic for a seed and a "today".
 */

export interface FundsDemoInput {
  today: string;
  seed?: number;
  leaderThreshold: string;
  /** Demo users who did the steps (finance2: the second finance approver that separation of duties needs). */
  actors: Record<'clerk' | 'chief' | 'finance' | 'finance2' | 'leader', { id: string | null; name: string }>;
  projects: { id: string; code: string; name: string; status: string; expectedIncome: string; estimatedCost: string; nationalCode: string | null; planId: string | null; createdAt: string }[];
  parcels: { id: string; code: string; projectId: string; stage: string; reservedOn: string | null; leftCustodyOn: string | null }[];
  parties: { id: string; parcelId: string; name: string; amountPaid: string; signedOn: string | null; startedOn: string }[];
  works: { parcelId: string; contractor: string | null; contractNo: string | null; contractAmount: string; progress: number; startedOn: string | null; acceptedOn: string | null }[];
  supplies: { parcelId: string; dealPrice: string | null; dealDate: string | null }[];
}

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type EntryRow = Insert<typeof ledgerEntries>;

export interface FundsDemoData {
  accounts: Insert<typeof fundAccounts>[];
  bonds: Insert<typeof bonds>[];
  allocations: Insert<typeof bondAllocations>[];
  schedule: Insert<typeof bondSchedule>[];
  payments: Insert<typeof bondPayments>[];
  entries: EntryRow[];
  steps: Insert<typeof ledgerSteps>[];
  versions: Insert<typeof budgetVersions>[];
  lines: Insert<typeof budgetLines>[];
  counters: { scope: string; lastValue: number }[];
}

const FIRST_DAY = '2022-01-01';

const ACCOUNTS = [
  { source: 'fiscal', name: '土地储备资金财政专户（演示）', bank: '中国建设银行益阳分行' },
  { source: 'bond', name: '土地储备专项债券资金账户（演示）', bank: '中国工商银行益阳分行' },
  { source: 'land_income', name: '土地出让收入返还资金账户（演示）', bank: '中国农业银行益阳分行' },
  { source: 'other', name: '土地储备其他资金账户（演示）', bank: '益阳农村商业银行' },
] as const;
type TSource = (typeof ACCOUNTS)[number]['source'];

/** A raw draft before numbering and statuses. */
interface Draft {
  direction: 'income' | 'expense';
  date: string;
  amount: TDec;
  category: string;
  source: TSource;
  projectId: string;
  parcelId?: string;
  partyId?: string;
  origin: 'manual' | 'compensation' | 'bond-interest';
  /** origin 'bond-interest': the bond payment the interest was posted from. */
  bondPaymentId?: string;
  counterparty: string;
  description: string;
  contractNo?: string | null;
}

const FEN = new Dec('0.01');

/** Split `total` into `n` fen-exact parts with random weights (the last takes the rest). */
function split(rng: Rng, total: TDec, n: number): TDec[] {
  if (n <= 1 || total.lt(new Dec(n))) return [total];
  const w = rng.weights(n);
  const parts: TDec[] = [];
  let left = total;
  for (let i = 0; i < n - 1; i++) {
    const p = total.mul(w[i].toFixed(6)).toDecimalPlaces(2, Dec.ROUND_DOWN);
    parts.push(p);
    left = left.sub(p);
  }
  parts.push(left);
  return parts.filter((p) => p.gt(0));
}

const roundUp = (v: TDec, step: number): TDec => v.div(step).ceil().mul(step);
const roundDown = (v: TDec, step: number): TDec => v.div(step).floor().mul(step);

function buildBonds(rng: Rng, input: FundsDemoInput) {
  const eligible = input.projects
    .filter((p) => p.status === 'active' && p.nationalCode && p.planId && dec(p.expectedIncome).gt(20_000_000))
    .sort((a, b) => a.code.localeCompare(b.code));
  const picks = [eligible.slice(0, 3), eligible.slice(3, 6)];
  const specs: { code: string; name: string; terms: BondTerms; docNo: string }[] = [
    {
      code: '2023-YYTDCB-01',
      name: '2023年湖南省益阳市土地储备专项债券（一期）（演示）',
      terms: { amount: '0', annualRatePercent: '3.12', termYears: 5, issueDate: '2023-04-18', repaymentType: 'bullet' },
      docNo: '湘财债〔2023〕18号',
    },
    {
      code: '2024-YYTDCB-02',
      name: '2024年湖南省益阳市土地储备专项债券（二期）（演示）',
      terms: { amount: '0', annualRatePercent: '2.65', termYears: 7, issueDate: '2024-09-12', repaymentType: 'amortizing', firstPaymentDate: '2024-12-31' },
      docNo: '湘财债〔2024〕42号',
    },
  ];
  const out = { bonds: [] as FundsDemoData['bonds'], allocations: [] as FundsDemoData['allocations'], schedule: [] as FundsDemoData['schedule'], payments: [] as FundsDemoData['payments'] };
  // Interest paid, posted per project as the ledger posting does (splitBondInterest).
  const interest: { projectId: string; date: string; amount: TDec; bondCode: string; seq: number; percent: string; paymentId: string }[] = [];
  const drawByProject: { projectId: string; date: string; amount: TDec; bond: string }[] = [];
  specs.forEach((spec, i) => {
    const projects = picks[i];
    if (projects.length === 0) return;
    // B19: at most 70% of the expected income; the demo stays between 40% and 60%.
    const shares = projects.map((p) => roundDown(dec(p.expectedIncome).mul(rng.between(0.4, 0.6).toFixed(3)), 1_000_000));
    const amount = shares.reduce((s, v) => s.add(v), new Dec(0));
    const terms = { ...spec.terms, amount: amount.toFixed(2) };
    const schedule = generateSchedule(terms);
    if (!schedule.ok) throw new Error(`演示债券还本付息计划生成失败：${schedule.message}`);
    const bondId = newId();
    out.bonds.push({
      id: bondId,
      code: spec.code,
      name: spec.name,
      amount: terms.amount,
      annualRate: terms.annualRatePercent,
      termYears: terms.termYears,
      issueDate: terms.issueDate,
      firstPaymentDate: terms.firstPaymentDate ?? null,
      repaymentType: terms.repaymentType,
      docNo: spec.docNo,
      note: '演示数据',
      isDemo: true,
      createdBy: input.actors.finance.id,
    });
    const rowIds = schedule.rows.map(() => newId());
    schedule.rows.forEach((r, k) => out.schedule.push({ id: rowIds[k], bondId, ...r }));
    projects.forEach((p, k) => {
      const allocatedOn = addDays(terms.issueDate, rng.int(3, 20));
      out.allocations.push({ bondId, projectId: p.id, amount: shares[k].toFixed(2), allocatedOn, note: '演示数据', createdBy: input.actors.finance.id });
      drawByProject.push({ projectId: p.id, date: allocatedOn, amount: shares[k], bond: spec.name });
    });
    const allocations = projects.map((p, k) => ({ projectId: p.id, projectCode: p.code, projectName: p.name, projectStatus: p.status, amount: shares[k].toFixed(2) }));
    for (const [k, r] of schedule.rows.entries()) {
      if (r.dueDate > input.today) continue;
      const paymentId = newId();
      out.payments.push({ id: paymentId, bondId, scheduleId: rowIds[k], paidOn: r.dueDate, principalPaid: r.principal, interestPaid: r.interest, voucherNo: `HBFX-${r.dueDate.replace(/-/g, '')}-${i + 1}`, note: '演示数据', createdBy: input.actors.finance.id });
      for (const share of splitBondInterest(r.interest, terms.amount, allocations).shares) {
        if (dec(share.amount).gt(0)) interest.push({ projectId: share.projectId, date: r.dueDate, amount: dec(share.amount), bondCode: spec.code, seq: r.seq, percent: share.percent, paymentId });
      }
    }
  });
  return { ...out, interest, drawByProject };
}

function expenseDrafts(rng: Rng, input: FundsDemoInput, parcelById: Map<string, FundsDemoInput['parcels'][number]>): Draft[] {
  const drafts: Draft[] = [];
  for (const party of input.parties) {
    const parcel = parcelById.get(party.parcelId);
    if (!parcel || dec(party.amountPaid).lte(0)) continue;
    const from = maxDate(party.signedOn ?? party.startedOn, FIRST_DAY);
    const to = minDate(addDays(from, 240), input.today);
    const parts = split(rng, dec(party.amountPaid), rng.int(1, 3));
    for (const amount of parts) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, to),
        amount,
        category: '征收补偿',
        source: 'fiscal',
        projectId: parcel.projectId,
        parcelId: parcel.id,
        partyId: party.id,
        origin: 'compensation',
        counterparty: party.name,
        description: `地块 ${parcel.code} 征收补偿款（演示）`,
      });
    }
  }
  for (const w of input.works) {
    const parcel = parcelById.get(w.parcelId);
    if (!parcel || w.progress <= 0 || !w.startedOn) continue;
    const paidShare = w.acceptedOn ? 1 : (w.progress / 100) * 0.85;
    const total = dec(w.contractAmount).mul(paidShare.toFixed(4)).toDecimalPlaces(2, Dec.ROUND_DOWN);
    if (total.lte(0)) continue;
    const from = maxDate(w.startedOn, FIRST_DAY);
    const to = minDate(w.acceptedOn ? addDays(w.acceptedOn, 60) : input.today, input.today);
    for (const amount of split(rng, total, rng.int(2, 4))) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, to),
        amount,
        category: '前期开发',
        source: 'fiscal',
        projectId: parcel.projectId,
        parcelId: parcel.id,
        origin: 'manual',
        counterparty: w.contractor ?? '施工单位',
        description: `地块 ${parcel.code} 前期开发工程款（演示）`,
        contractNo: w.contractNo,
      });
    }
  }
  // 管护: a fee about every two months per parcel while it is held (reserved until supplied or cancelled).
  for (const p of input.parcels) {
    if (!p.reservedOn) continue;
    const end = minDate(p.leftCustodyOn ?? input.today, input.today);
    const fee = new Dec(rng.int(3, 12) * 1000).add(new Dec(rng.int(0, 99)).mul(FEN).mul(100));
    let month = maxDate(p.reservedOn, FIRST_DAY);
    while (daysBetween(month, end) > 0) {
      drafts.push({
        direction: 'expense',
        date: month,
        amount: fee,
        category: '管护',
        source: 'fiscal',
        projectId: p.projectId,
        parcelId: p.id,
        origin: 'manual',
        counterparty: '益阳市城市综合管护服务中心（演示）',
        description: `地块 ${p.code} 管护费（${month.slice(0, 7)} 起两个月，演示）`,
      });
      month = addDays(month, rng.int(55, 65));
    }
  }
  // 其他: surveys, appraisals, notices — a few per project.
  for (const pr of input.projects) {
    const from = maxDate(pr.createdAt, FIRST_DAY);
    if (from > input.today) continue;
    for (let k = rng.int(1, 4); k > 0; k--) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, input.today),
        amount: new Dec(rng.int(8, 160) * 1000),
        category: '其他',
        source: 'fiscal',
        projectId: pr.id,
        origin: 'manual',
        counterparty: rng.pick(['益阳市土地估价事务所（演示）', '湖南省第二测绘院（演示）', '益阳日报社（演示）']),
        description: rng.pick(['土地评估费', '勘测定界费', '出让公告费', '地籍调查费']) + '（演示）',
      });
    }
  }
  return drafts;
}

export function buildFundsDemo(input: FundsDemoInput): FundsDemoData {
  const rng = new Rng(input.seed ?? 20_260_418);
  const accountBySource = Object.fromEntries(ACCOUNTS.map((a) => [a.source, newId()])) as Record<TSource, string>;
  const accounts: FundsDemoData['accounts'] = ACCOUNTS.map((a, i) => ({
    id: accountBySource[a.source],
    sourceCode: a.source,
    name: a.name,
    bankName: a.bank,
    accountNo: `43050162${String(i + 1).padStart(4, '0')}${rng.digits(8)}`,
    note: '演示数据',
    isDemo: true,
  }));
  const parcelById = new Map(input.parcels.map((p) => [p.id, p]));
  const bondData = buildBonds(rng, input);
  const bondProjects = new Map(bondData.drawByProject.map((d) => [d.projectId, d.date]));

  const drafts = expenseDrafts(rng, input, parcelById);
  for (const it of bondData.interest) {
    drafts.push({
      direction: 'expense',
      date: it.date,
      amount: it.amount,
      category: '融资成本',
      source: 'fiscal',
      projectId: it.projectId,
      origin: 'bond-interest',
      bondPaymentId: it.paymentId,
      counterparty: `专项债券 ${it.bondCode}`,
      description: `专项债券 ${it.bondCode} 第 ${it.seq} 期利息，按分配比例 ${it.percent}% 分摊（由还本付息登记自动生成，演示）`,
    });
  }
  // Spending after a project's bond draw is paid from the bond account.
  for (const d of drafts) {
    const drawn = bondProjects.get(d.projectId);
    if (drawn && d.date >= drawn && d.category !== '融资成本') d.source = 'bond';
  }
  for (const d of bondData.drawByProject) {
    drafts.push({ direction: 'income', date: d.date, amount: d.amount, category: '专项债券资金', source: 'bond', projectId: d.projectId, origin: 'manual', counterparty: '益阳市财政局', description: `${d.bond} 资金拨付（演示）` });
  }
  for (const s of input.supplies) {
    const parcel = parcelById.get(s.parcelId);
    if (!parcel || !s.dealPrice || !s.dealDate) continue;
    const date = addDays(s.dealDate, rng.int(30, 90));
    if (date > input.today) continue;
    drafts.push({
      direction: 'income',
      date: maxDate(date, FIRST_DAY),
      amount: dec(s.dealPrice).mul('0.35').toDecimalPlaces(2, Dec.ROUND_DOWN),
      category: '出让收入返还',
      source: 'land_income',
      projectId: parcel.projectId,
      parcelId: parcel.id,
      origin: 'manual',
      counterparty: '益阳市财政局',
      description: `地块 ${parcel.code} 出让收入返还（演示）`,
    });
  }
  // Fiscal appropriations ahead of spending, so that no project's money in any account ever goes
  // negative (N45, and F18's separate accounts): bond money pays until it is used up, then the
  // fiscal account, which receives an appropriation whenever it would not cover a payment.
  const byProject = new Map<string, Draft[]>();
  for (const d of drafts) byProject.set(d.projectId, [...(byProject.get(d.projectId) ?? []), d]);
  for (const [projectId, list] of byProject) {
    list.sort((a, b) => (a.date === b.date ? (a.direction === 'income' ? -1 : 1) : a.date < b.date ? -1 : 1));
    const cash: Record<TSource, TDec> = { fiscal: new Dec(0), bond: new Dec(0), land_income: new Dec(0), other: new Dec(0) };
    for (const d of list) {
      if (d.direction === 'income') {
        cash[d.source] = cash[d.source].add(d.amount);
        continue;
      }
      if (d.source !== 'fiscal' && cash[d.source].lt(d.amount)) d.source = 'fiscal';
      if (d.source === 'fiscal' && cash.fiscal.lt(d.amount)) {
        const amount = roundUp(d.amount.sub(cash.fiscal).add(rng.int(5, 30) * 100_000), 100_000);
        const date = maxDate(`${d.date.slice(0, 8)}01`, FIRST_DAY);
        drafts.push({ direction: 'income', date, amount, category: '财政拨款', source: 'fiscal', projectId, origin: 'manual', counterparty: '益阳市财政局', description: `土地储备资金预算拨款（${date.slice(0, 7)}，演示）` });
        cash.fiscal = cash.fiscal.add(amount);
      }
      cash[d.source] = cash[d.source].sub(d.amount);
    }
  }

  drafts.sort((a, b) => (a.date === b.date ? (a.direction === b.direction ? 0 : a.direction === 'income' ? -1 : 1) : a.date < b.date ? -1 : 1));
  const { entries, steps, counters } = numberAndApprove(rng, input, drafts, accountBySource);
  const { versions, lines } = buildBudgets(rng, input, entries);
  return { accounts, bonds: bondData.bonds, allocations: bondData.allocations, schedule: bondData.schedule, payments: bondData.payments, entries, steps, versions, lines, counters };
}

/** Entry numbers per year, the approval trail, a few entries left in the workflow, a few reversals. */
function numberAndApprove(rng: Rng, input: FundsDemoInput, drafts: Draft[], accountBySource: Record<TSource, string>) {
  const entries: EntryRow[] = [];
  const steps: FundsDemoData['steps'] = [];
  const seqByYear = new Map<number, number>();
  const nextNo = (date: string) => {
    const y = yearOf(date);
    const n = (seqByYear.get(y) ?? 0) + 1;
    seqByYear.set(y, n);
    return `ZJ${y}-${String(n).padStart(6, '0')}`;
  };
  const { clerk, chief, finance, finance2, leader } = input.actors;
  const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`);
  const recentFrom = addDays(input.today, -30);
  const projectClosed = new Set(input.projects.filter((p) => p.status === 'closed').map((p) => p.id));

  const trail = (entryId: string, date: string, upTo: 'draft' | 'submitted' | 'reviewed' | 'leader' | 'approved' | 'returned', needsLeader: boolean) => {
    const day2 = minDate(addDays(date, 1), input.today);
    const add = (action: string, from: string | null, to: string, who: { id: string | null; name: string }, when: Date, comment: string | null = null) =>
      steps.push({ entryId, action, fromStatus: from, toStatus: to, actorId: who.id, actorName: who.name, comment, createdAt: when });
    if (upTo === 'draft') return;
    add('提交', 'draft', 'submitted', clerk, at(date, 9));
    if (upTo === 'submitted') return;
    if (upTo === 'returned') {
      add('退回', 'submitted', 'returned', chief, at(date, 15), '附件不全，请补充付款审批单和发票后重新提交');
      return;
    }
    add('审核通过', 'submitted', 'reviewed', chief, at(date, 14));
    if (upTo === 'reviewed') return;
    add('财务审批', 'reviewed', needsLeader ? 'leader' : 'approved', finance, at(day2, 10));
    if (upTo === 'leader' || !needsLeader) return;
    add('领导审批', 'leader', 'approved', leader, at(day2, 16));
  };

  for (const d of drafts) {
    const id = newId();
    const amount = d.amount.toFixed(2);
    const needsLeader = d.amount.abs().gt(input.leaderThreshold);
    let status: 'submitted' | 'reviewed' | 'leader' | 'approved' | 'returned' = 'approved';
    // Only recent expenses wait in the workflow: an unapproved income must not leave approved spending uncovered.
    if (d.direction === 'expense' && d.date >= recentFrom && !projectClosed.has(d.projectId)) {
      status = rng.weighted({ approved: 6, submitted: 1.2, reviewed: 1, leader: needsLeader ? 1 : 0, returned: 0.4 });
    }
    const approved = status === 'approved';
    const afterReview = approved || status === 'leader';
    const day2 = minDate(addDays(d.date, 1), input.today);
    entries.push({
      id,
      entryNo: nextNo(d.date),
      direction: d.direction,
      entryDate: d.date,
      amount,
      category: d.category,
      sourceCode: d.source,
      accountId: afterReview ? accountBySource[d.source] : null,
      projectId: d.projectId,
      parcelId: d.parcelId ?? null,
      partyId: d.partyId ?? null,
      bondPaymentId: d.bondPaymentId ?? null,
      contractNo: d.contractNo ?? null,
      voucherNo: approved ? `记-${d.date.slice(0, 7).replace('-', '')}-${String(rng.int(1, 999)).padStart(3, '0')}` : null,
      counterparty: d.counterparty,
      description: d.description,
      status,
      leaderRequired: needsLeader,
      origin: d.origin,
      createdBy: clerk.id,
      submittedBy: clerk.id,
      submittedAt: at(d.date, 9),
      reviewedBy: status === 'submitted' || status === 'returned' ? null : chief.id,
      reviewedAt: status === 'submitted' || status === 'returned' ? null : at(d.date, 14),
      approvedBy: afterReview ? finance.id : null,
      approvedAt: afterReview ? at(day2, 10) : null,
      leaderBy: approved && needsLeader ? leader.id : null,
      leaderAt: approved && needsLeader ? at(day2, 16) : null,
      returnComment: status === 'returned' ? '附件不全，请补充付款审批单和发票后重新提交' : null,
      isDemo: true,
    });
    trail(id, d.date, status, needsLeader);
  }

  // Three corrections: an approved 其他 expense reversed in full by an approved reversal.
  const candidates = entries.filter((e) => e.status === 'approved' && e.category === '其他' && e.entryDate < addDays(input.today, -60));
  for (const original of rng.sample(candidates, Math.min(3, candidates.length))) {
    const id = newId();
    const date = minDate(addDays(original.entryDate, rng.int(5, 40)), input.today);
    original.reversedBy = id;
    entries.push({
      ...original,
      id,
      entryNo: nextNo(date),
      entryDate: date,
      amount: dec(original.amount).neg().toFixed(2),
      origin: 'reversal',
      reversalOf: original.id,
      reversedBy: null,
      leaderRequired: false,
      leaderBy: null,
      leaderAt: null,
      voucherNo: `记-${date.slice(0, 7).replace('-', '')}-${String(rng.int(1, 999)).padStart(3, '0')}`,
      description: `冲销 ${original.entryNo}：重复支付，对方已退回（演示）`,
      createdBy: finance.id,
      submittedBy: finance.id,
      submittedAt: at(date, 9),
      reviewedBy: chief.id,
      reviewedAt: at(date, 14),
      approvedBy: finance2.id,
      approvedAt: at(minDate(addDays(date, 1), input.today), 10),
    });
    steps.push({ entryId: id, action: '冲销', fromStatus: null, toStatus: 'submitted', actorId: finance.id, actorName: finance.name, comment: '重复支付，对方已退回', createdAt: at(date, 9) });
    steps.push({ entryId: id, action: '审核通过', fromStatus: 'submitted', toStatus: 'reviewed', actorId: chief.id, actorName: chief.name, comment: null, createdAt: at(date, 14) });
    steps.push({ entryId: id, action: '财务审批', fromStatus: 'reviewed', toStatus: 'approved', actorId: finance2.id, actorName: finance2.name, comment: null, createdAt: at(minDate(addDays(date, 1), input.today), 10) });
  }
  // Same scope as the ledger's own numbering (ledger/counters.ts entryScope).
  const counters = [...seqByYear].map(([y, n]) => ({ scope: `ledger-entry:${y}`, lastValue: n }));
  return { entries, steps, counters };
}

/** Whole-life budgets sized from the project's spending (some adjusted once), annual budgets per year. */
function buildBudgets(rng: Rng, input: FundsDemoInput, entries: EntryRow[]) {
  const versions: FundsDemoData['versions'] = [];
  const lines: FundsDemoData['lines'] = [];
  const spent = new Map<string, TDec>();
  const key = (projectId: string, year: number, category: string) => `${projectId}|${year}|${category}`;
  for (const e of entries) {
    if (e.direction !== 'expense' || e.status !== 'approved') continue;
    for (const year of [0, yearOf(e.entryDate)]) {
      const k = key(e.projectId, year, e.category);
      spent.set(k, (spent.get(k) ?? new Dec(0)).add(e.amount));
    }
  }
  const addVersion = (projectId: string, kind: 'life' | 'annual', year: number, version: number, amounts: Record<TLedgerCategory, TDec>, extra: Partial<Insert<typeof budgetVersions>>) => {
    const id = newId();
    const total = LEDGER_CATEGORIES.reduce((s, c) => s.add(amounts[c]), new Dec(0));
    versions.push({ id, projectId, kind, year, version, total: toAmount(total), createdBy: input.actors.finance.id, isDemo: true, status: 'current', ...extra });
    for (const c of LEDGER_CATEGORIES) lines.push({ versionId: id, category: c, amount: toAmount(amounts[c]) });
    return id;
  };
  const lastYear = yearOf(input.today);
  for (const p of input.projects) {
    const start = maxDate(p.createdAt, FIRST_DAY);
    const startYear = yearOf(start);
    const life = {} as Record<TLedgerCategory, TDec>;
    const estimate = dec(p.estimatedCost);
    for (const c of LEDGER_CATEGORIES) {
      const used = spent.get(key(p.id, 0, c)) ?? new Dec(0);
      const floor = estimate.mul({ 征收补偿: '0.55', 前期开发: '0.25', 管护: '0.05', 融资成本: '0.05', 其他: '0.02' }[c]);
      life[c] = roundUp(Dec.max(used.mul(rng.between(1.05, 1.3).toFixed(3)), floor), 10_000);
    }
    const adjusted = rng.chance(0.3);
    addVersion(p.id, 'life', 0, 1, life, {
      status: adjusted ? 'superseded' : 'current',
      approvalDocNo: `益土储〔${startYear}〕${rng.int(10, 90)}号`,
      approvedOn: start,
      createdAt: new Date(`${start}T10:00:00+08:00`),
    });
    if (adjusted) {
      const bigger = { ...life, 征收补偿: roundUp(life.征收补偿.mul('1.08'), 10_000) };
      const on = minDate(addDays(start, rng.int(200, 500)), input.today);
      addVersion(p.id, 'life', 0, 2, bigger, {
        reason: '征收范围调整，补偿费用增加（演示）',
        approvalDocNo: `益土储〔${yearOf(on)}〕${rng.int(91, 160)}号`,
        approvedOn: on,
        createdAt: new Date(`${on}T10:00:00+08:00`),
      });
    }
    for (let year = Math.max(startYear, 2022); year <= lastYear; year++) {
      const annual = {} as Record<TLedgerCategory, TDec>;
      let any = false;
      for (const c of LEDGER_CATEGORIES) {
        const used = spent.get(key(p.id, year, c)) ?? new Dec(0);
        annual[c] = used.isZero() ? new Dec(0) : roundUp(used.mul(rng.between(1.0, 1.4).toFixed(3)), 10_000);
        if (!used.isZero()) any = true;
      }
      if (!any) continue;
      addVersion(p.id, 'annual', year, 1, annual, {
        approvalDocNo: `益财预〔${year}〕${rng.int(5, 60)}号`,
        approvedOn: `${year}-01-15`,
        createdAt: new Date(`${year}-01-15T10:00:00+08:00`),
      });
    }
  }
  return { versions, lines };
}
