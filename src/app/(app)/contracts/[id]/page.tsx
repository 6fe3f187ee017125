import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { getContract } from '@/modules/contracts/queries';
import { ContractDetailView } from '@/modules/contracts/components/contract-detail';
import { changeFlowViews } from '@/modules/contracts/flow-views';

export const metadata: Metadata = { title: '合同' };

export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('contract:view');
  const { id } = await params;
  const db = await getDb();
  const settings = await getSettings(db);
  const soonDays = settings['contract.milestoneDueDays'];
  const contract = await getContract(db, id, { soonDays });
  if (!contract) notFound();
  const flows = await changeFlowViews(db, contract.changes.map((c) => c.id), { userId: user.id, displayName: user.displayName, departmentId: user.departmentId });
  return (
    <ContractDetailView
      contract={contract}
      soonDays={soonDays}
      flows={flows}
      can={{
        canEdit: hasPermission(user, 'contract:edit'),
        canApprove: hasPermission(user, 'contract:approve'),
        canEnterPayment: hasPermission(user, 'fund:enter'),
        actorId: user.id,
      }}
    />
  );
}
