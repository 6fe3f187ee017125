'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Dialog, Form, Input, MessagePlugin, Popconfirm, Select, Space, Textarea } from 'tdesign-react';
import { DeleteIcon } from 'tdesign-icons-react';
import { DateField } from '@/ui/date-field';
import { FileUpload } from '@/ui/file-upload';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { MAX_DOCUMENT_BYTES } from '@/platform/storage/document-types';
import { LEDGER_FILE_ACCEPT, LEDGER_FILE_LABEL, ledgerFileProblem } from '@/modules/funds/ledger/files-rules';
import {
  addMilestoneAction,
  decideChangeAction,
  deleteContractAttachmentAction,
  deleteMilestoneAction,
  requestChangeAction,
  setContractStatusAction,
  uploadContractAttachmentAction,
} from '../actions';
import { CHANGE_KINDS } from '../rules';
import { ZAddMilestone, ZRequestChange } from '../validation';

/** 生效 / 履行完毕 / 解除 (contract:approve): 解除 asks for the reason. */
export function ContractStatusActions(props: { id: string; version: number; status: string }) {
  const { run, busy } = useRunAction();
  const [terminating, setTerminating] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const go = (status: 'effective' | 'completed' | 'terminated', message: string, why?: string) =>
    run(() => setContractStatusAction({ id: props.id, version: props.version, status, reason: why }), message, (e) => setError(e.reason ?? ''));
  return (
    <Space>
      {props.status === 'draft' && (
        <Popconfirm content="确认合同已签订并生效？生效后金额的增减须办理合同变更。" onConfirm={() => void go('effective', '合同已生效')}>
          <Button theme="primary" loading={busy} data-testid="contract-make-effective">
            确认生效
          </Button>
        </Popconfirm>
      )}
      {props.status === 'effective' && (
        <Popconfirm content="确认合同已履行完毕？之后不能再登记付款。" onConfirm={() => void go('completed', '合同已履行完毕')}>
          <Button variant="outline" loading={busy}>
            履行完毕
          </Button>
        </Popconfirm>
      )}
      {(props.status === 'draft' || props.status === 'effective') && (
        <Button variant="outline" theme="danger" onClick={() => setTerminating(true)}>
          解除合同
        </Button>
      )}
      <Dialog
        header="解除合同"
        visible={terminating}
        onClose={() => setTerminating(false)}
        confirmBtn={{ content: '解除', theme: 'danger', loading: busy }}
        onConfirm={async () => {
          const res = await go('terminated', '合同已解除', reason);
          if (res?.ok) setTerminating(false);
        }}
      >
        <LabeledField name="reason" label="解除原因" required error={error}>
          <Textarea value={reason} maxlength={500} allowInputOverMax onChange={(v) => setReason(String(v))} />
        </LabeledField>
      </Dialog>
    </Space>
  );
}

/** 添加付款节点: date, amount and condition. */
export function AddMilestoneButton(props: { contractId: string }) {
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState(false);
  const empty = { dueOn: '', amount: '', paymentCondition: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const input = { ...values, contractId: props.contractId };
    const parsed = ZAddMilestone.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(() => addMilestoneAction(input), '已添加付款节点', setErrors);
    if (res?.ok) {
      setOpen(false);
      setValues(empty);
    }
  };
  return (
    <>
      <Button size="small" variant="outline" onClick={() => setOpen(true)} data-testid="add-milestone">
        添加付款节点
      </Button>
      <Dialog header="添加付款节点" visible={open} onClose={() => setOpen(false)} confirmBtn={{ content: '保存', loading: busy }} onConfirm={() => void save()}>
        <Form labelAlign="top" onSubmit={() => void save()} preventSubmitDefault>
          <LabeledField name="dueOn" label="计划付款日期" required error={errors.dueOn}>
            <DateField value={values.dueOn} onChange={(v) => setValues((c) => ({ ...c, dueOn: v }))} />
          </LabeledField>
          <LabeledField name="amount" label="计划付款金额（元）" required error={errors.amount} hint="大于 0，最多两位小数">
            <Input value={values.amount} maxlength={24} onChange={(v) => setValues((c) => ({ ...c, amount: String(v) }))} />
          </LabeledField>
          <LabeledField name="paymentCondition" label="付款条件" required error={errors.paymentCondition}>
            <Input value={values.paymentCondition} maxlength={200} allowInputOverMax placeholder="如 开工后支付 30%" onChange={(v) => setValues((c) => ({ ...c, paymentCondition: String(v) }))} />
          </LabeledField>
        </Form>
      </Dialog>
    </>
  );
}

