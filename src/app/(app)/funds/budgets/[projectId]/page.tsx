import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import {
  getBudgetProject,
  getBudgetYears,
  getExecutionByCategory,
  getLifeExecutionByCategory,
  getProjectBudgets,
  getProjectExecutionByYear,
} from '@/modules/funds/budgets/queries';
import { ZBudgetDetailFilter } from '@/modules/funds/budgets/validation';
import { budgetYearOptions, toBudgetVersionView } from '@/modules/funds/budgets/view';
import { BudgetDetailView } from '@/modules/funds/components/budget-detail';

export const metadata: Metadata = { title: '项目预算详情' };

export default async function BudgetDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('fund:view');
  const { projectId } = await params;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(projectId)) notFound();
  const filter = ZBudgetDetailFilter.parse(await searchParams);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const year = filter.year ?? thisYear;
  const db = await getDb();
  const project = await getBudgetProject(db, projectId);
  if (!project) notFound();
  const [budgets, lifeExecution, annualExecution, byYear, years] = await Promise.all([
    getProjectBudgets(db, projectId),
    getLifeExecutionByCategory(db, { projectId }),
    getExecutionByCategory(db, { year, projectId }),
    getProjectExecutionByYear(db, projectId),
    getBudgetYears(db),
  ]);
  const annualOfYear = budgets.annual.find((a) => a.year === year) ?? null;
  return (
    <BudgetDetailView
      project={project}
      year={year}
      years={budgetYearOptions(years, thisYear, year)}
      life={budgets.life ? toBudgetVersionView(budgets.life) : null}
      annualOfYear={annualOfYear ? toBudgetVersionView(annualOfYear) : null}
      annual={budgets.annual.map((a) => ({ year: a.year, amounts: a.amounts }))}
      lifeExecution={lifeExecution}
      annualExecution={annualExecution}
      byYear={byYear}
      history={budgets.history.map(toBudgetVersionView)}
      warnings={budgets.warnings.map((w) => w.message)}
      canEdit={hasPermission(user, 'fund:budget')}
    />
  );
}
