import type { Column } from '@/ui/kit/columns';
import { ListPage, listHref } from '@/ui/kit/list-page';
import { LinkButton } from '@/ui/kit/link-button';
import { KitTag } from '@/ui/kit/tag';
import { formatDate, formatDateTime } from '@/ui/format';
import { ARCHIVE_STAGES } from '../constants';
import { COLLECT_SOURCES, PENDING_STATUSES, type TPendingStatus } from '../collect-rules';
import type { PendingRow } from '../pending-queries';
import type { TPendingFilter } from '../validation';
import { AcceptBatchButton, PendingCheck, PendingCheckAll, PendingSelection, ReturnPendingButton } from './pending-islands';

const source: Column<PendingRow> = { key: 'source', title: '来源', kind: 'tag', width: 84, render: (r) => <KitTag theme="primary">{r.sourceType}</KitTag> };
const title: Column<PendingRow> = {
  key: 'title',
  title: '题名',
  kind: 'name',
  value: (r) => r.title,
  demo: (r) => r.isDemo,
  tooltip: (r) => [r.title, `类别：${r.category}；责任者：${r.department}`, r.description].filter(Boolean).join('\n'),
};
const owner: Column<PendingRow> = { key: 'owner', title: '归入档案', kind: 'code', width: 150, value: (r) => r.ownerCode, tooltip: (r) => `${r.ownerType}档案 ${r.ownerCode}` };
const stage: Column<PendingRow> = { key: 'stage', title: '阶段', kind: 'text', width: 72, value: (r) => r.stage };
const itemDate: Column<PendingRow> = { key: 'date', title: '形成日期', kind: 'date', value: (r) => r.itemDate };

const COLUMNS: Record<TPendingStatus, Column<PendingRow>[]> = {
  待归档: [
    { key: 'check', title: '选择', kind: 'actions', width: 52, render: (r) => <PendingCheck id={r.id} title={r.title} /> },
    source,
    title,
    owner,
    stage,
    itemDate,
    { key: 'retention', title: '保管期限', kind: 'text', width: 76, value: (r) => r.retention, tooltip: (r) => `拟定：${r.retention}，${r.secrecy}（接收时可调整）` },
    { key: 'files', title: '文件', kind: 'count', width: 56, value: (r) => r.fileCount },
    { key: 'collected', title: '收集日期', kind: 'date', value: (r) => formatDate(r.createdAt), tooltip: (r) => formatDateTime(r.createdAt) },
    { key: 'actions', title: '操作', kind: 'actions', width: 64, render: (r) => <ReturnPendingButton id={r.id} version={r.version} title={r.title} /> },
  ],
  已归档: [
    source,
    title,
    owner,
    stage,
    { key: 'no', title: '档号', kind: 'code', width: 196, value: (r) => r.archiveNo, testId: 'pending-archive-no' },
    { key: 'by', title: '接收人', kind: 'person', width: 110, value: (r) => r.decidedByName },
    { key: 'at', title: '接收日期', kind: 'date', value: (r) => formatDate(r.decidedAt), tooltip: (r) => formatDateTime(r.decidedAt) },
  ],
  已退回: [
    source,
    title,
    owner,
    stage,
    { key: 'reason', title: '退回原因', kind: 'text', value: (r) => r.returnReason, tooltip: (r) => r.returnReason ?? undefined },
    { key: 'by', title: '退回人', kind: 'person', width: 110, value: (r) => r.decidedByName },
    { key: 'at', title: '退回日期', kind: 'date', value: (r) => formatDate(r.decidedAt), tooltip: (r) => formatDateTime(r.decidedAt) },
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
