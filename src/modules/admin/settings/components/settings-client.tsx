'use client';
import { useState } from 'react';
import { Button, Card, Dialog, Form, Input, Popconfirm, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { updateSettingAction } from '../actions';
import type { SettingRow } from '../queries';
import { PersonName } from '@/ui/person-name';

/** A setting as the page receives it (the date serialised by the server page). */
export type SettingView = Omit<SettingRow, 'updatedAt'> & { updatedAt: string | null };

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
  const { run, busy } = useRunAction();
  const groups = [...new Set(props.settings.map((s) => s.group))];
  const columns: PrimaryTableCol<SettingView>[] = [
    { colKey: 'label', title: '参数', ellipsis: true },
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
        参数修改立即生效，并记入审计日志。预警期限等按《土地储备管理办法》和本中心规定设置；资金审批金额、专项债券占比上限和本息覆盖预警线按财政部门和本中心的规定设置。
      </div>
      {editing && <EditDialog setting={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
