import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { fail } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { compareAmounts, spendingCheck, TREASURY_INCOME, unacknowledged, type SpendingCheck } from '../rules';
import { budgetLines, budgetVersions, ledgerEntries } from '../schema';
import type { EntryRow } from './store';

type Q = Db | Tx;

/** Only a positive expense spends money: income and reversals (negative) need no check. */
export function needsSpendingCheck(entry: Pick<EntryRow, 'direction' | 'amount'>): boolean {
  return entry.direction === 'expense' && compareAmounts(entry.amount, '0') > 0;
}

/**
 * The project's budgets and money as they stand without this entry: current budget versions
 * (whole-life, and annual of the entry's year) with the entry category's lines, approved
 * spending and income (one grouped sum), and the other expenses still in the workflow.
 */
export async function getSpendingCheck(db: Q, entry: Pick<EntryRow, 'id' | 'projectId' | 'amount' | 'category' | 'entryDate'>): Promise<SpendingCheck> {
  const year = Number(entry.entryDate.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const amount = ledgerEntries.amount;
  const approvedExpense = sql`${ledgerEntries.status} = 'approved' and ${ledgerEntries.direction} = 'expense'`;
  const ofYear = sql`${ledgerEntries.entryDate} between ${from} and ${to}`;
  const ofCategory = sql`${ledgerEntries.category} = ${entry.category}`;
  // Other spending still in the workflow (reversals, being negative, are not spending).
  const otherPending = sql`${ledgerEntries.status} in ('submitted', 'reviewed', 'leader') and ${ledgerEntries.direction} = 'expense' and ${amount} > 0 and ${ledgerEntries.id} <> ${entry.id}`;
  const sumWhen = (cond: ReturnType<typeof sql>) => sql<string>`coalesce(sum(case when ${cond} then ${amount} end), 0)`;
  const [sums] = await db
    .select({
      spentLife: sumWhen(approvedExpense),
      spentYear: sumWhen(sql`${approvedExpense} and ${ofYear}`),
      categorySpentLife: sumWhen(sql`${approvedExpense} and ${ofCategory}`),
      categorySpentYear: sumWhen(sql`${approvedExpense} and ${ofCategory} and ${ofYear}`),
      // 零星收入 goes to the treasury (F18): never money the project can spend.
      received: sumWhen(sql`${ledgerEntries.status} = 'approved' and ${ledgerEntries.direction} = 'income' and ${ledgerEntries.category} <> ${TREASURY_INCOME}`),
      pendingOther: sumWhen(otherPending),
      pendingOtherCount: sql<number>`count(case when ${otherPending} then 1 end)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.projectId, entry.projectId));

  const versions = await db
    .select({ id: budgetVersions.id, kind: budgetVersions.kind, total: budgetVersions.total })
    .from(budgetVersions)
    .where(
      and(
        eq(budgetVersions.projectId, entry.projectId),
        eq(budgetVersions.status, 'current'),
        sql`((${budgetVersions.kind} = 'life' and ${budgetVersions.year} = 0) or (${budgetVersions.kind} = 'annual' and ${budgetVersions.year} = ${year}))`,
      ),
    );
  const life = versions.find((v) => v.kind === 'life') ?? null;
  const annual = versions.find((v) => v.kind === 'annual') ?? null;
  const lines = versions.length
    ? await db
        .select({ versionId: budgetLines.versionId, amount: budgetLines.amount })
        .from(budgetLines)
        .where(and(inArray(budgetLines.versionId, versions.map((v) => v.id)), eq(budgetLines.category, entry.category)))
    : [];
  const lineOf = (v: { id: string } | null) => lines.find((l) => v && l.versionId === v.id)?.amount ?? '0';

  return spendingCheck({
    amount: entry.amount,
    category: entry.category,
    year,
    lifeBudget: life?.total ?? null,
    annualBudget: annual?.total ?? null,
    categoryLifeBudget: lineOf(life),
    categoryAnnualBudget: lineOf(annual),
    spentLife: sums.spentLife,
    spentYear: sums.spentYear,
    categorySpentLife: sums.categorySpentLife,
    categorySpentYear: sums.categorySpentYear,
    received: sums.received,
    pendingOther: sums.pendingOther,
    pendingOtherCount: Number(sums.pendingOtherCount),
  });
}

/**
 * At an approval step of an expense: the warnings in force must each have been acknowledged by
 * the approver (the codes they ticked), and the setting may refuse overspending altogether.
 * Returns the acknowledged warnings, which the step keeps.
 */
export async function requireSpendingAcknowledged(tx: Tx, entry: EntryRow, acknowledged: readonly string[]): Promise<SpendingCheck['warnings']> {
  if (!needsSpendingCheck(entry)) return [];
  const check = await getSpendingCheck(tx, entry);
  if (check.warnings.length === 0) return [];
  const settings = await getSettings(tx);
  const list = check.warnings.map((w, i) => `${i + 1}. ${w.message}`).join('；');
  if (settings['fund.overspendPolicy'] === 0) {
    fail(`本笔支出超出预算或资金不足，按系统参数不予审批：${list}。请先调整预算或安排资金，或退回经办人`);
  }
  const missing = unacknowledged(check.warnings, acknowledged);
  if (missing.length) {
    fail(`本笔支出存在资金预警，请阅读并勾选「已知悉」后再通过：${missing.map((w) => w.message).join('；')}`, 'RULE_VIOLATION', {
      acknowledge: '请确认已知悉上述资金预警',
    });
  }
  return check.warnings;
}
