'use client';
import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Select, Space, Table } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { saveDocumentFlowAction, saveNumberRuleAction } from '../actions';
import { formatDocNo, templateProblem } from '../numbering';

export interface SettingsStep {
  key: string;
  name: string;
  roleId: string;
  mode: 'single' | 'countersign';
  departmentIds: string[];
  optional: boolean;
}

export interface SettingsType {
  docType: string;
  steps: SettingsStep[];
  isDefault: boolean;
  updatedText: string | null;
  template: string;
  templateIsDefault: boolean;
}

type Option = { value: string; label: string };

const FIXED_KEYS = new Set(['draft', 'issue']);

/** The flow of one type: add, remove, reorder steps; 会签 with departments, optional (可跳过). */
function FlowEditor(props: { type: SettingsType; roles: Option[]; departments: Option[] }) {
  const [steps, setSteps] = useState<SettingsStep[]>(props.type.steps);
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useRunAction();
  const update = (i: number, patch: Partial<SettingsStep>) => {
    setSteps((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setError(null);
  };
  const move = (i: number, d: -1 | 1) =>
    setSteps((s) => {
      const j = i + d;
      if (j < 1 || j >= s.length) return s;
      const next = [...s];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  const newKey = (base: string) => {
    let k = base;
    for (let n = 2; steps.some((s) => s.key === k); n++) k = `${base}${n}`;
    return k;
  };
  const add = (countersign: boolean) => {
    const role = props.roles[0]?.value ?? '';
    const step: SettingsStep = countersign
      ? { key: newKey('countersign'), name: '会签', roleId: role, mode: 'countersign', departmentIds: [], optional: true }
      : { key: newKey('step'), name: '', roleId: role, mode: 'single', departmentIds: [], optional: false };
    // New steps go before 签发 (or at the end when there is none).
    const at = steps.findIndex((s) => s.key === 'issue');
    setSteps((s) => (at < 0 ? [...s, step] : [...s.slice(0, at), step, ...s.slice(at)]));
  };
  const save = async () => {
    const input = {
      docType: props.type.docType,
      steps: steps.map((s) => ({ key: s.key, name: s.name, roleId: s.roleId, mode: s.mode, departmentIds: s.departmentIds, optional: s.optional })),
    };
    const res = await run(() => saveDocumentFlowAction(input), `已保存「${props.type.docType}」的发文流程`);
    if (res && !res.ok) setError(res.error);
  };
  const hasCountersign = steps.some((s) => s.mode === 'countersign');
  return (
    <div data-testid={`flow-${props.type.docType}`}>
      <Table
        rowKey="key"
        size="small"
        data={steps.map((s, i) => ({ ...s, i }))}
        columns={[
          { colKey: 'i', title: '序号', width: 60, cell: ({ row }) => row.i + 1 },
          {
            colKey: 'name',
            title: '步骤名称',
            width: 140,
            cell: ({ row }) => <Input value={row.name} maxlength={20} disabled={FIXED_KEYS.has(row.key)} onChange={(v) => update(row.i, { name: String(v) })} />,
          },
          {
            colKey: 'roleId',
            title: '办理角色',
            width: 160,
            cell: ({ row }) => <Select value={row.roleId} options={props.roles} onChange={(v) => update(row.i, { roleId: String(v ?? '') })} />,
          },
          {
            colKey: 'mode',
            title: '办理方式',
            width: 120,
            cell: ({ row }) => (
              <Select
                value={row.mode}
                disabled={FIXED_KEYS.has(row.key)}
                options={[
                  { value: 'single', label: '一人办理' },
                  { value: 'countersign', label: '多科室会签' },
                ]}
                onChange={(v) => update(row.i, { mode: v === 'countersign' ? 'countersign' : 'single' })}
              />
            ),
          },
          {
            colKey: 'departmentIds',
            title: '科室',
            cell: ({ row }) => (
              <Select
                multiple
                filterable
                clearable
                value={row.departmentIds}
                options={props.departments}
                placeholder={row.mode === 'countersign' ? '请选择会签科室' : '不限科室'}
                onChange={(v) => update(row.i, { departmentIds: Array.isArray(v) ? v.map(String) : [] })}
              />
            ),
          },
          {
            colKey: 'optional',
            title: '可跳过',
            width: 80,
            cell: ({ row }) => <Checkbox checked={row.optional} disabled={FIXED_KEYS.has(row.key) || row.i === 0} onChange={(v) => update(row.i, { optional: Boolean(v) })} />,
          },
          {
            colKey: 'ops',
            title: '调整',
            width: 170,
            cell: ({ row }) =>
              row.i === 0 ? (
                <span className="lr-muted">第一步固定为拟稿</span>
              ) : (
                <Space size={4}>
                  <Button size="small" variant="text" disabled={row.i <= 1} onClick={() => move(row.i, -1)}>
                    上移
                  </Button>
                  <Button size="small" variant="text" disabled={row.i >= steps.length - 1} onClick={() => move(row.i, 1)}>
                    下移
                  </Button>
                  {!FIXED_KEYS.has(row.key) && (
                    <Button size="small" variant="text" theme="danger" onClick={() => setSteps((s) => s.filter((_, j) => j !== row.i))}>
                      删除
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {error && <Alert theme="error" style={{ marginTop: 8 }} message={error} />}
      <Space style={{ marginTop: 12 }}>
        <Button variant="outline" onClick={() => add(false)} disabled={steps.length >= 20}>
          添加步骤
        </Button>
        {!hasCountersign && (
          <Button variant="outline" onClick={() => add(true)} disabled={steps.length >= 20}>
            添加会签
          </Button>
        )}
        <Button theme="primary" loading={busy} onClick={() => void save()} data-testid={`flow-save-${props.type.docType}`}>
          保存流程
        </Button>
        <span className="lr-muted">{props.type.isDefault ? '当前为默认流程（尚未保存过）' : props.type.updatedText}</span>
      </Space>
    </div>
  );
}

/** The 发文字号 template of one type, checked as typed, with a preview. */
function NumberRuleEditor(props: { type: SettingsType; year: number }) {
  const [template, setTemplate] = useState(props.type.template);
  const [serverError, setServerError] = useState<string | null>(null);
  const { run, busy } = useRunAction();
  const problem = templateProblem(template);
  const save = async () => {
    const res = await run(() => saveNumberRuleAction({ docType: props.type.docType, template }), `已保存「${props.type.docType}」的文号规则`);
    if (res && !res.ok) setServerError(res.error);
  };
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
      <Input
        style={{ width: 320 }}
        value={template}
        maxlength={60}
        status={problem ? 'error' : undefined}
        onChange={(v) => {
          setTemplate(String(v));
          setServerError(null);
        }}
        aria-label={`${props.type.docType}文号规则`}
      />
      <Button theme="primary" variant="outline" loading={busy} disabled={!!problem || template === props.type.template} onClick={() => void save()}>
        保存规则
      </Button>
      <span className={problem || serverError ? '' : 'lr-muted'} style={problem || serverError ? { color: 'var(--td-error-color)' } : undefined} data-testid={`rule-hint-${props.type.docType}`}>
        {problem ?? serverError ?? `示例：${formatDocNo(template, props.year, 12)}${props.type.templateIsDefault ? '（默认规则）' : ''}`}
      </span>
    </div>
  );
}

/** /documents/settings: per 发文 type, its flow and its number rule. */
export function DocumentSettings(props: { types: SettingsType[]; roles: Option[]; departments: Option[]; year: number }) {
  const [docType, setDocType] = useState(props.types[0]?.docType ?? '');
  const type = props.types.find((t) => t.docType === docType);
  return (
    <div>
      <Alert
        theme="info"
        style={{ marginBottom: 16 }}
        message="流程按顺序逐步办理，第一步为拟稿、须包含签发（签发时按文号规则编号）；退回一律回到拟稿人。会签由所选各科室持有该角色的人员分别办理，全部同意后进入下一步；标为“可跳过”的步骤，拟稿人可在拟稿时选择本件不需要。已在办理中的公文按其发起时的流程继续。文号规则可用 {year}、{seq}、{seq:3}（补零到 3 位）；相同规则的类型共用一个序号。"
      />
      <div style={{ marginBottom: 16 }}>
        <span style={{ marginRight: 8 }}>公文类型</span>
        <Select style={{ width: 160, display: 'inline-block' }} value={docType} options={props.types.map((t) => ({ value: t.docType, label: t.docType }))} onChange={(v) => setDocType(String(v ?? ''))} />
      </div>
      {type && (
        <div key={type.docType}>
          <h3 style={{ fontSize: 15, margin: '8px 0' }}>发文流程</h3>
          <FlowEditor type={type} roles={props.roles} departments={props.departments} />
          <h3 style={{ fontSize: 15, margin: '24px 0 8px' }}>发文字号规则</h3>
          <NumberRuleEditor type={type} year={props.year} />
        </div>
      )}
    </div>
  );
}
