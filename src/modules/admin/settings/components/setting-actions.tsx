'use client';
import { useState } from 'react';
import { Button, Dialog, Form, Input, Popconfirm, Select, Space, Textarea } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { confirmSettingAction, updateSettingAction } from '../actions';
import { settingValueText, settingBoundText, type SettingView } from './setting-format';

/** 核实依据: who confirmed the value in force, on what basis (meeting, document number). */
function ConfirmDialog(props: { setting: SettingView; onClose: () => void }) {
  const s = props.setting;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { run, busy } = useRunAction();
  const submit = async () => {
    const res = await run(() => confirmSettingAction({ key: s.key, value: s.value, note }), `已核实：${s.label}`, (e) => setError(e.note));
    if (res?.ok) props.onClose();
  };
  return (
    <Dialog visible header={`核实依据：${s.label}`} confirmBtn={{ content: '确认核实', loading: busy }} cancelBtn="取消" onConfirm={() => void submit()} onClose={props.onClose}>
      <div style={{ marginBottom: 12 }}>
        当前值 <b>{settingValueText(s, s.value)}</b>；依据：{s.source}
      </div>
      <Form labelAlign="top" preventSubmitDefault>
        <LabeledField name="note" label="核实说明" required error={error} hint="写明由谁、依据什么确认，如「2026 年第 5 次主任办公会确认，益土储〔2026〕5号」；修改参数值后须重新核实">
          <Textarea value={note} maxlength={200} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => setNote(String(v))} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}

function EditDialog(props: { setting: SettingView; onClose: () => void }) {
  const s = props.setting;
  const [value, setValue] = useState(String(s.value));
  const [error, setError] = useState<string | undefined>();
  const { run, busy } = useRunAction();
  const submit = async () => {
    const res = await run(() => updateSettingAction({ key: s.key, value }), `已修改：${s.label}`, (e) => setError(e.value));
    if (res?.ok) props.onClose();
    else if (res && !res.ok) setError(res.error);
  };
  return (
    <Dialog visible header={`修改参数：${s.label}`} confirmBtn={{ content: '保存', loading: busy }} cancelBtn="取消" onConfirm={() => void submit()} onClose={props.onClose}>
      <Form labelAlign="top" preventSubmitDefault onSubmit={() => void submit()}>
        {s.choices ? (
          <LabeledField name="value" label={s.label} required error={error} hint={`默认：${settingValueText(s, s.defaultValue)}`}>
            <Select value={Number(value)} options={s.choices} onChange={(v) => setValue(String(v))} />
          </LabeledField>
        ) : (
          <LabeledField
            name="value"
            label={`${s.label}（${s.unit}）`}
            required
            error={error}
            hint={`允许 ${settingBoundText(s.min)}–${settingBoundText(s.max)} ${s.unit}，${s.decimals === 0 ? '整数' : '最多两位小数'}；默认 ${settingValueText(s, s.defaultValue)}`}
          >
            <Input value={value} onChange={(v) => setValue(String(v))} suffix={s.unit} />
          </LabeledField>
        )}
      </Form>
    </Dialog>
  );
}

/** A setting's operations (an island in the server-rendered row): 修改, 核实, 恢复默认, with their dialogs. */
export function SettingActions({ setting: s }: { setting: SettingView }) {
  const [open, setOpen] = useState<'edit' | 'confirm' | null>(null);
  const { run, busy } = useRunAction();
  return (
    <Space size={4}>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen('edit')}>
        修改
      </Button>
      {(s.sourceStatus === '待核实' || s.sourceStatus === '已核实') && (
        <Button size="small" variant="text" theme="primary" onClick={() => setOpen('confirm')}>
          核实
        </Button>
      )}
      {s.overridden && (
        <Popconfirm content={`「${s.label}」恢复为默认值「${settingValueText(s, s.defaultValue)}」？`} onConfirm={() => void run(() => updateSettingAction({ key: s.key, value: null }), `已恢复默认：${s.label}`)}>
          <Button size="small" variant="text" loading={busy}>
            恢复默认
          </Button>
        </Popconfirm>
      )}
      {open === 'edit' && <EditDialog setting={s} onClose={() => setOpen(null)} />}
      {open === 'confirm' && <ConfirmDialog setting={s} onClose={() => setOpen(null)} />}
    </Space>
  );
}
