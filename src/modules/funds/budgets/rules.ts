import { dec, Dec } from '@/modules/plans/amounts';
import { compareAmounts, LEDGER_CATEGORIES, subtractAmounts, sumAmounts, toAmount, wanPhrase, type TLedgerCategory } from '../rules';
import type { BudgetAmounts } from './validation';

/**
 * Pure budget rules: totals, per-category differences between versions, and the warning when
 * the annual budgets of a category add up to more than its whole-life budget. Client-safe.
 */

export function emptyAmounts(): BudgetAmounts {
  return Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, '0.00'])) as BudgetAmounts;
}

/** Amounts per category from budget lines (missing categories are 0). */
export function amountsFromLines(lines: readonly { category: string; amount: string }[]): BudgetAmounts {
  const out = emptyAmounts();
  for (const line of lines) {
    if ((LEDGER_CATEGORIES as readonly string[]).includes(line.category)) out[line.category as TLedgerCategory] = toAmount(dec(line.amount));
  }
  return out;
}

/** The exact total of a version (what budget_versions.total stores). */
export function budgetTotal(amounts: BudgetAmounts): string {
  return sumAmounts(LEDGER_CATEGORIES.map((c) => amounts[c]));
}

export interface BudgetLineChange {
  category: TLedgerCategory;
  from: string;
  to: string;
  /** to − from, signed. */
  delta: string;
}

/** The categories whose amount differs between two versions, in category order. */
export function budgetLineChanges(before: BudgetAmounts, after: BudgetAmounts): BudgetLineChange[] {
  const out: BudgetLineChange[] = [];
  for (const category of LEDGER_CATEGORIES) {
    if (compareAmounts(before[category], after[category]) === 0) continue;
    out.push({ category, from: toAmount(dec(before[category])), to: toAmount(dec(after[category])), delta: subtractAmounts(after[category], before[category]) });
  }
  return out;
}

/** "征收补偿 1,200.00 → 1,350.00 万元（+150.00）" */
export function describeLineChange(c: BudgetLineChange): string {
  const sign = dec(c.delta).gt(0) ? '+' : '';
  return `${c.category} ${wanPhrase(c.from)} → ${wanPhrase(c.to)}（${sign}${wanPhrase(c.delta)}）`;
}

export interface AnnualOverLife {
  category: TLedgerCategory;
  /** Σ current annual budgets of the category, all years. */
  annualSum: string;
  life: string;
  excess: string;
  years: number[];
  message: string;
}

/**
 * Categories where the current annual budgets, summed over all years, exceed the whole-life
 * budget. Shown as a warning, never blocking. Without a life budget nothing is compared (the
 * page says so separately).
 */
export function annualOverLife(life: BudgetAmounts | null, annual: readonly { year: number; amounts: BudgetAmounts }[]): AnnualOverLife[] {
  if (!life) return [];
  const out: AnnualOverLife[] = [];
  for (const category of LEDGER_CATEGORIES) {
    let sum = new Dec(0);
    const years: number[] = [];
    for (const a of annual) {
      if (dec(a.amounts[category]).isZero()) continue;
      sum = sum.plus(dec(a.amounts[category]));
      years.push(a.year);
    }
    if (!sum.gt(dec(life[category]))) continue;
    const annualSum = toAmount(sum);
    const excess = subtractAmounts(annualSum, life[category]);
    years.sort((x, y) => x - y);
    out.push({
      category,
      annualSum,
      life: toAmount(dec(life[category])),
      excess,
      years,
      message: `「${category}」${years.join('、')} 年度预算合计 ${wanPhrase(annualSum)}，超过全生命周期预算 ${wanPhrase(life[category])}，超出 ${wanPhrase(excess)}`,
    });
  }
  return out;
}
