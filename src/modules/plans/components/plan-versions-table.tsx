import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag } from '@/ui/kit/tag';
import type { VersionView } from '../view';
import { PlanStatusTag } from './plan-status-tag';

/** What a version changed: one line in the table, the whole list when opened (no client JS). */
function Changes({ row }: { row: VersionView }) {
  if (row.version === 1) return <span className="lr-muted">—</span>;
  if (!row.changes.length) return <span className="lr-muted">指标未变化</span>;
  if (row.changes.length === 1) return <>{row.changes[0]}</>;
  return (
    <details className="lr-details">
      <summary>
        {row.changes.length} 项：{row.changes.join('；')}
      </summary>
      <ul>
        {row.changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </details>
  );
}

function columnsFor(viewingId: string): Column<VersionView>[] {
  return [
    {
      key: 'version',
      title: '版本',
      kind: 'text',
      width: 140,
      render: (r) =>
        r.id === viewingId ? (
          <>
            第 {r.version} 版
            <KitTag variant="outline" gap>
              当前查看
            </KitTag>
          </>
        ) : (
          <a className="lr-link" href={`/plans/${r.id}`}>
            第 {r.version} 版
          </a>
        ),
    },
    { key: 'status', title: '状态', kind: 'tag', render: (r) => <PlanStatusTag status={r.status} label={r.statusLabel} /> },
    { key: 'docNo', title: '批准文号', kind: 'text', width: 170, value: (r) => r.docNo, tooltip: (r) => r.docNo ?? undefined },
    { key: 'approvedOn', title: '批准日期', kind: 'date', value: (r) => r.approvedOn },
    { key: 'reason', title: '调整原因', kind: 'name', tooltip: (r) => r.reason ?? undefined, render: (r) => r.reason ?? <span className="lr-muted">初始版本</span> },
    { key: 'changes', title: '与上一版本相比', kind: 'name', tooltip: (r) => (r.changes.length ? r.changes.join('\n') : undefined), render: (r) => <Changes row={r} /> },
    { key: 'createdAt', title: '生成时间', kind: 'datetime', value: (r) => r.createdAt },
  ];
}

/** 历史版本: every version of the plan, newest first, with what each changed. */
export function PlanVersionsTable({ versions, viewingId }: { versions: VersionView[]; viewingId: string }) {
  return <DataTable<VersionView> columns={columnsFor(viewingId)} rows={versions} rowKey={(r) => r.id} testId="plan-versions" />;
}
