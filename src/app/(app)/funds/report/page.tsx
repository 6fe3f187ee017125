import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getExecutionReport, getFundYears, listProjectOptions } from '@/modules/funds/balances/queries';
import { defaultFundsYear, ZYearParams } from '@/modules/funds/balances/validation';
import { ExecutionReportView } from '@/modules/funds/components/execution-report';
import { findIntegrityProblemsOf } from '@/modules/funds/ledger/integrity';
import { toIntegrityProblemsView } from '@/modules/funds/ledger/view';
import { IntegrityNotice } from '@/modules/funds/components/integrity-notice';

export const metadata: Metadata = { title: '资金执行情况表' };

export default async function ExecutionReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const today = todayInShanghai();
  const current = defaultFundsYear(today);
  const params = ZYearParams.parse(await searchParams);
  const year = params.year ?? current;
  const db = await getDb();
  const projects = await listProjectOptions(db);
  // An unknown project id in the URL falls back to the whole centre.
  const projectId = params.projectId && projects.some((p) => p.id === params.projectId) ? params.projectId : null;
  const [report, years, integrity] = await Promise.all([getExecutionReport(db, { year, projectId }), getFundYears(db, current), findIntegrityProblemsOf(db, { projectId })]);
  return (
    <>
      <IntegrityNotice problems={toIntegrityProblemsView(integrity)} />
      <ExecutionReportView
        report={report}
        years={years.includes(year) ? years : [year, ...years].sort((a, b) => b - a)}
        projects={projects}
        printedOn={today}
        canExport={hasPermission(user, 'fund:export')}
      />
    </>
  );
}
