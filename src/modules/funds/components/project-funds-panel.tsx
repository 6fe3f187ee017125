import 'server-only';
import { getCurrentUser } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { hasPermission } from '@/platform/permissions/check';
import { getProjectBalances, getProjectCash } from '../balances/queries';
import { ProjectFundsPanelView } from './project-funds-panel-view';

/**
 * The funds of one project for its detail page (server component): life budget, received,
 * spent, committed, balance and execution rate (all years), and the N45 yearly cash check.
 * Renders nothing for a user without fund:view or for an unknown project.
 */
export async function ProjectFundsPanel({ projectId }: { projectId: string }) {
  const user = await getCurrentUser();
  if (!hasPermission(user, 'fund:view')) return null;
  const db = await getDb();
  const [balances, cash] = await Promise.all([getProjectBalances(db, { projectIds: [projectId] }), getProjectCash(db, projectId)]);
  const balance = balances.rows[0];
  if (!balance || !cash) return null;
  return <ProjectFundsPanelView balance={balance} cash={cash} />;
}
