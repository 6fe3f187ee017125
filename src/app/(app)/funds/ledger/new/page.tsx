import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { listLedgerParcelOptions, listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { listAccounts } from '@/modules/funds/accounts/queries';
import { EMPTY_ENTRY_FORM, projectLabelOf, toAccountOptionView } from '@/modules/funds/ledger/view';
import { KitCard } from '@/ui/kit/card';
import { EntryForm } from '@/modules/funds/ledger/components/entry-form';

export const metadata: Metadata = { title: '新增收支' };

export default async function NewLedgerEntryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('fund:enter');
  const { projectId } = await searchParams;
  const db = await getDb();
  const [projects, parcels, accounts] = await Promise.all([listLedgerProjectOptions(db), listLedgerParcelOptions(db), listAccounts(db)]);
  // ?projectId= preselects the project when it exists (from a project's page or a filtered list).
  const preset = typeof projectId === 'string' && projects.some((p) => p.id === projectId) ? projectId : '';
  const today = todayInShanghai();
  // The page frame is server-rendered; only the form is a client island.
  return (
    <KitCard title="新增收支" testId="entry-form">
      <EntryForm
        entry={null}
        initial={{ ...EMPTY_ENTRY_FORM, entryDate: today, projectId: preset }}
        projects={projects.map((p) => ({ value: p.id, label: projectLabelOf(p.code, p.name), closed: p.status === 'closed' }))}
        parcels={parcels.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, projectId: p.projectId }))}
        accounts={accounts.map(toAccountOptionView)}
        today={today}
      />
    </KitCard>
  );
}
