'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Dialog, Form, Input, Select, Textarea } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { ACQUISITION_ROUTES } from '@/modules/parcels/stages';
import { decimalProblem, formatWan, formatYuan, MAX_WAN, wanToYuan } from '@/modules/plans/amounts';
import type { PlanOptionView } from '@/modules/plans/view';
import { createProjectAction, updateProjectAction } from '../actions';
import { PROJECT_CODE_RULE } from '../validation';
import type { ProjectFormValues } from '../view';

export type ProjectDialogMode = { kind: 'create' } | { kind: 'edit'; id: string; values: ProjectFormValues };

const EMPTY: ProjectFormValues = {
  code: '',
  name: '',
  zone: '',
  planId: '',
  acquisitionRoute: '',
  implDocNo: '',
  estimatedCost: '',
  expectedIncome: '',
  nationalCode: '',
  note: '',
};

function wanHint(value: string, label: string): string {
  const raw = value.trim();
  if (raw === '' || decimalProblem(raw, label, { unit: '万元', max: MAX_WAN })) return '单位：万元，最多 2 位小数；不填按 0 计';
  return `= ${formatWan(wanToYuan(raw))} 万元（${formatYuan(wanToYuan(raw))} 元）`;
}

/** Create or edit a reserve project. Plans offered: the current ones (plus the one already linked). */
export function ProjectFormDialog(props: { mode: ProjectDialogMode; plans: PlanOptionView[]; onClose: () => void }) {
  const { mode } = props;
  const router = useRouter();
  const [values, setValues] = useState<ProjectFormValues>(mode.kind === 'edit' ? mode.values : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    if (mode.kind === 'edit') {
      const res = await run(() => updateProjectAction({ id: mode.id, ...values }), '项目已保存', setErrors);
      if (res?.ok) props.onClose();
      return;
    }
    const res = await run(() => createProjectAction(values), `已新建项目 ${values.code.trim().toUpperCase()}`, setErrors);
    if (res?.ok) {
      props.onClose();
      router.push(`/projects/${res.data.id}`);
    }
  };

  const half = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 } as const;
  return (
    <Dialog
      visible
      header={mode.kind === 'edit' ? `编辑项目：${mode.values.code}` : '新建储备项目'}
      width={720}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="project-form">
        <div style={half}>
          <LabeledField name="code" label="项目编号" required error={errors.code} hint={PROJECT_CODE_RULE}>
            <Input value={values.code} maxlength={32} placeholder="如：YY-2026-001" onChange={(v) => set('code', String(v).toUpperCase())} />
          </LabeledField>
          <LabeledField name="name" label="项目名称" required error={errors.name}>
            <Input value={values.name} maxlength={100} allowInputOverMax showLimitNumber onChange={(v) => set('name', String(v))} />
          </LabeledField>
          <LabeledField name="zone" label="储备片区" error={errors.zone}>
            <Input value={values.zone} maxlength={64} allowInputOverMax showLimitNumber placeholder="选填，如：龙岭片区" onChange={(v) => set('zone', String(v))} />
          </LabeledField>
          <LabeledField name="acquisitionRoute" label="收储方式" required error={errors.acquisitionRoute}>
            <Select
              value={values.acquisitionRoute || undefined}
              placeholder="请选择"
              options={ACQUISITION_ROUTES.map((r) => ({ label: r, value: r }))}
              onChange={(v) => set('acquisitionRoute', typeof v === 'string' ? v : '')}
            />
          </LabeledField>
        </div>
        <LabeledField name="planId" label="所属储备计划" error={errors.planId} hint="选填；只能选择现行版本的计划">
          <Select
            value={values.planId || undefined}
            placeholder="请选择计划"
            clearable
            filterable
            options={props.plans}
            onChange={(v) => set('planId', typeof v === 'string' ? v : '')}
          />
        </LabeledField>
        <div style={half}>
          <LabeledField name="implDocNo" label="实施方案批准文号" error={errors.implDocNo}>
            <Input value={values.implDocNo} maxlength={64} allowInputOverMax showLimitNumber placeholder="选填" onChange={(v) => set('implDocNo', String(v))} />
          </LabeledField>
          <LabeledField name="nationalCode" label="国家监测监管系统项目编码" error={errors.nationalCode} hint="选填；申请专项债券的项目须填写">
            <Input value={values.nationalCode} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('nationalCode', String(v))} />
          </LabeledField>
          <LabeledField name="estimatedCost" label="估算成本" error={errors.estimatedCost} hint={wanHint(values.estimatedCost, '估算成本')}>
            <Input value={values.estimatedCost} maxlength={14} suffix="万元" onChange={(v) => set('estimatedCost', String(v))} />
          </LabeledField>
          <LabeledField name="expectedIncome" label="预计出让收入" error={errors.expectedIncome} hint={wanHint(values.expectedIncome, '预计出让收入')}>
            <Input value={values.expectedIncome} maxlength={14} suffix="万元" onChange={(v) => set('expectedIncome', String(v))} />
          </LabeledField>
        </div>
        <LabeledField name="note" label="备注" error={errors.note}>
          <Textarea value={values.note} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 5 }} onChange={(v) => set('note', String(v))} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
