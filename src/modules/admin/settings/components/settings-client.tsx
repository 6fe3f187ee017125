'use client';
import { useState } from 'react';
import { Button, Card, Dialog, Form, Input, Popconfirm, Select, Space, Table, Tag, Textarea, type PrimaryTableCol } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { confirmSettingAction, updateSettingAction } from '../actions';
import type { SettingRow } from '../queries';
import { PersonName } from '@/ui/person-name';

/** A setting as the page receives it (the date serialised by the server page). */
export type SettingView = Omit<SettingRow, 'updatedAt' | 'confirmation'> & {
  updatedAt: string | null;
  confirmation: { note: string; by: string | null; at: string } | null;
};

const STATUS_THEME = { 国家规定: 'success', 待核实: 'warning', 已核实: 'primary', 系统参数: 'default' } as const;

/** The setting's name, then where its value comes from and whether that is confirmed. */
function SourceCell({ row }: { row: SettingView }) {
  return (
    <div>
      <div>{row.label}</div>
      <div className="lr-muted" style={{ fontSize: 12, marginTop: 2 }} data-testid={`setting-source-${row.key}`}>
        <Tag size="small" variant="light" theme={STATUS_THEME[row.sourceStatus]} style={{ marginRight: 6 }}>
          {row.sourceStatus}
        </Tag>
        依据：{row.source}
        {row.confirmation && (
          <div>
            核实：{row.confirmation.note}（{row.confirmation.by ?? '—'}，{row.confirmation.at}）
          </div>
        )}
      </div>
    </div>
  );
}

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
        当前值 <b>{valueText(s, s.value)}</b>；依据：{s.source}
      </div>
      <Form labelAlign="top" preventSubmitDefault>
        <LabeledField name="note" label="核实说明" required error={error} hint="写明由谁、依据什么确认，如「2026 年第 5 次主任办公会确认，益土储〔2026〕5号」；修改参数值后须重新核实">
          <Textarea value={note} maxlength={200} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => setNote(String(v))} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}

const fmt = (n: number, decimals: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
/** A bound as it is declared: 0.01 stays 0.01, 3650 shows as 3,650. */
const fmtBound = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** A value as the page shows it: the option's name for a choice setting, else the number and unit. */
function valueText(s: SettingView, n: number): string {
  if (s.choices) return s.choices.find((c) => c.value === n)?.label ?? String(n);
  return `${fmt(n, s.decimals)} ${s.unit}`.trim();
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
          <LabeledField name="value" label={s.label} required error={error} hint={`默认：${valueText(s, s.defaultValue)}`}>
            <Select value={Number(value)} options={s.choices} onChange={(v) => setValue(String(v))} />
          </LabeledField>
        ) : (
          <LabeledField
            name="value"
            label={`${s.label}（${s.unit}）`}
            required
            error={error}
            hint={`允许 ${fmtBound(s.min)}–${fmtBound(s.max)} ${s.unit}，${s.decimals === 0 ? '整数' : '最多两位小数'}；默认 ${valueText(s, s.defaultValue)}`}
          >
            <Input value={value} onChange={(v) => setValue(String(v))} suffix={s.unit} />
          </LabeledField>
        )}
      </Form>
    </Dialog>
  );
}

/** 系统参数: limits and thresholds used by the rules (warnings, imports, fund approvals, bond checks). */
export function SettingsClient(props: { settings: SettingView[] }) {
  const [editing, setEditing] = useState<SettingView | null>(null);
  const [confirming, setConfirming] = useState<SettingView | null>(null);
  const { run, busy } = useRunAction();
  const groups = [...new Set(props.settings.map((s) => s.group))];
  const columns: PrimaryTableCol<SettingView>[] = [
    { colKey: 'label', title: '参数与依据', cell: ({ row }) => <SourceCell row={row} /> },
    {
      colKey: 'value',
      title: '当前值',
      width: 170,
      align: 'right',
      cell: ({ row }) => (
        <Space size={6}>
          <b>{row.choices ? valueText(row, row.value) : fmt(row.value, row.decimals)}</b>
          {!row.choices && <span>{row.unit}</span>}
          {row.overridden && (
            <Tag size="small" theme="primary" variant="light">
              已调整
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'defaultValue', title: '默认值', width: 130, align: 'right', cell: ({ row }) => valueText(row, row.defaultValue) },
    { colKey: 'range', title: '允许范围', width: 170, cell: ({ row }) => (row.choices ? row.choices.map((c) => c.label).join(' / ') : `${fmtBound(row.min)}–${fmtBound(row.max)} ${row.unit}`) },
    {
      colKey: 'updated',
      title: '最近修改',
      width: 200,
      cell: ({ row }) =>
        row.updatedAt ? (
          <>
            <PersonName person={row.updatedBy} />
            <div className="lr-muted">{row.updatedAt}</div>
          </>
        ) : (
          <span className="lr-muted">—</span>
        ),
    },
    {
      colKey: 'op',
      title: '操作',
      width: 170,
      cell: ({ row }) => (
        <Space size={4}>
          <Button size="small" variant="text" theme="primary" onClick={() => setEditing(row)}>
            修改
          </Button>
          {(row.sourceStatus === '待核实' || row.sourceStatus === '已核实') && (
            <Button size="small" variant="text" theme="primary" onClick={() => setConfirming(row)}>
              核实
            </Button>
          )}
          {row.overridden && (
            <Popconfirm content={`「${row.label}」恢复为默认值「${valueText(row, row.defaultValue)}」？`} onConfirm={() => void run(() => updateSettingAction({ key: row.key, value: null }), `已恢复默认：${row.label}`)}>
              <Button size="small" variant="text" loading={busy}>
                恢复默认
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {groups.map((g) => (
        <Card key={g} title={g} bordered={false}>
          <div data-testid={`settings-${g}`}>
            <Table<SettingView> rowKey="key" data={props.settings.filter((s) => s.group === g)} columns={columns} size="small" />
          </div>
        </Card>
      ))}
      <div className="lr-muted" style={{ fontSize: 12 }}>
        参数修改立即生效，并记入审计日志。「国家规定」的参数取自法规原文；「待核实」的参数为本中心惯例或尚未核对原文的规定，系统在引用时注明「待核实」，由系统管理员核实后记录依据（修改参数值后须重新核实）。
      </div>
      {editing && <EditDialog setting={editing} onClose={() => setEditing(null)} />}
      {confirming && <ConfirmDialog setting={confirming} onClose={() => setConfirming(null)} />}
    </Space>
  );
}
