import { Dec, dec, type TDec } from '@/modules/plans/amounts';
import { addDays, minDate, type Rng } from '@/modules/parcels/demo/random';
import { newId } from '@/platform/ids';
import type { bondAllocations, bondPayments, bonds, bondSchedule } from '../schema';
import { allocateSchedule, couponsPerYearFor, generateSchedule, type BondTerms } from '../rules/schedule';
import { splitBondInterest } from '../rules/bond-interest';
import { lastDayOf, momentOn, roundDown } from './common';
import type { FundsDemoInput } from './build';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/**
 * The demo's special bonds: land reserve special bonds restarted after 2024, so the demo has two
 * 2025 issues at 2025 rates, issued by 湖南省 for 益阳's projects — a 7-year bond repaid at
 * maturity and a 10-year one repaid 10% a year from its second year. Each goes to up to three
 * eligible projects (active, in the plan, with the national code, started before the issue), sized
 * so the project stays within the centre's cap and its net income covers principal and interest
 * with room above the 1.2 warning line (62号), whatever its budget turns out to be.
 */

const SPECS: { code: string; name: string; docNo: string; terms: Omit<BondTerms, 'amount' | 'couponsPerYear'> }[] = [
  {
    code: 'HN2025-TDCB-01',
    name: '2025年湖南省土地储备专项债券（一期）（益阳市，演示）',
    docNo: '湘财债〔2025〕16号',
    terms: { annualRatePercent: '1.93', termYears: 7, issueDate: '2025-04-22', repaymentType: 'bullet' },
  },
  {
    code: 'HN2025-TDCB-05',
    name: '2025年湖南省土地储备专项债券（五期）（益阳市，演示）',
    docNo: '湘财债〔2025〕48号',
    terms: { annualRatePercent: '2.06', termYears: 10, issueDate: '2025-09-16', repaymentType: 'amortizing', principalPercents: ['0', '10', '10', '10', '10', '10', '10', '10', '10', '20'] },
  },
];

/** Coverage the demo keeps above (the warning line is 1.2). */
const DEMO_COVERAGE = new Dec('1.3');
/** The most a demo budget can make of a project's costs: spending × 1.3 (budget margin) × 1.08 (an adjustment), or the estimate likewise. */
const BUDGET_CEILING = new Dec('1.41');
const MIN_ALLOCATION = 5_000_000;

export interface DemoBondData {
  bonds: Insert<typeof bonds>[];
  allocations: Insert<typeof bondAllocations>[];
  schedule: Insert<typeof bondSchedule>[];
  payments: Insert<typeof bondPayments>[];
  /** Interest paid, per project as the ledger posting splits it (splitBondInterest). */
  interest: { projectId: string; date: string; amount: TDec; bondCode: string; seq: number; percent: string; paymentId: string; recordedAt: Date }[];
  /** Bond proceeds reaching each project. */
  drawByProject: { projectId: string; date: string; amount: TDec; bond: string }[];
  /** Each project's share of its bonds' interest over their whole term. */
  interestByProject: Map<string, TDec>;
}

/**
 * The most bond money a project can take while its net income (expected income less 计提 and the
 * costs the bond does not pay) still covers DEMO_COVERAGE × (principal + interest): with costs C,
 * interest at most B × r × T, 0.8·E − C + B ≥ 1.3 · B · (1 + r·T).
 */
function coverableAmount(expectedIncome: TDec, costs: TDec, extractionPercent: string, terms: Omit<BondTerms, 'amount' | 'couponsPerYear'>): TDec {
  const income = expectedIncome.mul(new Dec(100).minus(dec(extractionPercent))).div(100);
  const interestFactor = dec(terms.annualRatePercent).div(100).mul(terms.termYears);
  const perYuan = DEMO_COVERAGE.mul(interestFactor.plus(1)).minus(1);
  return Dec.max(income.minus(costs).div(perYuan), 0);
}

