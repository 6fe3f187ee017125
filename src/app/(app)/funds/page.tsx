import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getAccountBalances } from '@/modules/funds/accounts/queries';
import { getBondBalances } from '@/modules/funds/bonds/queries';
import { getCentreSummary, getFundYears, getMonthlyFlow } from '@/modules/funds/balances/queries';
import { defaultFundsYear, ZYearParams } from '@/modules/funds/balances/validation';
import { FundsOverview } from '@/modules/funds/components/funds-overview';
import { findIntegrityProblemsOf } from '@/modules/funds/ledger/integrity';
import { toIntegrityProblemsView } from '@/modules/funds/ledger/view';
import { IntegrityNotice } from '@/modules/funds/components/integrity-notice';

export const metadata: Metadata = { title: '资金总览' };

export default async function FundsOverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const current = defaultFundsYear(todayInShanghai());
  const year = ZYearParams.parse(await searchParams).year ?? current;
  const db = await getDb();
  const [summary, monthly, years, accounts, bonds, integrity] = await Promise.all([
    getCentreSummary(db, { year }),
    getMonthlyFlow(db, { year }),
    getFundYears(db, current),
    getAccountBalances(db),
    getBondBalances(db),
    findIntegrityProblemsOf(db),
  ]);
  return (
    <>
      <IntegrityNotice problems={toIntegrityProblemsView(integrity)} />
      <FundsOverview
        year={year}
        years={years.includes(year) ? years : [year, ...years].sort((a, b) => b - a)}
        summary={summary}
        monthly={monthly}
        accounts={accounts}
        bonds={bonds}
        canExport={hasPermission(user, 'fund:export')}
      />
    </>
  );
}
