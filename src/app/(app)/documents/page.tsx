import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { departmentOptions, documentYears, listDocuments } from '@/modules/documents/queries';
import { ZDocumentFilter } from '@/modules/documents/validation';
import { toDocumentRowView } from '@/modules/documents/view';
import { DocumentsList } from '@/modules/documents/components/documents-list';

export const metadata: Metadata = { title: '发文' };

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('document:view');
  const params = await searchParams;
  const { filter, notice } = parseListFilter(ZDocumentFilter, params);
  const db = await getDb();
  const [{ rows, total }, years, departments] = await Promise.all([
    listDocuments(db, filter, { userId: user.id, displayName: user.displayName, departmentId: user.departmentId }),
    documentYears(db),
    departmentOptions(db),
  ]);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  return (
    <>
      <FilterNotice notice={notice} />
      <DocumentsList
        filter={filter}
        sorted={typeof params.sort === 'string' && params.sort === filter.sort}
        total={total}
        rows={rows.map(toDocumentRowView)}
        years={[...new Set([thisYear, ...years])].sort((a, b) => b - a)}
        departments={departments}
        canDraft={hasPermission(user, 'document:draft')}
        canExport={hasPermission(user, 'document:export')}
        canAdmin={hasPermission(user, 'document:admin')}
      />
    </>
  );
}
