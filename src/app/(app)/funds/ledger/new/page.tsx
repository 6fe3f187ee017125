import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { listLedgerParcelOptions, listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { listAccounts } from '@/modules/funds/accounts/queries';
import { EMPTY_ENTRY_FORM, projectLabelOf, toAccountOptionView } from '@/modules/funds/ledger/view';
import { KitCard } from '@/ui/kit/card';
import { EntryForm } from '@/modules/funds/ledger/components/entry-form';
import { listContractPaymentOptions } from '@/modules/contracts/queries';
import { toContractPaymentOptions } from '@/modules/contracts/payment-options';

export const metadata: Metadata = { title: '新增收支' };

export default async function NewLedgerEntryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('fund:enter');
  const { projectId, contractId } = await searchParams;
  const db = await getDb();
  const [projects, parcels, accounts, contracts] = await Promise.all([listLedgerProjectOptions(db), listLedgerParcelOptions(db), listAccounts(db), listContractPaymentOptions(db)]);
  // ?projectId= preselects the project when it exists (from a project's page or a filtered list).
  const preset = typeof projectId === 'string' && projects.some((p) => p.id === projectId) ? projectId : '';
  // ?contractId= (登记付款 on a contract's page) preselects an effective contract of that project.
  const contract = typeof contractId === 'string' ? contracts.find((c) => c.id === contractId && (!c.projectId || c.projectId === preset)) : undefined;
  const today = todayInShanghai();
  // The page frame is server-rendered; only the form is a client island.
  return (
    <KitCard title="新增收支" testId="entry-form">
      <EntryForm
        entry={null}
        initial={{ ...EMPTY_ENTRY_FORM, entryDate: today, projectId: preset, ...(contract ? { contractId: contract.id, contractNo: contract.contractNo, counterparty: contract.counterparty } : {}) }}
        projects={projects.map((p) => ({ value: p.id, label: projectLabelOf(p.code, p.name), closed: p.status === 'closed' }))}
        parcels={parcels.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, projectId: p.projectId }))}
        accounts={accounts.map(toAccountOptionView)}
        contracts={toContractPaymentOptions(contracts)}
        today={today}
      />
    </KitCard>
  );
}
