import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { entryActions } from '@/modules/funds/ledger/entry-actions';
import { getEntry, listLedgerParcelOptions, listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { listAccounts } from '@/modules/funds/accounts/queries';
import { projectLabelOf, toAccountOptionView, toEntryFormValues } from '@/modules/funds/ledger/view';
import { KitCard } from '@/ui/kit/card';
import { EntryForm } from '@/modules/funds/ledger/components/entry-form';
import { listContractPaymentOptions } from '@/modules/contracts/queries';
import { toContractPaymentOptions } from '@/modules/contracts/payment-options';
import { postedOrigin } from '@/modules/funds/ledger/validation';

export const metadata: Metadata = { title: '修改收支' };

/** 修改收支: only the creator of a draft or returned entry; anyone else goes back to the entry. */
export default async function EditLedgerEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('fund:enter');
  const { id } = await params;
  const db = await getDb();
  const entry = await getEntry(db, id);
  if (!entry) notFound();
  if (!entryActions(entry, { userId: user.id, permissions: user.permissions }).canEdit) redirect(`/funds/ledger/${entry.id}`);
  const [projects, parcels, accounts, contracts] = await Promise.all([listLedgerProjectOptions(db), listLedgerParcelOptions(db), listAccounts(db), listContractPaymentOptions(db)]);
  // The page frame is server-rendered; only the form is a client island.
  return (
    <KitCard title={`修改收支：${entry.entryNo}`} testId="entry-form">
      <EntryForm
        entry={{ id: entry.id, version: entry.version, entryNo: entry.entryNo, posted: postedOrigin(entry.origin) }}
        initial={toEntryFormValues(entry)}
        projects={projects.map((p) => ({ value: p.id, label: projectLabelOf(p.code, p.name), closed: p.status === 'closed' }))}
        parcels={parcels.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, projectId: p.projectId }))}
        accounts={accounts.map(toAccountOptionView)}
        contracts={toContractPaymentOptions(contracts)}
        today={todayInShanghai()}
      />
    </KitCard>
  );
}
