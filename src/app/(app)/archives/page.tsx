import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { archivesByCode, searchItems } from '@/modules/archives/queries';
import { ITEM_FILTER_LABELS, ZItemFilter } from '@/modules/archives/validation';
import { ArchiveSearch } from '@/modules/archives/components/archive-search';

export const metadata: Metadata = { title: '档案检索' };

export default async function ArchivesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('archive:view');
  const { filter, notice } = parseListFilter(ZItemFilter, await searchParams, ITEM_FILTER_LABELS);
  const db = await getDb();
  const [{ rows, total }, archivesOfCode] = await Promise.all([searchItems(db, filter), filter.code ? archivesByCode(db, filter.code) : Promise.resolve([])]);
  return (
    <>
      <FilterNotice notice={notice} />
      <ArchiveSearch filter={filter} total={total} rows={rows} canManage={hasPermission(user, 'archive:manage')} archivesOfCode={archivesOfCode} />
    </>
  );
}
