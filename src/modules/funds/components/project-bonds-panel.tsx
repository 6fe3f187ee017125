import 'server-only';
import { getCurrentUser } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { hasPermission } from '@/platform/permissions/check';
import { getProjectBondSummary } from '../bonds/queries';
import { ProjectBondsPanelView } from './project-bonds-panel-view';

/**
 * The special bond money of one project for its detail page (server component): allocations,
 * its share of principal and interest, the centre's cap and the 62号 coverage. Nothing for a
 * user without fund:view or for a project without bond money.
 */
export async function ProjectBondsPanel({ projectId }: { projectId: string }) {
  const user = await getCurrentUser();
  if (!hasPermission(user, 'fund:view')) return null;
  const summary = await getProjectBondSummary(await getDb(), projectId);
  if (summary.allocations.length === 0) return null;
  return <ProjectBondsPanelView summary={summary} />;
}
