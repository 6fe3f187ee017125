import { KitCard } from '@/ui/kit/card';
import { DescList, type DescItem } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import { PersonName } from '@/ui/person-name';
import type { SpendingCheck } from '../rules';
import type { AccountOptionView, EntryDetailView, EntryStepItemView } from '../ledger/view';
import { EntryAttachments } from '../ledger/components/entry-attachments';
import { DirectionMark, EntryStatusMark, YuanText } from './entry-marks';
import { EntryActionsIsland, type SpendingView } from './entry-actions-island';
import { Notice } from './funds-kit';
import { SpendingFigures } from './spending-figures';

const TONE_COLOURS: Record<EntryStepItemView['tone'], string> = {
  primary: 'var(--td-brand-color)',
  success: 'var(--td-success-color)',
  warning: 'var(--td-warning-color)',
  error: 'var(--td-error-color)',
  default: 'var(--td-brand-color)',
};

/** The approval steps, newest last, server-rendered in TDesign's timeline look. */
function StepTimeline({ steps }: { steps: EntryStepItemView[] }) {
  return (
    <ol data-testid="entry-timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {steps.map((s, i) => (
        <li key={s.id} style={{ display: 'grid', gridTemplateColumns: '150px 16px 1fr', columnGap: 12, position: 'relative', paddingBottom: i === steps.length - 1 ? 0 : 16 }}>
          <span className="lr-muted lr-num" style={{ fontSize: 13, textAlign: 'right', whiteSpace: 'nowrap' }}>
            {s.at}
          </span>
          <span aria-hidden="true" style={{ position: 'relative' }}>
            <span style={{ position: 'absolute', left: 3, top: 5, width: 10, height: 10, borderRadius: '50%', border: `2px solid ${TONE_COLOURS[s.tone]}`, boxSizing: 'border-box', background: 'var(--td-bg-color-container)' }} />
            {i < steps.length - 1 && <span style={{ position: 'absolute', left: 7, top: 17, bottom: -16, width: 2, background: 'var(--td-component-stroke)' }} />}
          </span>
          <div>
            <div style={{ fontWeight: 600 }}>
              {s.label}
              <span className="lr-muted" style={{ fontWeight: 400, marginLeft: 8, fontSize: 13 }}>
                {s.fromLabel && s.fromLabel !== s.toLabel ? `${s.fromLabel} → ${s.toLabel}` : s.toLabel}
              </span>
            </div>
            <div className="lr-muted" style={{ fontSize: 13 }} data-testid="step-actor">
              <PersonName person={s.actor} />
            </div>
            {s.comment && <div style={{ fontSize: 13 }}>意见：{s.comment}</div>}
            {s.warnings.length > 0 && (
              <div style={{ fontSize: 13, color: 'var(--td-warning-color)' }} data-testid="step-warnings">
                已确认资金预警：{s.warnings.join('；')}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** What this expense does to the project's money (万元), with its warnings and their rules. */
function SpendingCheckCard({ check, refused }: { check: SpendingCheck; refused: boolean }) {
  return (
    <KitCard title="资金校验（本笔支出对项目预算和余额的影响，万元）">
      {check.warnings.length > 0 && (
        <Notice theme={refused ? 'error' : 'warning'}>
          <strong>{refused ? '资金预警：按系统参数不予审批' : '资金预警'}</strong>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="spending-warnings">
            {check.warnings.map((w) => (
              <li key={w.code}>
                {w.message}
                <div className="lr-muted" style={{ fontSize: 12 }}>
                  依据：{w.rule}
                </div>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <SpendingFigures check={check} />
    </KitCard>
  );
}

const link = (href: string, text: string) => (
  <a className="lr-link" href={href}>
    {text}
  </a>
);

/**
 * 收支记录 on the page kit: the facts (amount in 元, as on the voucher), the funds check, the
 * approval timeline and the attachments. Islands: the action buttons with their dialogs, and the
 * attachments (upload, delete).
 */
export function EntryDetail(props: { view: EntryDetailView; accounts: AccountOptionView[]; today: string; spending: SpendingView }) {
  const { view } = props;
  const { row } = view;
  const waiting =
    row.status === 'submitted' ? '等待科室负责人审核' : row.status === 'reviewed' ? '等待财务审批' : row.status === 'leader' ? '金额超过设定额度，等待中心领导审批' : null;
  const pending = <span className="lr-muted">待财务选定</span>;
  const items: DescItem[] = [
    { label: '收支方向', content: row.directionLabel },
    { label: '发生日期', content: row.entryDate },
    { label: '金额（元）', content: <YuanText amount={row.amount} /> },
    { label: '科目', content: row.category },
    { label: '资金来源', content: row.sourceName ?? pending },
    { label: '资金账户', content: row.accountName ?? pending },
    { label: '项目', content: link(`/projects/${row.projectId}`, row.projectLabel) },
    { label: '地块', content: row.parcelId ? link(`/parcels/${row.parcelId}`, `${row.parcelCode ?? ''} ${view.parcelName ?? ''}`.trim()) : null },
    { label: row.direction === 'income' ? '付款单位' : '收款单位', content: row.counterparty },
    { label: '凭证号', content: row.voucherNo },
    { label: '合同编号', content: view.contractId ? link(`/contracts/${view.contractId}`, view.contractNo ?? '') : view.contractNo },
    { label: '登记来源', content: row.originLabel },
    { label: '经办人', content: <PersonName person={view.people.createdBy} /> },
    { label: '科室审核', content: <PersonName person={view.people.reviewedBy} /> },
    { label: '财务审批', content: <PersonName person={view.people.approvedBy} /> },
    ...(view.leaderRequired ? [{ label: '领导审批', content: <PersonName person={view.people.leaderBy} /> }] : []),
    ...(view.original ? [{ label: '冲销的原记录', content: link(`/funds/ledger/${view.original.id}`, view.original.entryNo) }] : []),
    ...(view.reversals.length
      ? [
          {
            label: '冲销记录',
            content: (
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>
                {view.reversals.map((r) => (
                  <span key={r.id}>
                    {link(`/funds/ledger/${r.id}`, r.entryNo)}{' '}
                    <span className="lr-muted">
                      （{r.amountText} 元，{r.statusLabel}）
                    </span>
                  </span>
                ))}
              </span>
            ),
          },
        ]
      : []),
    { label: '摘要说明', content: row.description, span: 3 },
  ];
  return (
    <div className="lr-stack">
      {row.integrity !== 'ok' && (
        <Notice theme={row.integrity === 'pending' ? 'warning' : 'error'} testId="entry-integrity">
          <b>{row.integrityText}</b>
          {row.integrity === 'pending' ? '。' : '。金额、日期、项目等内容可能已不是审批时的内容，请与原始凭证核对，并查阅审计日志。'}
        </Notice>
      )}
      <KitCard
        testId="entry-detail"
        title={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <span data-testid="entry-no">{row.entryNo}</span>
            <EntryStatusMark status={row.status} />
            <DirectionMark direction={row.direction} />
            {row.origin !== 'manual' && <KitTag variant="outline">{row.originLabel}</KitTag>}
            {row.reversed && (
              <KitTag theme="danger" variant="outline">
                已冲销
              </KitTag>
            )}
            {row.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={<EntryActionsIsland view={view} accounts={props.accounts} today={props.today} spending={props.spending} />}
      >
        {row.status === 'returned' && view.returnComment && (
          <Notice theme="error">
            <strong>已退回</strong> 退回意见：{view.returnComment}
          </Notice>
        )}
        {waiting && <Notice theme="info">{waiting}</Notice>}
        {view.projectClosed && row.direction === 'expense' && row.status !== 'approved' && !row.negative && (
          <Notice theme="warning">项目已关闭，不能登记支出：本记录不能再提交或审批，可删除或退回。</Notice>
        )}
        {row.status === 'approved' && <Notice theme="success">已审批的记录计入余额，不能修改或删除；如需更正，请办理冲销。</Notice>}
        <DescList column={3} items={items} testId="entry-facts" />
      </KitCard>
      {props.spending && <SpendingCheckCard check={props.spending.check} refused={props.spending.refused} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <KitCard title="审批流程">
          <StepTimeline steps={view.steps} />
        </KitCard>
        <EntryAttachments view={view} />
      </div>
    </div>
  );
}