export function buildDemoBonds(rng: Rng, input: FundsDemoInput, spentByProject: ReadonlyMap<string, TDec>): DemoBondData {
  const out: DemoBondData = { bonds: [], allocations: [], schedule: [], payments: [], interest: [], drawByProject: [], interestByProject: new Map() };
  const lastDay = lastDayOf(input);
  const taken = new Set<string>();
  SPECS.forEach((spec, i) => {
    if (spec.terms.issueDate > lastDay) return;
    const picks = input.projects
      .filter((p) => p.status === 'active' && p.nationalCode && p.planId && p.createdAt <= spec.terms.issueDate && !taken.has(p.id))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((p) => {
        const income = dec(p.expectedIncome);
        const costs = Dec.max(spentByProject.get(p.id) ?? new Dec(0), dec(p.estimatedCost)).mul(BUDGET_CEILING).plus(50_000);
        // The centre's cap (a setting, 70%): the demo stays between 40% and 60%.
        const share = income.mul(rng.between(0.4, 0.6).toFixed(3));
        return { project: p, amount: roundDown(Dec.min(share, coverableAmount(income, costs, input.extractionPercent, spec.terms)), 1_000_000) };
      })
      .filter((x) => x.amount.gte(MIN_ALLOCATION))
      .slice(0, 3);
    if (picks.length === 0) return;
    for (const x of picks) taken.add(x.project.id);
    const amount = picks.reduce((s, x) => s.add(x.amount), new Dec(0));
    const terms: BondTerms = { ...spec.terms, amount: amount.toFixed(2), couponsPerYear: couponsPerYearFor(spec.terms.termYears, input.annualCouponMaxYears) };
    const schedule = generateSchedule(terms);
    if (!schedule.ok) throw new Error(`演示债券还本付息计划生成失败：${schedule.message}`);
    const bondId = newId();
    out.bonds.push({
      id: bondId,
      code: spec.code,
      name: spec.name,
      issuer: '湖南省',
      amount: terms.amount,
      annualRate: terms.annualRatePercent,
      termYears: terms.termYears,
      issueDate: terms.issueDate,
      couponsPerYear: terms.couponsPerYear,
      repaymentType: terms.repaymentType,
      principalPercents: terms.principalPercents ? [...terms.principalPercents] : null,
      docNo: spec.docNo,
      note: '演示数据',
      isDemo: true,
      createdBy: input.actors.finance.id,
      createdAt: momentOn(terms.issueDate, 9 * 60 + rng.int(0, 59)),
    });
    const rowIds = schedule.rows.map(() => newId());
    schedule.rows.forEach((r, k) => out.schedule.push({ id: rowIds[k], bondId, ...r }));
    for (const { project, amount: share } of picks) {
      const allocatedOn = minDate(addDays(terms.issueDate, rng.int(3, 20)), lastDay);
      const createdAt = momentOn(allocatedOn, 10 * 60 + rng.int(0, 59));
      out.allocations.push({ bondId, projectId: project.id, amount: share.toFixed(2), allocatedOn, note: '演示数据', createdBy: input.actors.finance.id, createdAt });
      out.drawByProject.push({ projectId: project.id, date: allocatedOn, amount: share, bond: spec.name });
      const interest = allocateSchedule(schedule.rows, terms.amount, share.toFixed(2)).reduce((t, r) => t.add(r.interest), new Dec(0));
      out.interestByProject.set(project.id, (out.interestByProject.get(project.id) ?? new Dec(0)).add(interest));
    }
    const allocations = picks.map((x) => ({ projectId: x.project.id, projectCode: x.project.code, projectName: x.project.name, projectStatus: x.project.status, amount: x.amount.toFixed(2) }));
    for (const [k, r] of schedule.rows.entries()) {
      if (r.dueDate > lastDay) continue;
      const paymentId = newId();
      // Recorded on the day it was paid; its interest is posted to the ledger in the same moment.
      const recordedAt = momentOn(r.dueDate, 10 * 60 + rng.int(0, 120));
      out.payments.push({ id: paymentId, bondId, scheduleId: rowIds[k], paidOn: r.dueDate, principalPaid: r.principal, interestPaid: r.interest, voucherNo: `HBFX-${r.dueDate.replace(/-/g, '')}-${i + 1}`, note: '演示数据', createdBy: input.actors.finance.id, createdAt: recordedAt });
      for (const share of splitBondInterest(r.interest, terms.amount, allocations).shares) {
        if (dec(share.amount).gt(0)) out.interest.push({ projectId: share.projectId, date: r.dueDate, amount: dec(share.amount), bondCode: spec.code, seq: r.seq, percent: share.percent, paymentId, recordedAt });
      }
    }
  });
  return out;
}
