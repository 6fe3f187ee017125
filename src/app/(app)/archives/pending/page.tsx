import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { listPending, pendingCounts } from '@/modules/archives/pending-queries';
import { PENDING_FILTER_LABELS, ZPendingFilter } from '@/modules/archives/validation';
import { PendingList } from '@/modules/archives/components/pending-list';

export const metadata: Metadata = { title: '待归档' };

export default async function ArchivePendingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('archive:manage');
  const { filter, notice } = parseListFilter(ZPendingFilter, await searchParams, PENDING_FILTER_LABELS);
  const db = await getDb();
  const [{ rows, total }, counts] = await Promise.all([listPending(db, filter), pendingCounts(db)]);
  return (
    <>
      <FilterNotice notice={notice} />
      <PendingList filter={filter} total={total} rows={rows} counts={counts} />
    </>
  );
}
