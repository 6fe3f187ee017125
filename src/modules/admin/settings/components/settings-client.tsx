'use client';
import { useState } from 'react';
import { Button, Card, Dialog, Form, Input, Popconfirm, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { updateSettingAction } from '../actions';
import type { SettingRow } from '../queries';
import { PersonName } from '@/ui/person-name';

/** A setting as the page receives it (the date serialised by the server page). */
export type SettingView = Omit<SettingRow, 'updatedAt'> & { updatedAt: string | null };

const fmt = (n: number, decimals: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

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
        <LabeledField
          name="value"
          label={`${s.label}（${s.unit}）`}
          required
          error={error}
          hint={`允许 ${fmt(s.min, 0)}–${fmt(s.max, 0)} ${s.unit}，${s.decimals === 0 ? '整数' : '最多两位小数'}；默认 ${fmt(s.defaultValue, s.decimals)} ${s.unit}`}
        >
          <Input value={value} onChange={(v) => setValue(String(v))} suffix={s.unit} />
        </LabeledField>
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
      width: 200,
      align: 'right',
      cell: ({ row }) => (
        <Space size={6}>
          <b>{fmt(row.value, row.decimals)}</b>
          <span>{row.unit}</span>
          {row.overridden && (
            <Tag size="small" theme="primary" variant="light">
              已调整
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'defaultValue', title: '默认值', width: 150, align: 'right', cell: ({ row }) => `${fmt(row.defaultValue, row.decimals)} ${row.unit}` },
    { colKey: 'range', title: '允许范围', width: 200, cell: ({ row }) => `${fmt(row.min, 0)}–${fmt(row.max, 0)} ${row.unit}` },
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
            <Popconfirm content={`「${row.label}」恢复为默认值 ${fmt(row.defaultValue, row.decimals)} ${row.unit}？`} onConfirm={() => void run(() => updateSettingAction({ key: row.key, value: null }), `已恢复默认：${row.label}`)}>
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