export function DeleteMilestoneButton(props: { id: string; label: string }) {
  const { run } = useRunAction();
  return (
    <Popconfirm content={`删除付款节点「${props.label}」？`} theme="danger" onConfirm={() => void run(() => deleteMilestoneAction({ id: props.id }), '已删除付款节点')}>
      <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />}>
        删除
      </Button>
    </Popconfirm>
  );
}

/** 申请变更 / 签证: a signed amount and the reason; it counts once approved. */
export function RequestChangeButton(props: { contractId: string }) {
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState(false);
  const empty = { kind: '变更', delta: '', reason: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const input = { ...values, contractId: props.contractId };
    const parsed = ZRequestChange.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(() => requestChangeAction(input), '已提交合同变更，待审批', setErrors);
    if (res?.ok) {
      setOpen(false);
      setValues(empty);
    }
  };
  return (
    <>
      <Button size="small" variant="outline" onClick={() => setOpen(true)} data-testid="request-change">
        申请变更
      </Button>
      <Dialog header="申请合同变更" visible={open} onClose={() => setOpen(false)} confirmBtn={{ content: '提交审批', loading: busy }} onConfirm={() => void save()}>
        <Form labelAlign="top" onSubmit={() => void save()} preventSubmitDefault>
          <LabeledField name="kind" label="类型" required error={errors.kind}>
            <Select value={values.kind} options={CHANGE_KINDS.map((k) => ({ label: k, value: k }))} onChange={(v) => setValues((c) => ({ ...c, kind: String(v) }))} />
          </LabeledField>
          <LabeledField name="delta" label="变更金额（元）" required error={errors.delta} hint="增加填正数，核减填负数（如 -20000.00）">
            <Input value={values.delta} maxlength={24} onChange={(v) => setValues((c) => ({ ...c, delta: String(v) }))} />
          </LabeledField>
          <LabeledField name="reason" label="变更原因" required error={errors.reason}>
            <Textarea value={values.reason} maxlength={500} allowInputOverMax onChange={(v) => setValues((c) => ({ ...c, reason: String(v) }))} />
          </LabeledField>
        </Form>
      </Dialog>
    </>
  );
}

/** 批准 / 退回 a pending change (contract:approve, not the requester): 退回 needs an opinion. */
export function DecideChangeButtons(props: { id: string; label: string }) {
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState<'approve' | 'return' | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const decide = async () => {
    if (!open) return;
    const res = await run(() => decideChangeAction({ id: props.id, decision: open, comment }), open === 'approve' ? '已批准变更' : '已退回变更', (e) => setError(e.comment ?? ''));
    if (res?.ok) {
      setOpen(null);
      setComment('');
    }
  };
  return (
    <Space size={4}>
      <Button size="small" theme="primary" variant="text" onClick={() => setOpen('approve')} data-testid="approve-change">
        批准
      </Button>
      <Button size="small" theme="danger" variant="text" onClick={() => setOpen('return')}>
        退回
      </Button>
      <Dialog
        header={`${open === 'approve' ? '批准' : '退回'}${props.label}`}
        visible={open !== null}
        onClose={() => setOpen(null)}
        confirmBtn={{ content: open === 'approve' ? '批准' : '退回', theme: open === 'approve' ? 'primary' : 'danger', loading: busy }}
        onConfirm={() => void decide()}
      >
        <LabeledField name="comment" label="审批意见" required={open === 'return'} error={error}>
          <Textarea value={comment} maxlength={500} allowInputOverMax onChange={(v) => setComment(String(v))} />
        </LabeledField>
      </Dialog>
    </Space>
  );
}

/** Contract scans and annexes: the list is rendered by the page; this is the picker and delete buttons. */
export function ContractAttachmentUpload(props: { contractId: string }) {
  const router = useRouter();
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('contractId', props.contractId);
    form.set('file', file);
    const res = await uploadContractAttachmentAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已上传附件「${file.name}」`);
    router.refresh();
    return null;
  };
  return (
    <div style={{ marginTop: 16, maxWidth: 560 }}>
      <FileUpload
        label="上传合同附件"
        testId="contract-attachment-file"
        accept={LEDGER_FILE_ACCEPT}
        typeLabel={LEDGER_FILE_LABEL}
        maxBytes={MAX_DOCUMENT_BYTES}
        check={async (file) => ledgerFileProblem(file.name, new Uint8Array(await file.arrayBuffer()))}
        onUpload={upload}
        afterSuccess="clear"
      />
    </div>
  );
}

export function DeleteAttachmentButton(props: { id: string; fileName: string }) {
  const { run } = useRunAction();
  return (
    <Popconfirm content={`删除附件「${props.fileName}」？`} theme="danger" onConfirm={() => void run(() => deleteContractAttachmentAction({ id: props.id }), `已删除附件「${props.fileName}」`)}>
      <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />}>
        删除
      </Button>
    </Popconfirm>
  );
}
