import './contracts.css';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitCard } from '@/ui/kit/card';
import { KitStat } from '@/ui/kit/stat';
import { KitTag } from '@/ui/kit/tag';
import { LinkButton } from '@/ui/kit/link-button';
import { KitAlert } from '@/ui/kit/alert';
import { PersonName } from '@/ui/person-name';
import { formatDateTime, groupThousands, groupThousandsSigned } from '@/ui/format';
import { ENTRY_STATUSES, type TEntryStatus } from '@/modules/funds/rules';
import type { ContractChangeView, ContractDetail, ContractPaymentView, MilestoneView } from '../queries';
import { contractFileUrl } from '../files';
import type { ChangeFlowView } from '../flow-views';
import { ChangeStatusTag, ContractStatusTag } from './contract-tags';
import {
  AddMilestoneButton,
  ContractAttachmentUpload,
  ContractStatusActions,
  DecideChangeButtons,
  DeleteAttachmentButton,
  DeleteMilestoneButton,
  RequestChangeButton,
} from './contract-islands';

const ORIGINS: Record<string, string> = { manual: '合同台账登记', 'work-package': '由前期开发工程转入', compensation: '由征收补偿协议转入' };
const yuan = (v: string) => `${groupThousands(v)}`;

function milestoneState(m: MilestoneView) {
  if (m.covered) return <KitTag theme="success">已付足</KitTag>;
  if (m.overdue) return <KitTag theme="danger">逾期未付</KitTag>;
  if (m.dueSoon) return <KitTag theme="warning">即将到期</KitTag>;
  return <KitTag>未到期</KitTag>;
}

export interface ContractDetailPermissions {
  canEdit: boolean;
  canApprove: boolean;
  canEnterPayment: boolean;
  actorId: string;
}

