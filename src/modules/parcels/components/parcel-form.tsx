'use client';
import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { AutoComplete, Button, Checkbox, Divider, Form, Input, Select, Space } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { HAZARD_CHECKS, HAZARD_REASON_MAX, HAZARD_RESULTS } from '../stages';
import { ACQUISITION_DOC } from '../rules/acquisition';
import { soilSurveyNeed } from '../rules/hazards';
import { CODE_RULE, SERVICING_OPTIONS, ZCreateParcel, ZUpdateParcel } from '../validation';
import { createParcelAction, updateParcelAction } from '../actions';
import type { ParcelFormValues, ProjectOptionView } from '../view';
import { BoundaryField } from './boundary-field';

/** Common land-use names (国土空间调查、规划、用途管制用地用海分类) offered beside the ones already in use. */
const COMMON_USES = ['居住用地', '商业服务业用地', '工矿用地', '仓储用地', '公共管理与公共服务用地', '交通运输用地', '公用设施用地', '绿地与开敞空间用地', '耕地', '林地', '农村宅基地', '其他土地'];

type TextKey = {
  [K in keyof ParcelFormValues]: ParcelFormValues[K] extends string ? (K extends (typeof HAZARD_CHECKS)[number]['key'] ? never : K) : never;
}[keyof ParcelFormValues];

const ANY_ROUTE_DOC = '取得依据文号';
const DOC_HINT = '征收的填征地批复文号，收回的填收回决定书文号，收购、优先购买的填协议编号；入库前须录入';

