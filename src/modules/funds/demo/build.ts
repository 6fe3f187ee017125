import { Dec, dec, type TDec } from '@/modules/plans/amounts';
import { addDays, dateBetween, daysBetween, maxDate, minDate, Rng } from '@/modules/parcels/demo/random';
import { newId } from '@/platform/ids';
import type { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundAccounts, ledgerEntries, ledgerSteps } from '../schema';
import { buildDemoBonds } from './bonds';
import { landIncomeByCost, temporaryUseRent } from './income';
import { numberAndApprove, type DemoActors, type Draft, type TDemoSource } from './workflow';
import { buildBudgets } from './budgets';
import { FIRST_DAY, lastDayOf, roundUp } from './common';

/**
 * Demo data of the funds module (演示数据), built from the demo projects and parcels already in
 * the database: an account for each of F18's four channels, two 2025 special bonds issued by 湖南省
 * with their schedules and allocations, ledger entries that follow the parcels' own records
 * (compensation paid, works progress, custody, bond interest, land-sale income arranged back by
 * the cost accounted, temporary-use rent paid into the treasury), fiscal appropriations placed so
 * that no account of a project ever goes negative, whole-life and annual budgets, a few entries
 * still in the approval workflow and a few reversals. Pure and deterministic for a seed and a moment (`now`).
 */

