'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Alert, Button, Dialog, Form, Popconfirm, Select, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import type { ActionResult } from '@/platform/action';
import { formatCell } from '@/ui/kit/columns';
import { RETURN_COMMENT_MAX, returnCommentProblem, type SpendingCheck, type TWorkflowAction } from '../rules';
import {
  approveEntryAction,
  deleteEntryAction,
  leaderApproveEntryAction,
  returnEntryAction,
  reverseEntryAction,
  reviewEntryAction,
  submitEntryAction,
} from '../ledger/actions';
import { isTreasuryIncome, REASON_MAX, TREASURY_INCOME_NO_ACCOUNT } from '../ledger/validation';
import type { AccountOptionView, EntryDetailView } from '../ledger/view';
import { SpendingAcknowledge } from '../ledger/components/spending-check';

/** The funds check of an expense not yet approved, and whether the settings refuse overspending. */
export type SpendingView = { check: SpendingCheck; refused: boolean } | null;

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
        {view.row.directionLabel} <span style={view.row.negative ? { color: 'var(--td-error-color)' } : undefined}>{formatCell('money', view.row.amount, '元')} 元</span>（{view.row.category}），{view.row.projectLabel}
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


/**
 * The buttons of a ledger entry (提交, 审核 / 审批, 退回, 修改, 删除, 冲销) and the dialog each
 * opens: the one client island of the entry page besides the attachments.
 */
export function EntryActionsIsland(props: { view: EntryDetailView; accounts: AccountOptionView[]; today: string; spending: SpendingView }) {
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
  return (
    <div data-testid="entry-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
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
        <Button variant="outline" href={`/funds/ledger/${view.id}/edit`} tag="a">
          修改
        </Button>
      )}
      {actions.canDelete && (
        <Popconfirm content={`删除 ${row.entryNo}？删除后不能恢复。`} theme="danger" onConfirm={() => void remove()}>
          <Button variant="outline" theme="danger" loading={busy}>
            删除
          </Button>
        </Popconfirm>
      )}
      {actions.canReverse && (
        <Button variant="outline" theme="warning" onClick={() => setDialog('reverse')}>
          冲销
        </Button>
      )}
      {dialog && <StepDialog kind={dialog} view={view} accounts={props.accounts} today={props.today} spending={props.spending} onClose={() => setDialog(null)} />}
    </div>
  );
}
