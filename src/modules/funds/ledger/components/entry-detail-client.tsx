'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Alert, Button, Card, Descriptions, Dialog, Form, Popconfirm, Select, Space, Tag, Textarea, Timeline } from 'tdesign-react';
import { DeleteIcon, EditIcon } from 'tdesign-icons-react';
import { PersonName } from '@/ui/person-name';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import type { ActionResult } from '@/platform/action';
import { RETURN_COMMENT_MAX, returnCommentProblem, type TWorkflowAction } from '../../rules';
import {
  approveEntryAction,
  deleteEntryAction,
  leaderApproveEntryAction,
  returnEntryAction,
  reverseEntryAction,
  reviewEntryAction,
  submitEntryAction,
} from '../actions';
import { isTreasuryIncome, REASON_MAX, TREASURY_INCOME_NO_ACCOUNT } from '../validation';
import type { AccountOptionView, EntryDetailView } from '../view';
import { EntryAttachments } from './entry-attachments';
import { AmountText, DirectionTag, EntryStatusTag } from './entry-tags';
import { SpendingAcknowledge, SpendingCheckCard } from './spending-check';
import type { SpendingCheck } from '../../rules';

/** The funds check of an expense not yet approved, and whether the settings refuse overspending. */
export type SpendingView = { check: SpendingCheck; refused: boolean } | null;

const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

type TDialog = Exclude<TWorkflowAction, 'submit'> | 'reverse';

const DIALOG_TITLES: Record<TDialog, string> = {
  review: '科室审核',
  approve: '财务审批',
  'leader-approve': '领导审批',
  return: '退回',
  reverse: '冲销',
};

