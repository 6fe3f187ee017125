import { dec, type TDec } from '@/modules/plans/amounts';
import { executionRate, RULE_SOURCES_FUNDS } from './checks';
import { toAmount, wanPhrase } from './money';

/**
 * What an expense does to its project's money, shown at every approval step (科室审核, 财务审批,
 * 领导审批): the project's whole-life and annual budgets, overall and for the entry's category,
 * spent so far (approved entries only) and after this entry, and the project's available balance
 * (approved income − approved expense) after it. Overspending a budget or making the balance
 * negative is a warning the approver must acknowledge — or, by setting, a refusal. Pure.
 */

export interface SpendingFacts {
  /** This entry: a positive expense. */
  amount: string;
  category: string;
  /** The entry date's year: the annual budget and the year's spending are of this year. */
  year: number;
  /** Current budgets in 元; null when the project has no such budget version. */
  lifeBudget: string | null;
  annualBudget: string | null;
  /** The category's line of the current versions (0 when the version has no line for it). */
  categoryLifeBudget: string;
  categoryAnnualBudget: string;
  /** Approved expense of the project: over its life, in the year, of the category (life, year). */
  spentLife: string;
  spentYear: string;
  categorySpentLife: string;
  categorySpentYear: string;
  /** Approved income of the project over its life. */
  received: string;
  /** Other expenses of the project still in the workflow (not counted above). */
  pendingOther: string;
  pendingOtherCount: number;
}

export type TSpendingLineKey = 'life' | 'annual' | 'category-life' | 'category-annual';

export interface SpendingLine {
  key: TSpendingLineKey;
  label: string;
  /** null: no budget of this kind. */
  budget: string | null;
  spent: string;
  after: string;
  /** after ÷ budget in percent, null without a budget above 0. */
  rateAfter: string | null;
  over: boolean;
}

export const SPENDING_WARNING_CODES = ['no-life-budget', 'no-annual-budget', 'life-over', 'annual-over', 'category-life-over', 'category-annual-over', 'balance-negative'] as const;
export type TSpendingWarningCode = (typeof SPENDING_WARNING_CODES)[number];

export interface SpendingWarning {
  code: TSpendingWarningCode;
  message: string;
  rule: string;
}

export interface SpendingCheck {
  lines: SpendingLine[];
  balanceBefore: string;
  balanceAfter: string;
  pendingOther: string;
  pendingOtherCount: number;
  warnings: SpendingWarning[];
}

export const SPENDING_SOURCES = {
  budget: RULE_SOURCES_FUNDS.budget,
  balance: '本中心资金管理规则：项目可用余额 = 已到位资金（已审批收入，不含缴入国库的零星收入）− 已审批支出；支出超出预算或使可用余额为负时，审批人须确认知悉后方可通过，也可设置为不予审批（系统参数）',
} as const;

function line(key: TSpendingLineKey, label: string, budget: string | null, spent: string, amount: TDec): SpendingLine {
  const after = dec(spent).plus(amount);
  const over = budget !== null && after.gt(dec(budget));
  return { key, label, budget, spent: toAmount(dec(spent)), after: toAmount(after), rateAfter: budget === null ? null : executionRate(toAmount(after), budget), over };
}

export function spendingCheck(f: SpendingFacts): SpendingCheck {
  const amount = dec(f.amount);
  const lines: SpendingLine[] = [line('life', '项目全生命周期预算', f.lifeBudget, f.spentLife, amount)];
  if (f.lifeBudget !== null) lines.push(line('category-life', `其中「${f.category}」`, f.categoryLifeBudget, f.categorySpentLife, amount));
  lines.push(line('annual', `项目 ${f.year} 年度预算`, f.annualBudget, f.spentYear, amount));
  if (f.annualBudget !== null) lines.push(line('category-annual', `其中「${f.category}」`, f.categoryAnnualBudget, f.categorySpentYear, amount));

  const warnings: SpendingWarning[] = [];
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const overBy = (l: SpendingLine) => wanPhrase(toAmount(dec(l.after).minus(dec(l.budget ?? '0'))));
  if (f.lifeBudget === null) {
    warnings.push({ code: 'no-life-budget', message: `项目尚未编制全生命周期预算，本笔支出 ${wanPhrase(toAmount(amount))} 没有预算依据`, rule: SPENDING_SOURCES.budget });
  } else {
    const life = byKey.get('life')!;
    if (life.over) warnings.push({ code: 'life-over', message: `本笔支出后项目累计支出 ${wanPhrase(life.after)}，超出全生命周期预算 ${wanPhrase(life.budget!)}，超出 ${overBy(life)}`, rule: SPENDING_SOURCES.budget });
    const cat = byKey.get('category-life')!;
    if (cat.over) warnings.push({ code: 'category-life-over', message: `「${f.category}」本笔支出后累计 ${wanPhrase(cat.after)}，超出该科目全生命周期预算 ${wanPhrase(cat.budget!)}，超出 ${overBy(cat)}`, rule: SPENDING_SOURCES.budget });
  }
  if (f.annualBudget === null) {
    warnings.push({ code: 'no-annual-budget', message: `项目尚未编制 ${f.year} 年度预算，本笔支出没有年度预算依据`, rule: SPENDING_SOURCES.budget });
  } else {
    const annual = byKey.get('annual')!;
    if (annual.over) warnings.push({ code: 'annual-over', message: `本笔支出后项目 ${f.year} 年累计支出 ${wanPhrase(annual.after)}，超出年度预算 ${wanPhrase(annual.budget!)}，超出 ${overBy(annual)}`, rule: SPENDING_SOURCES.budget });
    const cat = byKey.get('category-annual')!;
    if (cat.over) warnings.push({ code: 'category-annual-over', message: `「${f.category}」本笔支出后 ${f.year} 年累计 ${wanPhrase(cat.after)}，超出该科目年度预算 ${wanPhrase(cat.budget!)}，超出 ${overBy(cat)}`, rule: SPENDING_SOURCES.budget });
  }
  const balanceBefore = dec(f.received).minus(dec(f.spentLife));
  const balanceAfter = balanceBefore.minus(amount);
  if (balanceAfter.lt(0)) {
    warnings.push({
      code: 'balance-negative',
      message: `项目可用余额 ${wanPhrase(toAmount(balanceBefore))}，本笔支出后为 ${wanPhrase(toAmount(balanceAfter))}，资金不足`,
      rule: SPENDING_SOURCES.balance,
    });
  }
  return {
    lines,
    balanceBefore: toAmount(balanceBefore),
    balanceAfter: toAmount(balanceAfter),
    pendingOther: toAmount(dec(f.pendingOther)),
    pendingOtherCount: f.pendingOtherCount,
    warnings,
  };
}

/**
 * The warnings an approver has not acknowledged: every current code must be among those the
 * approver saw and ticked (figures may have moved since the page was opened).
 */
export function unacknowledged(warnings: readonly SpendingWarning[], acknowledged: readonly string[]): SpendingWarning[] {
  return warnings.filter((w) => !acknowledged.includes(w.code));
}
