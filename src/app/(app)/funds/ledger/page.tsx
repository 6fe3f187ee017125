import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { listEntries, listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { ZLedgerFilter } from '@/modules/funds/ledger/validation';
import { projectLabelOf, toLedgerRowView, toLedgerTotalsView } from '@/modules/funds/ledger/view';
import { LedgerList } from '@/modules/funds/components/ledger-list';

export const metadata: Metadata = { title: '收支台账' };

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const params = await searchParams;
  const { filter, notice } = parseListFilter(ZLedgerFilter, params);
  const db = await getDb();
  const [{ rows, total, totals }, projects] = await Promise.all([
    listEntries(db, filter, { userId: user.id, permissions: user.permissions }),
    listLedgerProjectOptions(db),
  ]);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  return (
    <>
      <FilterNotice notice={notice} />
      <LedgerList
        filter={filter}
        sorted={typeof params.sort === 'string' && params.sort === filter.sort}
        total={total}
        totals={toLedgerTotalsView(totals)}
        rows={rows.map(toLedgerRowView)}
        projects={projects.map((p) => ({ value: p.id, label: `${projectLabelOf(p.code, p.name)}${p.status === 'closed' ? '（已关闭）' : ''}` }))}
        years={Array.from({ length: 12 }, (_, i) => thisYear - i)}
        canEnter={hasPermission(user, 'fund:enter')}
        canExport={hasPermission(user, 'fund:export')}
      />
    </>
  );
}