/** The dialog of one step: comment (required for 退回), account (财务审批), reason and date (冲销). */
function StepDialog(props: { kind: TDialog; view: EntryDetailView; accounts: AccountOptionView[]; today: string; spending: SpendingView; onClose: () => void }) {
  const { kind, view } = props;
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [comment, setComment] = useState('');
  const [accountId, setAccountId] = useState(view.accountId ?? '');
  const [reverseDate, setReverseDate] = useState(props.today);
  const [error, setError] = useState<Record<string, string>>({});
  const [acknowledged, setAcknowledged] = useState(false);
  // The approval steps show the funds warnings; passing needs them acknowledged (or the settings refuse).
  const spending = kind === 'review' || kind === 'approve' || kind === 'leader-approve' ? props.spending : null;
  const warned = !!spending && spending.check.warnings.length > 0;
  const ack = warned && acknowledged ? spending.check.warnings.map((w) => w.code) : [];
  const accounts = props.accounts.filter((a) => (a.active || a.value === view.accountId) && (!view.sourceCode || a.sourceCode === view.sourceCode));
  const ref = { id: view.id, version: view.version };
  // 零星收入 is paid into the treasury: approved without a reserve account.
  const treasury = isTreasuryIncome(view.row);

  const confirm = async () => {
    if (warned && !spending.refused && !acknowledged) return setError({ acknowledge: '请确认已知悉上述资金预警' });
    let call: () => Promise<ActionResult<{ id: string }>>;
    let success: string;
    switch (kind) {
      case 'review':
        call = () => reviewEntryAction({ ...ref, comment, acknowledged: ack });
        success = '已审核通过，转财务审批';
        break;
      case 'approve':
        if (!accountId && !treasury) return setError({ accountId: '财务审批时请选择资金账户' });
        call = () => approveEntryAction({ ...ref, accountId: treasury ? null : accountId, comment, acknowledged: ack });
        success = '已完成财务审批';
        break;
      case 'leader-approve':
        call = () => leaderApproveEntryAction({ ...ref, comment, acknowledged: ack });
        success = '已完成领导审批';
        break;
      case 'return': {
        const problem = returnCommentProblem(comment);
        if (problem) return setError({ comment: problem });
        call = () => returnEntryAction({ ...ref, comment });
        success = '已退回经办人';
        break;
      }
      case 'reverse':
        if (!comment.trim()) return setError({ reason: '请填写冲销原因' });
        call = () => reverseEntryAction({ ...ref, reason: comment, entryDate: reverseDate });
        success = '已生成冲销记录并提交科室审核';
        break;
    }
    const res = await run(call, success, (fieldErrors) => setError(fieldErrors));
    if (res?.ok) {
      props.onClose();
      if (kind === 'reverse') router.push(`/funds/ledger/${res.data.id}`);
    }
  };

  const commentLabel = kind === 'return' ? '退回意见' : kind === 'reverse' ? '冲销原因' : '意见';
  return (
    <Dialog
      visible
      header={`${DIALOG_TITLES[kind]}：${view.row.entryNo}`}
      confirmBtn={{
        content: kind === 'return' ? '退回' : kind === 'reverse' ? '生成冲销记录' : '通过',
        loading: busy,
        theme: kind === 'return' ? 'danger' : 'primary',
        disabled: warned && spending.refused,
      }}
      onConfirm={() => void confirm()}
      onClose={props.onClose}
      width={warned ? 680 : 560}
    >
      <div style={{ marginBottom: 12 }}>
        {view.row.directionLabel} <AmountText text={`${view.row.amountText} 元`} negative={view.row.negative} />（{view.row.category}），{view.row.projectLabel}
      </div>
      {kind === 'reverse' && (
        <Alert
          theme="warning"
          style={{ marginBottom: 12 }}
          message={`将生成一笔金额为 -${view.row.amountText} 元的冲销记录，并提交科室审核；冲销记录审批通过后，本记录与冲销记录相互抵消。`}
        />
      )}
      {spending && (
        <SpendingAcknowledge
          check={spending.check}
          refused={spending.refused}
          checked={acknowledged}
          error={error.acknowledge}
          onChange={(checked) => {
            setAcknowledged(checked);
            setError({});
          }}
        />
      )}
      <Form labelAlign="top">
        {kind === 'approve' && treasury && <Alert theme="info" style={{ marginBottom: 12 }} message={TREASURY_INCOME_NO_ACCOUNT} />}
        {kind === 'approve' && !treasury && (
          <LabeledField name="accountId" label="资金账户" required error={error.accountId} hint={view.sourceCode ? '只列出与记录资金来源一致的启用账户' : '资金来源将按所选账户确定'}>
            <Select
              value={accountId || undefined}
              filterable
              placeholder="请选择资金账户"
              options={accounts.map((a) => ({ value: a.value, label: a.label }))}
              onChange={(v) => {
                setAccountId(typeof v === 'string' ? v : '');
                setError({});
              }}
            />
          </LabeledField>
        )}
        {kind === 'reverse' && (
          <LabeledField name="entryDate" label="冲销日期" required error={error.entryDate} hint={`不早于原记录的发生日期（${view.row.entryDate}），不晚于今天`}>
            <DateField value={reverseDate} onChange={setReverseDate} clearable={false} min={view.row.entryDate} notFuture />
          </LabeledField>
        )}
        <LabeledField name={kind === 'reverse' ? 'reason' : 'comment'} label={commentLabel} required={kind === 'return' || kind === 'reverse'} error={error.comment ?? error.reason}>
          <Textarea
            value={comment}
            maxlength={kind === 'reverse' ? REASON_MAX : RETURN_COMMENT_MAX}
            autosize={{ minRows: 2, maxRows: 5 }}
            placeholder={kind === 'return' ? '请写明退回原因和需要更正的内容' : kind === 'reverse' ? '如 重复支付、金额录入错误' : '选填'}
            onChange={(v) => {
              setComment(String(v));
              setError({});
            }}
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}

/** 收支记录: facts, the approval timeline, the actions this user may take, attachments. */
export function EntryDetailClient(props: { view: EntryDetailView; accounts: AccountOptionView[]; today: string; spending: SpendingView }) {
  const { view } = props;
  const { row, actions } = view;
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [dialog, setDialog] = useState<TDialog | null>(null);
  const ref = { id: view.id, version: view.version };

  const submit = () => run(() => submitEntryAction(ref), '已提交科室审核');
  const remove = async () => {
    const res = await run(() => deleteEntryAction(ref), `已删除 ${row.entryNo}`);
    if (res?.ok) router.push('/funds/ledger');
  };

  const dash = (v: string | null | undefined) => v || <span className="lr-muted">—</span>;
  const waiting =
    row.status === 'submitted' ? '等待科室负责人审核' : row.status === 'reviewed' ? '等待财务审批' : row.status === 'leader' ? '金额超过设定额度，等待中心领导审批' : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title={
          <Space size={8} align="center">
            <span data-testid="entry-no">{row.entryNo}</span>
            <EntryStatusTag status={row.status} />
            <DirectionTag direction={row.direction} />
            {row.origin !== 'manual' && <Tag variant="outline">{row.originLabel}</Tag>}
            {row.reversed && (
              <Tag theme="danger" variant="outline">
                已冲销
              </Tag>
            )}
            {row.isDemo && (
              <Tag theme="warning" variant="light">
                演示
              </Tag>
            )}
          </Space>
        }
        actions={
          <div data-testid="entry-actions">
            <Space breakLine>
              {actions.workflow.includes('submit') && (
                <Popconfirm content="提交后由科室负责人审核，审核前不能修改。确定提交？" onConfirm={() => void submit()}>
                  <Button theme="primary" loading={busy}>
                    {view.actionLabels.submit}
                  </Button>
                </Popconfirm>
              )}
              {(['review', 'approve', 'leader-approve'] as const)
                .filter((a) => actions.workflow.includes(a))
                .map((a) => (
                  <Button key={a} theme="primary" onClick={() => setDialog(a)}>
                    {view.actionLabels[a]}
                  </Button>
                ))}
              {actions.workflow.includes('return') && (
                <Button theme="danger" variant="outline" onClick={() => setDialog('return')}>
                  {view.actionLabels.return}
                </Button>
              )}
              {actions.canEdit && (
                <Link href={`/funds/ledger/${view.id}/edit`}>
                  <Button variant="outline" icon={<EditIcon />}>
                    修改
                  </Button>
                </Link>
              )}
              {actions.canDelete && (
                <Popconfirm content={`删除 ${row.entryNo}？删除后不能恢复。`} theme="danger" onConfirm={() => void remove()}>
                  <Button variant="outline" theme="danger" icon={<DeleteIcon />} loading={busy}>
                    删除
                  </Button>
                </Popconfirm>
              )}
              {actions.canReverse && (
                <Button variant="outline" theme="warning" onClick={() => setDialog('reverse')}>
                  冲销
                </Button>
              )}
            </Space>
          </div>
        }
      >
        {row.status === 'returned' && view.returnComment && <Alert theme="error" style={{ marginBottom: 12 }} title="已退回" message={`退回意见：${view.returnComment}`} />}
        {waiting && <Alert theme="info" style={{ marginBottom: 12 }} message={waiting} />}
        {view.projectClosed && row.direction === 'expense' && row.status !== 'approved' && !row.negative && (
          <Alert theme="warning" style={{ marginBottom: 12 }} message="项目已关闭，不能登记支出：本记录不能再提交或审批，可删除或退回。" />
        )}
        {row.status === 'approved' && <Alert theme="success" style={{ marginBottom: 12 }} message="已审批的记录计入余额，不能修改或删除；如需更正，请办理冲销。" />}
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: '收支方向', content: row.directionLabel },
            { label: '发生日期', content: row.entryDate },
            { label: '金额（元）', content: <AmountText text={row.amountText} negative={row.negative} /> },
            { label: '科目', content: row.category },
            { label: '资金来源', content: row.sourceName ?? <span className="lr-muted">待财务选定</span> },
            { label: '资金账户', content: row.accountName ?? <span className="lr-muted">待财务选定</span> },
            {
              label: '项目',
              content: (
                <Link href={`/projects/${row.projectId}`} style={LINK}>
                  {row.projectLabel}
                </Link>
              ),
            },
            {
              label: '地块',
              content: row.parcelId ? (
                <Link href={`/parcels/${row.parcelId}`} style={LINK}>
                  {row.parcelCode} {view.parcelName}
                </Link>
              ) : (
                dash(null)
              ),
            },
            { label: row.direction === 'income' ? '付款单位' : '收款单位', content: dash(row.counterparty) },
            { label: '凭证号', content: dash(row.voucherNo) },
            { label: '合同编号', content: dash(view.contractNo) },
            { label: '登记来源', content: row.originLabel },
            { label: '经办人', content: <PersonName person={view.people.createdBy} /> },
            { label: '科室审核', content: <PersonName person={view.people.reviewedBy} /> },
            { label: '财务审批', content: <PersonName person={view.people.approvedBy} /> },
            ...(view.leaderRequired ? [{ label: '领导审批', content: <PersonName person={view.people.leaderBy} /> }] : []),
            ...(view.original
              ? [
                  {
                    label: '冲销的原记录',
                    content: (
                      <Link href={`/funds/ledger/${view.original.id}`} style={LINK}>
                        {view.original.entryNo}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...(view.reversals.length
              ? [
                  {
                    label: '冲销记录',
                    content: (
                      <Space size={8} breakLine>
                        {view.reversals.map((r) => (
                          <span key={r.id}>
                            <Link href={`/funds/ledger/${r.id}`} style={LINK}>
                              {r.entryNo}
                            </Link>{' '}
                            <span className="lr-muted">
                              （{r.amountText} 元，{r.statusLabel}）
                            </span>
                          </span>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
            { label: '摘要说明', content: dash(row.description), span: 3 },
          ]}
        />
      </Card>
      {props.spending && <SpendingCheckCard check={props.spending.check} refused={props.spending.refused} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Card bordered={false} title="审批流程">
          <div data-testid="entry-timeline">
            <Timeline mode="same">
              {view.steps.map((s) => (
                <Timeline.Item key={s.id} label={s.at} dotColor={s.tone === 'default' ? 'primary' : s.tone}>
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
                </Timeline.Item>
              ))}
            </Timeline>
          </div>
        </Card>
        <EntryAttachments view={view} />
      </div>
      {dialog && <StepDialog kind={dialog} view={view} accounts={props.accounts} today={props.today} spending={props.spending} onClose={() => setDialog(null)} />}
    </Space>
  );
}
