import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitCard } from '@/ui/kit/card';
import { KitAlert } from '@/ui/kit/alert';
import { KitTag } from '@/ui/kit/tag';
import { KitTimeline } from '@/ui/kit/timeline';
import { formatDateTime } from '@/ui/format';
import type { LoanDetail, LoanDetailItem } from '../loan-queries';
import { archiveFileUrl } from '../file-urls';
import { LoanStatusTag } from './loan-tags';
import { LoanActions } from './loan-islands';

export interface LoanViewerRights {
  isBorrower: boolean;
  canApprove: boolean;
  canLeaderApprove: boolean;
  canRefuse: boolean;
  canReturn: boolean;
}


/** /archives/loans/[id]: the request, its items, the approval history and the allowed actions. */
export function LoanDetailView({ loan, rights }: { loan: LoanDetail; rights: LoanViewerRights }) {
  const showFiles = rights.isBorrower && loan.active;
  const columns: Column<LoanDetailItem>[] = [
    { key: 'no', title: '档号', kind: 'code', width: 200, value: (i) => i.archiveNo },
    { key: 'title', title: '题名', kind: 'name', value: (i) => i.title },
    { key: 'owner', title: '地块或项目', kind: 'code', width: 140, value: (i) => i.ownerCode },
    { key: 'secrecy', title: '密级', kind: 'tag', width: 80, render: (i) => <KitTag theme={i.secrecy === '内部' ? 'warning' : 'default'}>{i.secrecy}</KitTag> },
  ];
  if (showFiles) {
    columns.push({
      key: 'files',
      title: '文件（查看 / 下载）',
      kind: 'text',
      render: (i) =>
        i.files.length ? (
          <span data-testid="loan-item-files">
            {i.files.map((f) => (
              <span key={f.id} style={{ marginRight: 12 }}>
                <a className="lr-link" href={archiveFileUrl(f.id)} target="_blank" rel="noreferrer" title={`查看 ${f.fileName}`}>
                  {f.fileName}
                </a>
                <a className="lr-link lr-gap" href={archiveFileUrl(f.id, { download: true })} title={`下载 ${f.fileName}`}>
                  下载
                </a>
              </span>
            ))}
          </span>
        ) : (
          <span className="lr-muted">无文件</span>
        ),
    });
  }
  const anyAction = rights.canApprove || rights.canLeaderApprove || rights.canRefuse || rights.canReturn;
  return (
    <>
      <KitCard title="档案借阅" actions={<LoanStatusTag status={loan.shown} />} testId="loan-detail">
        {loan.shown === '已逾期' && (
          <KitAlert theme="error" testId="loan-overdue">
            已逾期：应于 {loan.untilDate} 前归还，期满后不能再查看和下载，请办理归还。
          </KitAlert>
        )}
        {loan.status === '未批准' && loan.refusedReason && <KitAlert theme="warning">未批准：{loan.refusedReason}</KitAlert>}
        <DescList
          column={3}
          items={[
            { label: '借阅人', content: loan.borrowerName },
            { label: '申请时间', content: formatDateTime(loan.createdAt) },
            { label: '归还日期', content: <span className="lr-num" style={loan.shown === '已逾期' ? { color: 'var(--td-error-color)' } : undefined}>{loan.untilDate}</span> },
            { label: '审批', content: loan.needsLeader ? '档案管理员、中心领导（含内部档案）' : '档案管理员' },
            { label: '借阅用途', content: loan.purpose, span: 2 },
          ]}
        />
        {anyAction && (
          <div style={{ marginTop: 16 }}>
            <LoanActions loanId={loan.id} version={loan.version} needsLeader={loan.needsLeader} canApprove={rights.canApprove} canLeaderApprove={rights.canLeaderApprove} canRefuse={rights.canRefuse} canReturn={rights.canReturn} />
          </div>
        )}
      </KitCard>
      <KitCard title={`借阅档案（${loan.items.length} 件）`}>
        {rights.isBorrower && loan.status === '借阅中' && !loan.active && <KitAlert theme="warning">借阅期限已过，不能再查看和下载。</KitAlert>}
        {showFiles && <KitAlert theme="info">借阅期内可查看和下载，每次查看和下载都记入审计日志。</KitAlert>}
        <DataTable columns={columns} rows={loan.items} rowKey={(i) => i.id} empty="没有借阅条目" testId="loan-items" />
      </KitCard>
      <KitCard title="审批记录">
        <KitTimeline
          testId="loan-history"
          items={loan.history.map((h, i) => ({
            key: String(i),
            label: formatDateTime(h.at),
            content: (
              <span>
                {h.what}
                {h.who && <span className="lr-gap">{h.who}</span>}
                {h.note && <span className="lr-muted lr-gap">{h.note}</span>}
              </span>
            ),
          }))}
        />
      </KitCard>
    </>
  );
}
