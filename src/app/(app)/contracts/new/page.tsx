import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { KitCard } from '@/ui/kit/card';
import { ContractForm } from '@/modules/contracts/components/contract-form';
import { contractFormOptions } from '@/modules/contracts/form-options';
import { EMPTY_CONTRACT_FORM } from '@/modules/contracts/view';

export const metadata: Metadata = { title: '新建合同' };

export default async function NewContractPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('contract:edit');
  const { projectId } = await searchParams;
  const db = await getDb();
  const options = await contractFormOptions(db);
  // ?projectId= preselects the project (from a project's page or a filtered list).
  const preset = typeof projectId === 'string' && options.projects.some((p) => p.value === projectId) ? projectId : '';
  return (
    <KitCard title="新建合同" testId="contract-form">
      <ContractForm contract={null} initial={{ ...EMPTY_CONTRACT_FORM, projectId: preset }} options={options} today={todayInShanghai()} />
    </KitCard>
  );
}
