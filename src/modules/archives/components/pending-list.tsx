import type { Column } from '@/ui/kit/columns';
import { ListPage, listHref } from '@/ui/kit/list-page';
import { LinkButton } from '@/ui/kit/link-button';
import { KitTag } from '@/ui/kit/tag';
import { formatDateTime } from '@/ui/format';
import { ARCHIVE_STAGES } from '../constants';
import { COLLECT_SOURCES, PENDING_STATUSES, type TPendingStatus } from '../collect-rules';
import type { PendingRow } from '../pending-queries';
import type { TPendingFilter } from '../validation';
import { AcceptBatchButton, PendingCheck, PendingCheckAll, PendingSelection, ReturnPendingButton } from './pending-islands';

const common: Column<PendingRow>[] = [
  { key: 'source', title: '来源', kind: 'tag', width: 88, render: (r) => <KitTag theme="primary">{r.sourceType}</KitTag> },
  { key: 'title', title: '题名', kind: 'name', value: (r) => r.title, tooltip: (r) => (r.description ? `${r.title}\n${r.description}` : r.title) },
  { key: 'owner', title: '归入档案', kind: 'code', width: 150, value: (r) => r.ownerCode, tooltip: (r) => `${r.ownerType}档案 ${r.ownerCode}` },
  { key: 'stage', title: '阶段', kind: 'text', width: 84, value: (r) => r.stage },
  { key: 'category', title: '类别', kind: 'text', width: 84, value: (r) => r.category },
  { key: 'date', title: '形成日期', kind: 'date', value: (r) => r.itemDate },
  { key: 'retention', title: '保管期限', kind: 'text', width: 80, value: (r) => r.retention },
  { key: 'secrecy', title: '密级', kind: 'text', width: 64, value: (r) => r.secrecy },
  { key: 'files', title: '文件', kind: 'count', width: 64, value: (r) => r.fileCount },
];

const COLUMNS: Record<TPendingStatus, Column<PendingRow>[]> = {
  待归档: [
    { key: 'check', title: '选择', kind: 'actions', width: 56, render: (r) => <PendingCheck id={r.id} title={r.title} /> },
    ...common,
    { key: 'collected', title: '收集时间', kind: 'datetime', value: (r) => formatDateTime(r.createdAt) },
    { key: 'actions', title: '操作', kind: 'actions', width: 72, render: (r) => <ReturnPendingButton id={r.id} version={r.version} title={r.title} /> },
  ],
  已归档: [
    ...common,
    { key: 'no', title: '档号', kind: 'code', width: 190, value: (r) => r.archiveNo, testId: 'pending-archive-no' },
    { key: 'by', title: '接收人', kind: 'person', width: 96, value: (r) => r.decidedByName },
    { key: 'at', title: '接收时间', kind: 'datetime', value: (r) => formatDateTime(r.decidedAt) },
  ],
  已退回: [
    ...common,
    { key: 'reason', title: '退回原因', kind: 'text', value: (r) => r.returnReason },
    { key: 'by', title: '退回人', kind: 'person', width: 96, value: (r) => r.decidedByName },
    { key: 'at', title: '退回时间', kind: 'datetime', value: (r) => formatDateTime(r.decidedAt) },
  ],
};

const HELP =
  '地块环节办结（地块转入下一环节）、发文归档、收文归档、合同履行完毕和资金收支审批通过后，其记录和附件自动收集到这里。发文和收文归入所关联地块的档案，未关联地块的归入所关联项目的档案；未关联地块或项目的公文不收集，请通过档案著录归档。接收后按保管期限和形成年度编排档号；退回的记录须写明原因。';

/** 待归档: server-rendered by the page kit; the selection, the batch dialog and 退回 are client islands. */
export function PendingList(props: { filter: TPendingFilter; total: number; rows: PendingRow[]; counts: Record<TPendingStatus, number> }) {
  const f = props.filter;
  const values = { status: f.status === '待归档' ? undefined : f.status, source: f.source, stage: f.stage };
  const waiting = f.status === '待归档';
  const page = (
    <ListPage<PendingRow>
      title="待归档"
      path="/archives/pending"
      testId="archive-pending"
      totalText={`共 ${props.total} 条记录`}
      filters={{
        values,
        defs: [
          { kind: 'select', key: 'source', placeholder: '来源', width: 120, options: COLLECT_SOURCES.map((s) => ({ label: s, value: s })) },
          { kind: 'select', key: 'stage', placeholder: '阶段', width: 120, options: ARCHIVE_STAGES.map((s) => ({ label: s, value: s })) },
        ],
      }}
      toolbar={
        <>
          {PENDING_STATUSES.map((s) => (
            <LinkButton key={s} href={listHref('/archives/pending', { status: s === '待归档' ? undefined : s, source: f.source, stage: f.stage })} theme={s === f.status ? 'primary' : 'default'} testId={`pending-tab-${s}`}>
              {`${s}（${props.counts[s]}）`}
            </LinkButton>
          ))}
          {waiting && <PendingCheckAll />}
          {waiting && <AcceptBatchButton />}
        </>
      }
      before={
        <p className="lr-muted" style={{ margin: '0 0 12px' }} data-testid="pending-help">
          {HELP}
        </p>
      }
      table={{ columns: COLUMNS[f.status], rows: props.rows, rowKey: (r) => r.id, empty: waiting ? '没有待归档的记录' : `没有${f.status}的记录`, testId: 'pending-table' }}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '条' }}
    />
  );
  if (!waiting) return page;
  const choices = props.rows.map((r) => ({ id: r.id, version: r.version, title: r.title, owner: `${r.ownerType}档案 ${r.ownerCode}`, sourceType: r.sourceType, retention: r.retention, secrecy: r.secrecy }));
  return <PendingSelection rows={choices}>{page}</PendingSelection>;
}
