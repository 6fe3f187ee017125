import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { listCurrentPlanOptions, plansByIds } from '@/modules/plans/queries';
import { toPlanOptions } from '@/modules/plans/view';
import { getProject, getProjectStageTotals, listProjectEvents, listProjectParcels, PROJECT_PARCELS_LIMIT } from '@/modules/projects/queries';
import { toProjectEventView, toProjectFactsView, toProjectFormValues, toProjectParcelView, toProjectTotalsView } from '@/modules/projects/view';
import { ProjectDetail } from '@/modules/projects/components/project-detail';
import { ProjectFundsPanel } from '@/modules/funds/components/project-funds-panel';
import { ProjectBondsPanel } from '@/modules/funds/components/project-bonds-panel';
import { ContractsSection } from '@/modules/contracts/components/contracts-section';
import { ArchiveSection } from '@/modules/archives/components/archive-section';

export const metadata: Metadata = { title: '项目详情' };

export default async function ProjectDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('project:view');
  const { id } = await params;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) notFound();
  const db = await getDb();
  const project = await getProject(db, id);
  if (!project) notFound();
  const [planMap, plans, totals, parcels, events] = await Promise.all([
    plansByIds(db, project.planId ? [project.planId] : []),
    listCurrentPlanOptions(db),
    getProjectStageTotals(db, id),
    listProjectParcels(db, id),
    listProjectEvents(db, id, 20),
  ]);
  const totalsView = toProjectTotalsView(totals);
  return (
    <div className="lr-stack">
      <ProjectDetail
        project={toProjectFactsView(project, project.planId ? (planMap.get(project.planId) ?? null) : null)}
        formValues={toProjectFormValues(project)}
        plans={toPlanOptions(plans)}
        totals={totalsView}
        parcels={parcels.map(toProjectParcelView)}
        parcelsTruncated={parcels.length >= PROJECT_PARCELS_LIMIT && totalsView.parcelCount > parcels.length}
        events={events.map(toProjectEventView)}
        canEdit={hasPermission(user, 'project:edit')}
        canAddParcel={hasPermission(user, 'parcel:edit')}
      />
      <ProjectFundsPanel projectId={id} />
      <ProjectBondsPanel projectId={id} />
      {hasPermission(user, 'contract:view') && <ContractsSection projectId={id} canCreate={hasPermission(user, 'contract:edit')} />}
      {hasPermission(user, 'archive:view') && <ArchiveSection ownerType="项目" ownerId={id} />}
    </div>
  );
}
