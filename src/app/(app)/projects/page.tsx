import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { listCurrentPlanOptions, plansByIds } from '@/modules/plans/queries';
import { toPlanOptions } from '@/modules/plans/view';
import { listProjects } from '@/modules/projects/queries';
import { ZProjectFilter } from '@/modules/projects/validation';
import { toProjectRowView } from '@/modules/projects/view';
import { ProjectsList } from '@/modules/projects/components/projects-list';

export const metadata: Metadata = { title: '储备项目' };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('project:view');
  const { filter, notice } = parseListFilter(ZProjectFilter, await searchParams);
  const db = await getDb();
  const [{ rows, total }, plans] = await Promise.all([listProjects(db, filter), listCurrentPlanOptions(db)]);
  // A link from a superseded plan version filters by it too; show it in the filter.
  let filterPlan = null;
  if (filter.plan && !plans.some((p) => p.id === filter.plan)) {
    const found = (await plansByIds(db, [filter.plan])).get(filter.plan);
    filterPlan = found ? toPlanOptions([found])[0] : null;
  }
  return (
    <>
      <FilterNotice notice={notice} />
      <ProjectsList
        filter={filter}
        total={total}
        rows={rows.map(toProjectRowView)}
        plans={toPlanOptions(plans)}
        filterPlan={filterPlan}
        canEdit={hasPermission(user, 'project:edit')}
      />
    </>
  );
}