/** /contracts/[id]: the contract, its figures, payment plan, payments, changes, links and files. */
export function ContractDetailView({ contract: c, can, soonDays, flows }: { contract: ContractDetail; can: ContractDetailPermissions; soonDays: number; flows: Record<string, ChangeFlowView> }) {
  const f = c.figures;
  const open = c.status === 'draft' || c.status === 'effective';
  const milestoneColumns: Column<MilestoneView>[] = [
    { key: 'due', title: '计划付款日期', kind: 'date', width: 120, value: (m) => m.dueOn },
    { key: 'amount', title: '计划金额', kind: 'money', value: (m) => m.amount },
    { key: 'cum', title: '累计计划', kind: 'money', value: (m) => m.cumulative },
    { key: 'cond', title: '付款条件', kind: 'text', value: (m) => m.paymentCondition },
    { key: 'state', title: '付款情况', kind: 'tag', width: 100, render: milestoneState },
  ];
  if (can.canEdit && open) milestoneColumns.push({ key: 'ops', title: '操作', kind: 'actions', width: 90, render: (m) => <DeleteMilestoneButton id={m.id} label={`${m.dueOn} ${yuan(m.amount)} 元`} /> });
  const paymentColumns: Column<ContractPaymentView>[] = [
    { key: 'no', title: '收支编号', kind: 'code', value: (p) => p.entryNo, href: (p) => `/funds/ledger/${p.id}` },
    { key: 'date', title: '发生日期', kind: 'date', value: (p) => p.entryDate },
    { key: 'amount', title: '金额', kind: 'money', value: (p) => p.amount },
    { key: 'status', title: '状态', kind: 'tag', width: 110, render: (p) => <KitTag theme={p.status === 'approved' ? 'success' : p.status === 'returned' ? 'danger' : p.status === 'draft' ? 'default' : 'warning'}>{ENTRY_STATUSES[p.status as TEntryStatus] ?? p.status}</KitTag> },
    { key: 'desc', title: '摘要', kind: 'text', value: (p) => (p.origin === 'reversal' ? `冲销：${p.description ?? ''}` : p.description) },
  ];
  const changeColumns: Column<ContractChangeView>[] = [
    { key: 'seq', title: '序号', kind: 'count', width: 64, value: (x) => x.seq },
    { key: 'kind', title: '类型', kind: 'text', width: 64, value: (x) => x.kind },
    { key: 'delta', title: '变更金额', kind: 'money', render: (x) => <span className="lr-num">{groupThousandsSigned(x.delta)}</span> },
    { key: 'reason', title: '原因', kind: 'text', value: (x) => x.reason },
    {
      key: 'status',
      title: '状态',
      kind: 'tag',
      width: 120,
      render: (x) => (
        <span>
          <ChangeStatusTag status={x.status} />
          {x.status === 'pending' && flows[x.id]?.stepName && <span className="lr-muted lr-gap">待{flows[x.id].stepName}</span>}
        </span>
      ),
    },
    { key: 'req', title: '申请人', kind: 'person', width: 120, render: (x) => <PersonName person={x.requester} /> },
    { key: 'reqAt', title: '申请时间', kind: 'datetime', value: (x) => formatDateTime(x.requestedAt) },
    { key: 'history', title: '审批记录', kind: 'text', value: (x) => flows[x.id]?.history || (x.decisionComment ? `${x.decider?.name ?? ''} ${x.decisionComment}` : null) },
  ];
  const canDecide = (x: ContractChangeView) => can.canApprove && x.status === 'pending' && x.requestedBy !== can.actorId && (flows[x.id] ? flows[x.id].canAct : true);
  if (c.changes.some(canDecide)) {
    changeColumns.push({
      key: 'ops',
      title: '操作',
      kind: 'actions',
      width: 110,
      render: (x) => (canDecide(x) ? <DecideChangeButtons id={x.id} label={`第 ${x.seq} 号${x.kind}`} /> : null),
    });
  }

  return (
    <>
      <KitCard
        testId="contract-detail"
        title={
          <span>
            {c.contractNo} {c.name} <ContractStatusTag status={c.status} />
            {c.isDemo && (
              <KitTag theme="warning" gap>
                演示
              </KitTag>
            )}
          </span>
        }
        actions={
          <div style={{ display: 'flex', gap: 8 }}>
            {can.canEdit && c.status === 'draft' && <LinkButton href={`/contracts/${c.id}/edit`}>修改</LinkButton>}
            {can.canEnterPayment && c.status === 'effective' && (
              <LinkButton theme="primary" href={`/funds/ledger/new?projectId=${c.projectId ?? ''}&contractId=${c.id}`} testId="contract-new-payment">
                登记付款
              </LinkButton>
            )}
            {can.canApprove && open && <ContractStatusActions id={c.id} version={c.version} status={c.status} />}
          </div>
        }
      >
        {c.status === 'terminated' && c.statusReason && (
          <KitAlert theme="error" title="合同已解除">
            {c.statusReason}
          </KitAlert>
        )}
        <div className="lr-contract-stats" data-testid="contract-figures">
          <KitStat title="合同金额" value={yuan(f.effective)} unit="元" note={f.approvedChanges !== '0.00' ? `原合同 ${yuan(f.original)} 元，已批准变更 ${groupThousandsSigned(f.approvedChanges)} 元` : '无已批准变更'} testId="contract-effective" />
          <KitStat title="计划付款" value={yuan(f.planned)} unit="元" note={f.unplanned.startsWith('-') ? `超出合同金额 ${yuan(f.unplanned.slice(1))} 元` : `未列入计划 ${yuan(f.unplanned)} 元`} testId="contract-planned" />
          <KitStat title="已付" value={yuan(f.paid)} unit="元" note={f.paidPercent === null ? undefined : `占合同金额 ${f.paidPercent}%`} testId="contract-paid" />
          <KitStat title="审批中" value={yuan(f.inApproval)} unit="元" testId="contract-in-approval" />
          <KitStat title="剩余可付" value={yuan(f.remaining)} unit="元" note="合同金额 − 已付 − 审批中" testId="contract-remaining" />
        </div>
        <DescList
          column={3}
          labelWidth={130}
          items={[
            { label: '合同类型', content: c.contractType },
            { label: '我方', content: c.ourParty },
            { label: '相对方', content: c.counterparty },
            { label: '统一社会信用代码', content: c.counterpartyCreditCode ?? '—' },
            { label: '原合同金额', content: `${yuan(f.original)} 元` },
            { label: '签订日期', content: c.signedOn ?? '—' },
            { label: '开始日期', content: c.startOn ?? '—' },
            { label: '结束日期', content: c.endOn ?? '—' },
            {
              label: '项目',
              content: c.projectId ? (
                <a className="lr-link" href={`/projects/${c.projectId}`}>
                  {c.projectCode} {c.projectName}
                </a>
              ) : (
                '—'
              ),
            },
            { label: '补偿对象', content: c.partyName && c.partyParcelId ? <a className="lr-link" href={`/parcels/${c.partyParcelId}/acquisition`}>{c.partyName}</a> : '—' },
            { label: '来源', content: ORIGINS[c.origin] ?? c.origin },
            { label: '备注', content: c.note ?? '—' },
          ]}
        />
      </KitCard>

      <KitCard title={`付款计划（${c.milestones.length}）`} testId="contract-milestones" actions={can.canEdit && open ? <AddMilestoneButton contractId={c.id} /> : undefined}>
        <p className="lr-muted" style={{ margin: '0 0 8px', fontSize: 13 }}>
          按计划日期先后以已审批付款依次冲抵；{soonDays} 天内到期未付足的节点列入工作台提醒（系统参数「合同付款节点到期提醒」）。
        </p>
        <DataTable columns={milestoneColumns} rows={c.milestones} rowKey={(m) => m.id} moneyUnit="元" empty="尚未制定付款计划" testId="contract-milestones-table" />
      </KitCard>

      <KitCard title={`付款记录（${c.payments.length}）`} testId="contract-payments">
        <p className="lr-muted" style={{ margin: '0 0 8px', fontSize: 13 }}>
          付款在收支台账中登记并选择本合同，经科室审核、财务审批后计入已付；提交时超出剩余可付金额的付款将被拒绝。
        </p>
        <DataTable columns={paymentColumns} rows={c.payments} rowKey={(p) => p.id} moneyUnit="元" empty="暂无付款" testId="contract-payments-table" />
      </KitCard>

      <KitCard title={`合同变更（${c.changes.length}）`} testId="contract-changes" actions={can.canEdit && c.status === 'effective' ? <RequestChangeButton contractId={c.id} /> : undefined}>
        <DataTable columns={changeColumns} rows={c.changes} rowKey={(x) => x.id} moneyUnit="元" empty="无变更或签证" testId="contract-changes-table" />
      </KitCard>

      <KitCard title="关联地块与工程" testId="contract-links">
        <DescList
          column={1}
          labelWidth={130}
          items={[
            {
              label: '地块',
              content: c.parcels.length
                ? c.parcels.map((p, i) => (
                    <span key={p.id}>
                      {i > 0 && '、'}
                      <a className="lr-link" href={`/parcels/${p.id}`}>
                        {p.code} {p.name}
                      </a>
                    </span>
                  ))
                : '—',
            },
            {
              label: '前期开发工程',
              content: c.workPackages.length
                ? c.workPackages.map((w, i) => (
                    <span key={w.id}>
                      {i > 0 && '、'}
                      <a className="lr-link" href={`/parcels/${w.parcelId}/development`}>
                        {w.parcelCode} {w.workType}
                      </a>
                    </span>
                  ))
                : '—',
            },
          ]}
        />
      </KitCard>

      <KitCard title={`附件（${c.attachments.length}）`} testId="contract-attachments">
        {c.attachments.length === 0 ? (
          <div className="lr-muted">暂无附件。可上传合同文本、补充协议等扫描件。</div>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {c.attachments.map((a) => (
              <li key={a.id} style={{ padding: '4px 0', display: 'flex', gap: 12, alignItems: 'center' }}>
                <a className="lr-link" href={contractFileUrl(a.id)} target="_blank" rel="noreferrer">
                  📎 {a.fileName}
                </a>
                <span className="lr-muted" style={{ fontSize: 12 }}>
                  {(a.sizeBytes / 1024).toFixed(1)} KB
                </span>
                {can.canEdit && c.status === 'draft' && <DeleteAttachmentButton id={a.id} fileName={a.fileName} />}
              </li>
            ))}
          </ul>
        )}
        {can.canEdit && <ContractAttachmentUpload contractId={c.id} />}
      </KitCard>
    </>
  );
}
