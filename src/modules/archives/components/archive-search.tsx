import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { LinkButton } from '@/ui/kit/link-button';
import { KitTag } from '@/ui/kit/tag';
import { ARCHIVE_OWNER_TYPES, ARCHIVE_STAGES, ITEM_CATEGORIES, RETENTIONS } from '../constants';
import type { ItemRow } from '../queries';
import type { TItemFilter } from '../validation';

const COLUMNS: Column<ItemRow>[] = [
  { key: 'no', title: '档号', kind: 'code', width: 176, value: (r) => r.archiveNo, tooltip: (r) => r.archiveNo, href: (r) => `/archives/${r.archiveId}#item-${r.id}` },
  { key: 'title', title: '题名', kind: 'name', value: (r) => r.title, tooltip: (r) => `${r.title}（责任者：${r.department}${r.pageCount ? `，${r.pageCount} 页` : ''}）`, href: (r) => `/archives/${r.archiveId}#item-${r.id}` },
  {
    key: 'owner',
    title: '地块或项目',
    kind: 'code',
    width: 150,
    value: (r) => r.ownerCode,
    tooltip: (r) => `${r.ownerType}档案 ${r.ownerCode}`,
    href: (r) => `/archives/${r.archiveId}`,
  },
  { key: 'stage', title: '阶段', kind: 'text', width: 84, value: (r) => r.stage },
  { key: 'category', title: '类别', kind: 'text', width: 96, value: (r) => r.category },
  { key: 'date', title: '形成日期', kind: 'date', value: (r) => r.itemDate },
  { key: 'retention', title: '保管期限', kind: 'tag', width: 84, render: (r) => <KitTag theme={r.retention === '永久' ? 'primary' : 'default'}>{r.retention}</KitTag> },
  { key: 'secrecy', title: '密级', kind: 'tag', width: 72, render: (r) => <KitTag theme={r.secrecy === '内部' ? 'warning' : 'default'}>{r.secrecy}</KitTag> },
  { key: 'files', title: '文件', kind: 'count', width: 64, value: (r) => r.fileCount },
];

/** 档案检索: every item of every archive, searched by code, text, category, retention and date. */
export function ArchiveSearch(props: { filter: TItemFilter; total: number; rows: ItemRow[]; canManage: boolean; archivesOfCode: { id: string; ownerType: string; ownerCode: string; title: string }[] }) {
  const f = props.filter;
  const values = { q: f.q, code: f.code, owner: f.owner, stage: f.stage, category: f.category, retention: f.retention, from: f.from, to: f.to };
  return (
    <ListPage<ItemRow>
      title="档案检索"
      path="/archives"
      testId="archives"
      totalText={`共 ${props.total} 件`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '题名、说明或档号', width: 200 },
          { kind: 'keyword', key: 'code', placeholder: '地块或项目编号', width: 150 },
          { kind: 'select', key: 'owner', placeholder: '档案类型', width: 110, options: ARCHIVE_OWNER_TYPES.map((t) => ({ label: `${t}档案`, value: t })) },
          { kind: 'select', key: 'stage', placeholder: '阶段', width: 100, options: ARCHIVE_STAGES.map((s) => ({ label: s, value: s })) },
          { kind: 'select', key: 'category', placeholder: '类别', width: 120, options: ITEM_CATEGORIES.map((c) => ({ label: c, value: c })) },
          { kind: 'select', key: 'retention', placeholder: '保管期限', width: 110, options: RETENTIONS.map((r) => ({ label: r, value: r })) },
          { kind: 'dateRange', key: 'from', toKey: 'to', placeholder: ['形成日期自', '至'], width: 250 },
        ],
      }}
      toolbar={props.canManage ? <LinkButton href="/archives/settings">档号规则</LinkButton> : undefined}
      before={
        props.archivesOfCode.length > 0 ? (
          <div className="lr-archive-shortcuts" data-testid="archive-shortcuts">
            打开档案：
            {props.archivesOfCode.map((a) => (
              <a key={a.id} className="lr-link" href={`/archives/${a.id}`} title={a.title}>
                {a.ownerType} {a.ownerCode}
              </a>
            ))}
          </div>
        ) : undefined
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的档案条目', testId: 'archive-items' }}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '件' }}
    />
  );
}
