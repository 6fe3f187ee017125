'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Dialog, Form, Popconfirm, Space, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { approveLoanAction, leaderApproveLoanAction, refuseLoanAction, requestLoanAction, returnLoanAction } from '../loan-actions';
import { addDaysIso, ZLoanRequest } from '../loan-validation';

/** The request form: purpose and until date for the picked items; the server checks everything again. */
export function LoanRequestForm(props: { itemIds: string[]; today: string; maxDays: number }) {
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [purpose, setPurpose] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const earliest = addDaysIso(props.today, 1);
  const latest = addDaysIso(props.today, props.maxDays);
  const submit = async () => {
    const input = { itemIds: props.itemIds, purpose, untilDate };
    const parsed = ZLoanRequest.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(() => requestLoanAction(input), (d) => (d.needsLeader ? '已提交借阅申请，待档案管理员和中心领导审批' : '已提交借阅申请，待档案管理员审批'), setErrors);
    if (res?.ok) router.push(`/archives/loans/${res.data.id}`);
  };
  return (
    <Form labelAlign="top" onSubmit={() => void submit()} preventSubmitDefault style={{ marginTop: 16, maxWidth: 640 }}>
      {errors.itemIds && (
        <div className="t-form__controls" style={{ color: 'var(--td-error-color)', marginBottom: 8 }} data-testid="loan-items-error">
          {errors.itemIds}
        </div>
      )}
      <LabeledField name="purpose" label="借阅用途" required error={errors.purpose} hint="2–200 个字">
        <Textarea value={purpose} maxlength={200} allowInputOverMax autosize={{ minRows: 2, maxRows: 5 }} onChange={(v) => setPurpose(String(v))} data-testid="loan-purpose" />
      </LabeledField>
      <LabeledField name="untilDate" label="归还日期" required error={errors.untilDate} hint={`${earliest} 至 ${latest}（最长 ${props.maxDays} 天），格式 YYYY-MM-DD`}>
        <DateField value={untilDate} min={earliest} max={latest} onChange={setUntilDate} placeholder="YYYY-MM-DD" />
      </LabeledField>
      <div style={{ marginTop: 16 }}>
        <Button theme="primary" type="submit" loading={busy} disabled={props.itemIds.length === 0} data-testid="loan-submit">
          提交借阅申请
        </Button>
      </div>
    </Form>
  );
}

/** The buttons a viewer may use on a loan: 同意 (its step's approver), 不予批准, 归还. */
export function LoanActions(props: { loanId: string; version: number; canApprove: boolean; canLeaderApprove: boolean; canRefuse: boolean; canReturn: boolean; needsLeader: boolean }) {
  const { run, busy } = useRunAction();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const ref = { loanId: props.loanId, version: props.version };
  return (
    <Space>
      {props.canApprove && (
        <Popconfirm content={props.needsLeader ? '同意借阅？含内部档案，同意后转中心领导审批。' : '同意借阅？同意后借阅人即可在期限内查看和下载。'} onConfirm={() => void run(() => approveLoanAction(ref), props.needsLeader ? '已同意，转中心领导审批' : '已同意借阅')}>
          <Button theme="primary" loading={busy} data-testid="loan-approve">
            同意
          </Button>
        </Popconfirm>
      )}
      {props.canLeaderApprove && (
        <Popconfirm content="同意借阅内部档案？同意后借阅人即可在期限内查看和下载。" onConfirm={() => void run(() => leaderApproveLoanAction(ref), '已同意借阅')}>
          <Button theme="primary" loading={busy} data-testid="loan-leader-approve">
            同意（领导审批）
          </Button>
        </Popconfirm>
      )}
      {props.canRefuse && (
        <Button variant="outline" theme="danger" onClick={() => setRefusing(true)} data-testid="loan-refuse">
          不予批准
        </Button>
      )}
      {props.canReturn && (
        <Popconfirm content="确认归还？归还后不能再查看和下载这些档案。" onConfirm={() => void run(() => returnLoanAction(ref), '已归还')}>
          <Button variant="outline" loading={busy} data-testid="loan-return">
            归还
          </Button>
        </Popconfirm>
      )}
      <Dialog
        header="不予批准"
        visible={refusing}
        onClose={() => setRefusing(false)}
        confirmBtn={{ content: '不予批准', theme: 'danger', loading: busy }}
        onConfirm={async () => {
          const res = await run(() => refuseLoanAction({ ...ref, reason }), '已不予批准', (e) => setError(e.reason ?? ''));
          if (res?.ok) setRefusing(false);
        }}
      >
        <LabeledField name="reason" label="理由" required error={error} hint="2–200 个字，借阅人可见">
          <Textarea value={reason} maxlength={200} allowInputOverMax onChange={(v) => setReason(String(v))} data-testid="loan-refuse-reason" />
        </LabeledField>
      </Dialog>
    </Space>
  );
}
