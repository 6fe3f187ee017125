import type { PersonLabel } from '@/platform/auth/people';
import { formatDateTime } from '@/ui/format';
import type { BudgetVersionRow } from './queries';
import { describeLineChange, type BudgetLineChange } from './rules';
import { BUDGET_STATUS_LABELS, budgetScopeLabel, type BudgetAmounts, type TBudgetKind, type TBudgetStatus } from './validation';

/** Plain, serialisable shapes the budget pages hand to their client islands. */

export interface BudgetVersionView {
  id: string;
  kind: TBudgetKind;
  year: number;
  scopeLabel: string;
  version: number;
  status: TBudgetStatus;
  statusLabel: string;
  reason: string | null;
  approvalDocNo: string | null;
  approvedOn: string | null;
  total: string;
  amounts: BudgetAmounts;
  changes: BudgetLineChange[];
  /** "征收补偿 100.00 → 150.00 万元（+50.00）" per changed category. */
  changeTexts: string[];
  createdBy: PersonLabel | null;
  createdAt: string;
  isDemo: boolean;
}

export function toBudgetVersionView(v: BudgetVersionRow): BudgetVersionView {
  return {
    id: v.id,
    kind: v.kind,
    year: v.year,
    scopeLabel: budgetScopeLabel(v.kind, v.year),
    version: v.version,
    status: v.status,
    statusLabel: BUDGET_STATUS_LABELS[v.status],
    reason: v.reason,
    approvalDocNo: v.approvalDocNo,
    approvedOn: v.approvedOn,
    total: v.total,
    amounts: v.amounts,
    changes: v.changes,
    changeTexts: v.changes.map(describeLineChange),
    createdBy: v.createdByPerson,
    createdAt: formatDateTime(v.createdAt),
    isDemo: v.isDemo,
  };
}

/** Years offered by the year selectors: the data's years, and a few around this year. */
export function budgetYearOptions(dataYears: readonly number[], thisYear: number, selected?: number): number[] {
  const all = [...dataYears, thisYear - 3, thisYear + 1, ...(selected ? [selected] : [])];
  const from = Math.min(...all);
  const to = Math.max(...all);
  const out: number[] = [];
  for (let y = to; y >= from; y--) out.push(y);
  return out;
}
