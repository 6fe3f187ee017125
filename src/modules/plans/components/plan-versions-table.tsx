'use client';
import Link from 'next/link';
import { Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import type { VersionView } from '../view';
import { PlanStatusTag } from './plans-client';

/** 历史版本: every version of the plan, newest first, with what each changed. */
export function PlanVersionsTable({ versions, viewingId }: { versions: VersionView[]; viewingId: string }) {
  const columns: PrimaryTableCol<VersionView>[] = [
    {
      colKey: 'version',
      title: '版本',
      width: 110,
      cell: ({ row }) =>
        row.id === viewingId ? (
          <span>
            第 {row.version} 版{' '}
            <Tag size="small" variant="outline">
              当前查看
            </Tag>
          </span>
        ) : (
          <Link href={`/plans/${row.id}`}>第 {row.version} 版</Link>
        ),
    },
    { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => <PlanStatusTag status={row.status} label={row.statusLabel} /> },
    { colKey: 'docNo', title: '批准文号', width: 160, cell: ({ row }) => row.docNo ?? <span className="lr-muted">—</span> },
    { colKey: 'approvedOn', title: '批准日期', width: 110, cell: ({ row }) => row.approvedOn ?? <span className="lr-muted">—</span> },
    { colKey: 'reason', title: '调整原因', width: 200, cell: ({ row }) => row.reason ?? <span className="lr-muted">初始版本</span> },
    {
      colKey: 'changes',
      title: '与上一版本相比',
      minWidth: 280,
      cell: ({ row }) =>
        row.version === 1 ? (
          <span className="lr-muted">—</span>
        ) : row.changes.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {row.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <span className="lr-muted">指标未变化</span>
        ),
    },
    { colKey: 'createdAt', title: '生成时间', width: 170 },
  ];
  return <Table<VersionView> rowKey="id" data={versions} columns={columns} size="small" bordered tableLayout="auto" />;
}
