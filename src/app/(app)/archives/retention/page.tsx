import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { parseListFilter } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { ListPage } from '@/ui/kit/list-page';
import { KitAlert } from '@/ui/kit/alert';
import { LinkButton } from '@/ui/kit/link-button';
import { listHref } from '@/ui/kit/query';
import type { Column } from '@/ui/kit/columns';
import { expiredItems, RETENTION_FILTER_LABELS, ZRetentionFilter, type ExpiredItemRow } from '@/modules/archives/retention';
import { RETENTION_RULE_SOURCE } from '@/modules/archives/retention-rule';

export const metadata: Metadata = { title: '到期鉴定' };

const COLUMNS: Column<ExpiredItemRow>[] = [
  { key: 'no', title: '档号', kind: 'code', width: 210, value: (r) => r.archiveNo, tooltip: (r) => r.archiveNo },
  { key: 'title', title: '题名', kind: 'name', value: (r) => r.title },
  { key: 'retention', title: '保管期限', kind: 'text', width: 88, value: (r) => r.retention },
  { key: 'year', title: '年度', kind: 'text', width: 72, value: (r) => String(r.year) },
  { key: 'end', title: '到期年度', kind: 'text', width: 88, value: (r) => String(r.endYear), tooltip: (r) => `保管至 ${r.endYear} 年 12 月 31 日` },
  { key: 'owner', title: '所属档案', kind: 'text', width: 150, value: (r) => r.ownerCode, tooltip: (r) => `${r.ownerType} ${r.ownerCode}` },
];

/** 到期鉴定: items whose retention period has ended, for the 鉴定小组 (nothing is deleted here). */
export default async function RetentionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('archive:manage');
  const { filter, notice } = parseListFilter(ZRetentionFilter, await searchParams, RETENTION_FILTER_LABELS);
  const { rows, total } = await expiredItems(await getDb(), todayInShanghai(), filter);
  return (
    <>
      <FilterNotice notice={notice} />
      <ListPage<ExpiredItemRow>
        title="到期鉴定"
        path="/archives/retention"
        testId="archive-retention"
        totalText={`共 ${total} 件到期档案`}
        filters={{
          values: { q: filter.q, code: filter.code, retention: filter.retention },
          defs: [
            { kind: 'keyword', key: 'q', placeholder: '档号或题名', width: 220 },
            { kind: 'keyword', key: 'code', placeholder: '地块或项目编号', width: 160 },
            { kind: 'select', key: 'retention', placeholder: '保管期限', width: 120, options: ['30年', '10年'].map((r) => ({ label: r, value: r })) },
          ],
        }}
        toolbar={<LinkButton href={listHref('/api/archives/retention/export', { q: filter.q, code: filter.code, retention: filter.retention })}>导出 Excel</LinkButton>}
        before={
          <KitAlert theme="warning" testId="retention-note" title="到期档案须经鉴定小组鉴定后按规定处置，系统不会自动删除">
            {RETENTION_RULE_SOURCE}永久保管的档案不会列入。
          </KitAlert>
        }
        table={{ columns: COLUMNS, rows, rowKey: (r) => r.id, empty: '没有到期的档案', testId: 'retention-table' }}
        paging={{ page: filter.page, size: filter.size, total, unit: '件' }}
      />
    </>
  );
}
