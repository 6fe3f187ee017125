'use client';
import { useState } from 'react';
import { Dialog, Form, Input, InputNumber, MessagePlugin, Select } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { WORK_TYPES } from '../../stages';
import { createWorkPackageAction, updateWorkPackageAction } from '../actions';
import { ZCreateWorkPackage, ZUpdateWorkPackage } from '../validation';
import type { WorkPackageView } from '../queries';

interface Values {
  workType: string;
  contractor: string;
  supervisor: string;
  contractNo: string;
  contractAmount: string;
  progress: number;
  startedOn: string;
  acceptedOn: string;
}

/** Add (pkg = null) or edit a work package; `accept` opens it ready to record the acceptance. */
export function WorkPackageDialog(props: { parcelId: string; pkg: WorkPackageView | null; accept?: boolean; today: string; onClose: () => void }) {
  const { pkg } = props;
  const editing = !!pkg;
  const [v, setV] = useState<Values>({
    workType: pkg?.workType ?? '',
    contractor: pkg?.contractor ?? '',
    supervisor: pkg?.supervisor ?? '',
    contractNo: pkg?.contractNo ?? '',
    contractAmount: pkg?.contractAmount ?? '',
    progress: pkg?.progress ?? 0,
    startedOn: pkg?.startedOn ?? '',
    acceptedOn: pkg?.acceptedOn ?? (props.accept ? props.today : ''),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const input = editing ? { ...v, id: pkg.id } : { ...v, parcelId: props.parcelId };
    const parsed = editing ? ZUpdateWorkPackage.safeParse(input) : ZCreateWorkPackage.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(
      () => (editing ? updateWorkPackageAction(input) : createWorkPackageAction(input)),
      v.acceptedOn && !pkg?.acceptedOn ? `已登记${v.workType}工作包验收，进度记为 100%` : `已保存${v.workType}工作包`,
      setErrors,
    );
    if (res?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={editing ? `${props.accept ? '验收' : '编辑'}工作包：${pkg.workType}` : '新增前期开发工作包'}
      width={640}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="workType" label="工程类型" required error={errors.workType}>
            <Select value={v.workType || undefined} placeholder="请选择" options={WORK_TYPES.map((t) => ({ label: t, value: t }))} onChange={(val) => set('workType', String(val ?? ''))} />
          </LabeledField>
          <LabeledField name="contractNo" label="合同编号" error={errors.contractNo}>
            <Input value={v.contractNo} maxlength={64} allowInputOverMax showLimitNumber onChange={(val) => set('contractNo', String(val))} />
          </LabeledField>
          <LabeledField name="contractor" label="施工单位" error={errors.contractor}>
            <Input value={v.contractor} maxlength={100} allowInputOverMax showLimitNumber onChange={(val) => set('contractor', String(val))} />
          </LabeledField>
          <LabeledField name="supervisor" label="监理单位" error={errors.supervisor}>
            <Input value={v.supervisor} maxlength={100} allowInputOverMax showLimitNumber onChange={(val) => set('supervisor', String(val))} />
          </LabeledField>
          <LabeledField name="contractAmount" label="合同金额（元）" required error={errors.contractAmount} hint="用于按金额加权计算总体进度">
            <Input value={v.contractAmount} placeholder="例如 1200000.00" onChange={(val) => set('contractAmount', String(val))} />
          </LabeledField>
          <LabeledField name="progress" label="进度（%）" required error={errors.progress} hint={v.acceptedOn ? '已验收，进度记为 100%' : '0–100 的整数'}>
            <InputNumber
              value={v.acceptedOn ? 100 : v.progress}
              min={0}
              max={100}
              step={1}
              decimalPlaces={0}
              disabled={!!v.acceptedOn}
              style={{ width: '100%' }}
              onChange={(val) => set('progress', typeof val === 'number' ? val : Number(val) || 0)}
            />
          </LabeledField>
          <LabeledField name="startedOn" label="开工日期" error={errors.startedOn}>
            <DateField value={v.startedOn} onChange={(val) => set('startedOn', val)} notFuture />
          </LabeledField>
          <LabeledField name="acceptedOn" label="验收日期" error={errors.acceptedOn} hint="验收合格后填写，不早于开工日期">
            <DateField value={v.acceptedOn} onChange={(val) => set('acceptedOn', val)} min={v.startedOn || null} notFuture />
          </LabeledField>
        </div>
      </Form>
    </Dialog>
  );
}
