import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { KitCard } from '@/ui/kit/card';
import { ContractForm } from '@/modules/contracts/components/contract-form';
import { contractFormOptions } from '@/modules/contracts/form-options';
import { getContract } from '@/modules/contracts/queries';
import { toContractFormValues } from '@/modules/contracts/view';

export const metadata: Metadata = { title: '修改合同' };

/** 修改合同: drafts only; an effective contract changes through 合同变更. */
export default async function EditContractPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('contract:edit');
  const { id } = await params;
  const db = await getDb();
  const contract = await getContract(db, id);
  if (!contract) notFound();
  if (contract.status !== 'draft') redirect(`/contracts/${contract.id}`);
  return (
    <KitCard title={`修改合同：${contract.contractNo}`} testId="contract-form">
      <ContractForm contract={{ id: contract.id, version: contract.version, contractNo: contract.contractNo }} initial={toContractFormValues(contract)} options={await contractFormOptions(db)} today={todayInShanghai()} />
    </KitCard>
  );
}
