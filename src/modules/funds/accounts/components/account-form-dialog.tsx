'use client';
import { useState } from 'react';
import { Dialog, Form, Input, Select, Textarea } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { createAccountAction, updateAccountAction } from '../actions';
import type { AccountListRow, FundSourceRow } from '../queries';

interface Draft {
  name: string;
  sourceCode: string;
  bankName: string;
  accountNo: string;
  note: string;
}

/** Add an account, or edit one (the time it was loaded goes back, so a concurrent change is refused). */
export function AccountFormDialog(props: { account: AccountListRow | null; sources: FundSourceRow[]; defaultSource?: string; onClose: () => void }) {
  const { account } = props;
  const [draft, setDraft] = useState<Draft>(() => ({
    name: account?.name ?? '',
    sourceCode: account?.sourceCode ?? props.defaultSource ?? '',
    bankName: account?.bankName ?? '',
    accountNo: account?.accountNo ?? '',
    note: account?.note ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const res = account
      ? await run(() => updateAccountAction({ id: account.id, ...draft, expectedUpdatedAt: account.updatedAt }), '账户已保存', setErrors)
      : await run(() => createAccountAction(draft), '账户已新建', setErrors);
    if (res?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={account ? `编辑资金账户：${account.name}` : '新建资金账户'}
      width={640}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="account-form">
        <LabeledField name="name" label="账户名称" required error={errors.name} hint="名称唯一，如：土地储备专项债券资金专户">
          <Input value={draft.name} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('name', String(v))} />
        </LabeledField>
        <LabeledField name="sourceCode" label="资金来源" required error={errors.sourceCode} hint={account ? '已有收支记录的账户不能变更资金来源' : undefined}>
          <Select
            value={draft.sourceCode || undefined}
            placeholder="请选择资金来源"
            options={props.sources.map((s) => ({ label: s.name, value: s.code }))}
            onChange={(v) => set('sourceCode', String(v ?? ''))}
          />
        </LabeledField>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="bankName" label="开户银行" error={errors.bankName} hint="选填">
            <Input value={draft.bankName} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('bankName', String(v))} />
          </LabeledField>
          <LabeledField name="accountNo" label="银行账号" error={errors.accountNo} hint="选填；数字，可含空格或连字符">
            <Input value={draft.accountNo} maxlength={40} onChange={(v) => set('accountNo', String(v))} />
          </LabeledField>
        </div>
        <LabeledField name="note" label="备注" error={errors.note} hint="选填">
          <Textarea value={draft.note} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => set('note', String(v))} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
