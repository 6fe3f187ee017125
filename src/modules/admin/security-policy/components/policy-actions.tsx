'use client';
import { useState } from 'react';
import { Button, Dialog, Form, Input, Popconfirm, Select, Space } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { updateSecurityPolicyAction } from '../actions';
import { policyValueText, type PolicyView } from './policy-format';

function EditDialog(props: { policy: PolicyView; onClose: () => void }) {
  const p = props.policy;
  const [value, setValue] = useState(String(p.value));
  const [error, setError] = useState<string | undefined>();
  const { run, busy } = useRunAction();
  const submit = async () => {
    const res = await run(() => updateSecurityPolicyAction({ key: p.key, value }), `已修改：${p.label}`, (e) => setError(e.value));
    if (res?.ok) props.onClose();
    else if (res && !res.ok) setError(res.error);
  };
  return (
    <Dialog visible header={`修改安全策略：${p.label}`} width={560} confirmBtn={{ content: '保存', loading: busy }} cancelBtn="取消" onConfirm={() => void submit()} onClose={props.onClose}>
      <Form labelAlign="top" preventSubmitDefault onSubmit={() => void submit()}>
        {p.choices ? (
          <LabeledField name="value" label={p.label} required error={error} hint={`默认：${policyValueText(p, p.defaultValue)}`}>
            <Select value={Number(value)} options={p.choices} onChange={(v) => setValue(String(v))} />
          </LabeledField>
        ) : (
          <LabeledField name="value" label={`${p.label}（${p.unit}）`} required error={error} hint={`允许 ${p.min}–${p.max} ${p.unit}的整数；默认 ${policyValueText(p, p.defaultValue)}`}>
            <Input value={value} onChange={(v) => setValue(String(v))} suffix={p.unit} maxlength={32} />
          </LabeledField>
        )}
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          依据：{p.source}
        </div>
      </Form>
    </Dialog>
  );
}

/** A policy value's operations (an island in the server-rendered row): 修改 and 恢复默认. */
export function PolicyActions({ policy: p }: { policy: PolicyView }) {
  const [open, setOpen] = useState(false);
  const { run, busy } = useRunAction();
  return (
    <Space size={4}>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)} data-testid={`policy-edit-${p.key}`}>
        修改
      </Button>
      {p.overridden && (
        <Popconfirm
          content={`「${p.label}」恢复为默认值「${policyValueText(p, p.defaultValue)}」？`}
          onConfirm={() => void run(() => updateSecurityPolicyAction({ key: p.key, value: null }), `已恢复默认：${p.label}`)}
        >
          <Button size="small" variant="text" loading={busy}>
            恢复默认
          </Button>
        </Popconfirm>
      )}
      {open && <EditDialog policy={p} onClose={() => setOpen(false)} />}
    </Space>
  );
}