export interface FundsDemoInput {
  /** The moment the demo is generated: nothing in it happens later. `today` is its date in Asia/Shanghai. */
  now: Date;
  today: string;
  seed?: number;
  leaderThreshold: string;
  /** Settings in force: the 计提 of the net coverage basis, and the longest tenor paying interest once a year. */
  extractionPercent: string;
  annualCouponMaxYears: number;
  /** Demo users who did the steps (finance2: the second finance approver that separation of duties needs). */
  actors: DemoActors;
  projects: { id: string; code: string; name: string; status: string; expectedIncome: string; estimatedCost: string; nationalCode: string | null; planId: string | null; createdAt: string }[];
  /** reservedOn: entry into 已入库; cancelledOn: 终止; leftCustodyOn: supplied or cancelled after entry into reserve. */
  parcels: {
    id: string;
    code: string;
    projectId: string;
    stage: string;
    reservedOn: string | null;
    cancelledOn: string | null;
    leftCustodyOn: string | null;
    /** Temporary use (临时利用): its period and user. */
    tempUseStart: string | null;
    tempUseEnd: string | null;
    custodian: string | null;
  }[];
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

/** One account per F18 channel (财综〔2018〕8号: reserve money is kept in separate accounts). */
const ACCOUNTS = [
  { source: 'land_income', name: '土地出让收入安排资金账户（演示）', bank: '中国农业银行益阳分行' },
  { source: 'land_fund', name: '国有土地收益基金安排资金账户（演示）', bank: '益阳农村商业银行' },
  { source: 'bond', name: '土地储备专项债券资金账户（演示）', bank: '中国工商银行益阳分行' },
  { source: 'other_fiscal', name: '其他财政资金账户（演示）', bank: '中国建设银行益阳分行' },
] as const;
type TSource = TDemoSource;

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

function expenseDrafts(rng: Rng, input: FundsDemoInput, parcelById: Map<string, FundsDemoInput['parcels'][number]>): Draft[] {
  const drafts: Draft[] = [];
  const lastDay = lastDayOf(input);
  for (const party of input.parties) {
    const parcel = parcelById.get(party.parcelId);
    if (!parcel || dec(party.amountPaid).lte(0)) continue;
    // Paid after the agreement, and before the parcel entered the reserve (入库 needs compensation paid) or was cancelled.
    const from = maxDate(party.signedOn ?? party.startedOn, FIRST_DAY);
    const to = minDate(minDate(addDays(from, 240), lastDay), parcel.reservedOn ?? parcel.cancelledOn ?? lastDay);
    const parts = split(rng, dec(party.amountPaid), rng.int(1, 3));
    for (const amount of parts) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, to),
        amount,
        category: '征收补偿',
        source: 'other_fiscal',
        projectId: parcel.projectId,
        parcelId: parcel.id,
        partyId: party.id,
        origin: 'compensation',
        // 入库 needs compensation paid, and paid means approved.
        approvedBy: parcel.reservedOn ?? undefined,
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
    const to = minDate(w.acceptedOn ? addDays(w.acceptedOn, 60) : lastDay, lastDay);
    for (const amount of split(rng, total, rng.int(2, 4))) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, to),
        amount,
        category: '前期开发',
        source: 'other_fiscal',
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
        source: 'other_fiscal',
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
    if (from > lastDay) continue;
    for (let k = rng.int(1, 4); k > 0; k--) {
      drafts.push({
        direction: 'expense',
        date: dateBetween(rng, from, lastDay),
        amount: new Dec(rng.int(8, 160) * 1000),
        category: '其他',
        source: 'other_fiscal',
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
  const drafts = expenseDrafts(rng, input, parcelById);
  const spentByProject = new Map<string, TDec>();
  for (const d of drafts) spentByProject.set(d.projectId, (spentByProject.get(d.projectId) ?? new Dec(0)).add(d.amount));
  const bondData = buildDemoBonds(rng, input, spentByProject);
  const bondProjects = new Map(bondData.drawByProject.map((d) => [d.projectId, d.date]));

  for (const it of bondData.interest) {
    drafts.push({
      direction: 'expense',
      date: it.date,
      amount: it.amount,
      category: '融资成本',
      source: 'other_fiscal',
      projectId: it.projectId,
      origin: 'bond-interest',
      bondPaymentId: it.paymentId,
      recordedAt: it.recordedAt,
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
  drafts.push(...landIncomeByCost(rng, input, drafts), ...temporaryUseRent(rng, input));
  // Fiscal top-ups ahead of spending, so that no project's money in any account ever goes negative
  // (F18's separate accounts): bond money pays first once drawn, then land-sale income arranged
  // back, then 国有土地收益基金 and other fiscal money, one of which receives an appropriation
  // whenever nothing would cover a payment. They bridge gaps; the project's own balance
  // (财预〔2019〕89号) does not count them.
  const byProject = new Map<string, Draft[]>();
  for (const d of drafts) if (d.source) byProject.set(d.projectId, [...(byProject.get(d.projectId) ?? []), d]);
  for (const [projectId, list] of byProject) {
    list.sort((a, b) => (a.date === b.date ? (a.direction === 'income' ? -1 : 1) : a.date < b.date ? -1 : 1));
    const cash: Record<TSource, TDec> = { land_income: new Dec(0), land_fund: new Dec(0), bond: new Dec(0), other_fiscal: new Dec(0) };
    for (const d of list) {
      if (d.direction === 'income') {
        cash[d.source!] = cash[d.source!].add(d.amount);
        continue;
      }
      const order: TSource[] = d.source === 'bond' ? ['bond', 'land_income', 'land_fund', 'other_fiscal'] : ['land_income', 'land_fund', 'other_fiscal'];
      let payer = order.find((source) => cash[source].gte(d.amount));
      if (!payer) {
        payer = rng.chance(0.25) ? 'land_fund' : 'other_fiscal';
        const amount = roundUp(d.amount.sub(cash[payer]).add(rng.int(5, 30) * 100_000), 100_000);
        const date = maxDate(`${d.date.slice(0, 8)}01`, FIRST_DAY);
        const category = payer === 'land_fund' ? '国有土地收益基金' : '其他财政资金';
        drafts.push({ direction: 'income', date, amount, category, source: payer, projectId, origin: 'manual', counterparty: '益阳市财政局', description: `${category}安排土地储备资金（${date.slice(0, 7)}，演示）` });
        cash[payer] = cash[payer].add(amount);
      }
      d.source = payer;
      cash[payer] = cash[payer].sub(d.amount);
    }
  }

  drafts.sort((a, b) => (a.date === b.date ? (a.direction === b.direction ? 0 : a.direction === 'income' ? -1 : 1) : a.date < b.date ? -1 : 1));
  const closedProjects = new Set(input.projects.filter((p) => p.status === 'closed').map((p) => p.id));
  const { entries, steps, counters } = numberAndApprove(rng, { ...input, closedProjects }, drafts, accountBySource);
  const { versions, lines } = buildBudgets(rng, input, entries, { interest: bondData.interestByProject, drawnOn: bondProjects });
  return { accounts, bonds: bondData.bonds, allocations: bondData.allocations, schedule: bondData.schedule, payments: bondData.payments, entries, steps, versions, lines, counters };
}
