import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { entryActions } from '@/modules/funds/ledger/entry-actions';
import { getEntry } from '@/modules/funds/ledger/queries';
import { getSpendingCheck, needsSpendingCheck } from '@/modules/funds/ledger/spending';
import { getSettings } from '@/platform/settings';
import { listAccounts } from '@/modules/funds/accounts/queries';
import { toAccountOptionView, toEntryDetailView } from '@/modules/funds/ledger/view';
import { EntryDetail } from '@/modules/funds/components/entry-detail';

export const metadata: Metadata = { title: '收支记录' };

export default async function LedgerEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('fund:view');
  const { id } = await params;
  const db = await getDb();
  const entry = await getEntry(db, id);
  if (!entry) notFound();
  const actions = entryActions(entry, { userId: user.id, permissions: user.permissions });
  const accounts = actions.workflow.includes('approve') ? await listAccounts(db) : [];
  // Until approved, an expense shows what it does to the project's budgets and balance.
  const spending =
    entry.status !== 'approved' && needsSpendingCheck(entry)
      ? { check: await getSpendingCheck(db, entry), refused: (await getSettings(db))['fund.overspendPolicy'] === 0 }
      : null;
  return <EntryDetail view={toEntryDetailView(entry, actions)} accounts={accounts.map(toAccountOptionView)} today={todayInShanghai()} spending={spending} />;
}