function Grid({ children }: { children: ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', columnGap: 24 }}>{children}</div>;
}

/**
 * 新建地块 (parcel = null) and 修改地块. The same zod schema as the server runs first, so most
 * mistakes show at their field before anything is sent; the server derives area, bbox and
 * district from the boundary and re-checks everything. Editing carries the version it opened.
 */
export function ParcelForm(props: {
  parcel: { id: string; version: number; stage: string } | null;
  initial: ParcelFormValues;
  projects: ProjectOptionView[];
  plannedUses: string[];
  /** Size limit of boundary files (system parameter 'import.maxFileMb'). */
  maxFileMb: number;
}) {
  const router = useRouter();
  const editing = props.parcel;
  const [values, setValues] = useState<ParcelFormValues>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const set = <K extends keyof ParcelFormValues>(key: K, value: ParcelFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const text = (key: TextKey, opts: { max: number; placeholder?: string }) => (
    <Input value={values[key]} maxlength={opts.max} placeholder={opts.placeholder} onChange={(v) => set(key, String(v))} />
  );
  const suggestions = (list: readonly string[], current: string) =>
    [...new Set(list)].filter((s) => !current || s.includes(current)).map((s) => ({ text: s }));
  const route = props.projects.find((p) => p.value === values.projectId)?.route;
  const docLabel = route ? ACQUISITION_DOC[route].label : ANY_ROUTE_DOC;
  const soil = soilSurveyNeed(values.plannedUse, values.soilKeySupervised);

  const submit = async () => {
    const input = editing ? { ...values, id: editing.id, version: editing.version } : { ...values };
    const parsed = editing ? ZUpdateParcel.safeParse(input) : ZCreateParcel.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(
      () => (editing ? updateParcelAction(input) : createParcelAction(input)),
      editing ? `已保存地块 ${values.code.trim()}` : `已登记地块 ${values.code.trim()}，当前环节：拟收储`,
      setErrors,
    );
    if (res?.ok) router.push(`/parcels/${res.data.id}`);
  };

  return (
    <Form labelAlign="top" onSubmit={submit} preventSubmitDefault>
        <Divider align="left">基本信息</Divider>
        <Grid>
          <LabeledField name="code" label="地块编号" required error={errors.code} hint={CODE_RULE}>
            {text('code', { max: 40, placeholder: '如 YY2026-001' })}
          </LabeledField>
          <LabeledField name="name" label="地块名称" required error={errors.name}>
            {text('name', { max: 100 })}
          </LabeledField>
          <LabeledField name="projectId" label="所属项目" required error={errors.projectId}>
            <Select
              value={values.projectId || undefined}
              options={props.projects.map((p) => ({ value: p.value, label: p.label }))}
              filterable
              placeholder="请选择储备项目"
              onChange={(v) => set('projectId', typeof v === 'string' ? v : '')}
            />
          </LabeledField>
          <LabeledField name="supervisionNo" label="电子监管号" error={errors.supervisionNo} hint="监测监管系统赋予，入库后按期录入">
            {text('supervisionNo', { max: 64 })}
          </LabeledField>
          <LabeledField name="location" label="坐落位置" error={errors.location}>
            {text('location', { max: 200, placeholder: '如 赫山区龙岭工业园东侧' })}
          </LabeledField>
          <LabeledField name="currentUse" label="现状用途" error={errors.currentUse}>
            <AutoComplete
              value={values.currentUse}
              options={suggestions(COMMON_USES, values.currentUse)}
              onChange={(v) => set('currentUse', String(v))}
            />
          </LabeledField>
          <LabeledField name="plannedUse" label="规划用途" error={errors.plannedUse}>
            <AutoComplete
              value={values.plannedUse}
              options={suggestions([...props.plannedUses, ...COMMON_USES], values.plannedUse)}
              onChange={(v) => set('plannedUse', String(v))}
            />
          </LabeledField>
          <LabeledField name="plotRatio" label="容积率" error={errors.plotRatio} hint="0–20，最多两位小数">
            {text('plotRatio', { max: 6, placeholder: '如 2.5' })}
          </LabeledField>
          <LabeledField name="servicing" label="开发程度" error={errors.servicing}>
            <AutoComplete
              value={values.servicing}
              options={suggestions(SERVICING_OPTIONS, values.servicing)}
              placeholder="如 五通一平"
              onChange={(v) => set('servicing', String(v))}
            />
          </LabeledField>
        </Grid>
        <Divider align="left">权属与入库前调查</Divider>
        <Grid>
          <LabeledField name="acquisitionDocNo" label={docLabel} error={errors.acquisitionDocNo} hint={route ? `“${route}”方式收储，入库前须录入` : DOC_HINT}>
            {text('acquisitionDocNo', { max: 100, placeholder: route === '征收' ? '如 湘政地〔2026〕123号' : undefined })}
          </LabeledField>
          <LabeledField name="titleCertNo" label="不动产权证号" error={errors.titleCertNo}>
            {text('titleCertNo', { max: 100 })}
          </LabeledField>
          <LabeledField name="titleRegisteredOn" label="权属登记日期" error={errors.titleRegisteredOn}>
            <DateField value={values.titleRegisteredOn} onChange={(v) => set('titleRegisteredOn', v)} notFuture />
          </LabeledField>
        </Grid>
        <Grid>
          {HAZARD_CHECKS.map((h) => (
            <div key={h.key}>
              <LabeledField
                name={h.key}
                label={h.label}
                error={errors[h.key]}
                hint={h.key === 'hazardSoil' ? `${soil.required ? '须调查' : '可不调查'}：${soil.because}` : undefined}
              >
                <Select
                  value={values[h.key]}
                  options={HAZARD_RESULTS.map((r) => ({ label: r, value: r }))}
                  onChange={(v) => set(h.key, v as ParcelFormValues[typeof h.key])}
                />
              </LabeledField>
              {values[h.key] === '不涉及' && (
                <LabeledField name={h.reasonKey} label={`${h.label}不涉及的理由`} required error={errors[h.reasonKey]}>
                  <Input
                    value={values[h.reasonKey]}
                    maxlength={HAZARD_REASON_MAX}
                    allowInputOverMax
                    showLimitNumber
                    placeholder="如 经现场踏勘，地块内无…"
                    onChange={(v) => set(h.reasonKey, String(v))}
                  />
                </LabeledField>
              )}
            </div>
          ))}
          {/* The checkbox carries its own <label>: not inside LabeledField's. */}
          <div className="lr-field" style={{ marginBottom: 24 }}>
            <span className="lr-field__label">土壤污染重点监管单位用地</span>
            <Checkbox checked={values.soilKeySupervised} onChange={(v) => set('soilKeySupervised', Boolean(v))}>
              原为土壤污染重点监管单位生产经营用地
            </Checkbox>
          </div>
        </Grid>
        <Divider align="left">边界</Divider>
        <LabeledField name="boundary" label="地块边界" required error={undefined}>
          <BoundaryField
            maxFileMb={props.maxFileMb}
            value={values.boundary}
            onChange={(g) => set('boundary', g)}
            onFileFeature={(f) =>
              setValues((v) => ({
                ...v,
                code: v.code || f.code,
                name: v.name || f.name,
                plannedUse: v.plannedUse || (f.plannedUse ?? ''),
              }))
            }
            error={errors.boundary}
          />
        </LabeledField>
        {editing && <p className="lr-muted" style={{ margin: '0 0 12px' }}>环节（当前：{editing.stage}）只能在“环节流转”中办理，修改地块信息不会改变环节。</p>}
        <Space style={{ marginTop: 16 }}>
          <Button type="submit" theme="primary" loading={busy}>
            保存
          </Button>
          <Button variant="outline" onClick={() => router.back()}>
            取消
          </Button>
        </Space>
      </Form>
  );
}
