'use client';
import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Divider, Form, Input, Select, Space, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { createContractAction, updateContractAction } from '../actions';
import { CONTRACT_TYPES, creditCodeProblem } from '../rules';
import { ZCreateContract, ZUpdateContract } from '../validation';

export interface ContractFormValues {
  contractNo: string;
  name: string;
  contractType: string;
  ourParty: string;
  counterparty: string;
  counterpartyCreditCode: string;
  amount: string;
  signedOn: string;
  startOn: string;
  endOn: string;
  projectId: string;
  partyId: string;
  parcelIds: string[];
  workPackageIds: string[];
  note: string;
}

export interface ContractLinkOptions {
  projects: { value: string; label: string }[];
  parcels: { value: string; label: string; projectId: string }[];
  workPackages: { value: string; label: string; projectId: string }[];
  parties: { value: string; label: string; projectId: string }[];
}

function Grid({ children }: { children: ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', columnGap: 24 }}>{children}</div>;
}

/**
 * 新建合同 (contract = null) and 修改合同 (a draft). The same zod schema as the server runs first;
 * the server checks the links again (each belongs to the project, a work package to one contract).
 */
export function ContractForm(props: { contract: { id: string; version: number; contractNo: string } | null; initial: ContractFormValues; options: ContractLinkOptions; today: string }) {
  const router = useRouter();
  const [values, setValues] = useState<ContractFormValues>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof ContractFormValues>(key: K, value: ContractFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const text = (key: 'contractNo' | 'name' | 'ourParty' | 'counterparty' | 'counterpartyCreditCode' | 'amount', max: number, placeholder?: string) => (
    <Input value={values[key]} maxlength={max} allowInputOverMax showLimitNumber={max >= 100} placeholder={placeholder} onChange={(v) => set(key, String(v))} />
  );
  const inProject = <T extends { projectId: string }>(list: T[]) => list.filter((o) => o.projectId === values.projectId);
  const codeProblem = values.counterpartyCreditCode.trim() ? creditCodeProblem(values.counterpartyCreditCode) : null;

  const save = async () => {
    const input = props.contract ? { ...values, id: props.contract.id, version: props.contract.version } : values;
    const parsed = props.contract ? ZUpdateContract.safeParse(input) : ZCreateContract.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run<{ id: string }>(
      () => (props.contract ? updateContractAction(input) : createContractAction(input)),
      props.contract ? `已保存合同 ${props.contract.contractNo}` : '已登记合同（草稿）',
      setErrors,
    );
    if (res?.ok) router.push(`/contracts/${res.data.id}`);
  };

  return (
    <Form labelAlign="top" onSubmit={() => void save()} preventSubmitDefault>
      <Divider align="left">合同信息</Divider>
      <Grid>
        <LabeledField name="contractNo" label="合同编号" required error={errors.contractNo}>
          {text('contractNo', 60, '如 YYTC-GC-2025-001')}
        </LabeledField>
        <LabeledField name="name" label="合同名称" required error={errors.name}>
          {text('name', 200)}
        </LabeledField>
        <LabeledField name="contractType" label="合同类型" required error={errors.contractType}>
          <Select
            value={values.contractType || undefined}
            placeholder="请选择合同类型"
            options={CONTRACT_TYPES.map((t) => ({ label: t, value: t }))}
            onChange={(v) => setValues((cur) => ({ ...cur, contractType: typeof v === 'string' ? v : '', partyId: v === '征收补偿协议' ? cur.partyId : '' }))}
          />
        </LabeledField>
        <LabeledField name="amount" label="合同金额（元）" required error={errors.amount} hint="签订时的金额；之后的增减办理合同变更">
          {text('amount', 24, '如 1250000.00')}
        </LabeledField>
      </Grid>
      <Divider align="left">当事人</Divider>
      <Grid>
        <LabeledField name="ourParty" label="我方" required error={errors.ourParty}>
          {text('ourParty', 100)}
        </LabeledField>
        <LabeledField name="counterparty" label="相对方" required error={errors.counterparty}>
          {text('counterparty', 100)}
        </LabeledField>
        <LabeledField
          name="counterpartyCreditCode"
          label="相对方统一社会信用代码"
          error={errors.counterpartyCreditCode || codeProblem || undefined}
          hint="18 位，按 GB 32100-2015 校验；个人可不填"
        >
          {text('counterpartyCreditCode', 18)}
        </LabeledField>
      </Grid>
      <Divider align="left">期限</Divider>
      <Grid>
        <LabeledField name="signedOn" label="签订日期" error={errors.signedOn} hint={`生效前必须填写；不能晚于今天（${props.today}）`}>
          <DateField value={values.signedOn} onChange={(v) => set('signedOn', v)} notFuture />
        </LabeledField>
        <LabeledField name="startOn" label="开始日期" error={errors.startOn}>
          <DateField value={values.startOn} onChange={(v) => set('startOn', v)} />
        </LabeledField>
        <LabeledField name="endOn" label="结束日期" error={errors.endOn} hint="到期前按系统参数提醒">
          <DateField value={values.endOn} onChange={(v) => set('endOn', v)} min={values.startOn || undefined} />
        </LabeledField>
      </Grid>
      <Divider align="left">关联</Divider>
      <Grid>
        <LabeledField name="projectId" label="项目" required error={errors.projectId}>
          <Select
            value={values.projectId || undefined}
            filterable
            placeholder="请选择储备项目"
            options={props.options.projects}
            onChange={(v) => setValues((cur) => ({ ...cur, projectId: typeof v === 'string' ? v : '', parcelIds: [], workPackageIds: [], partyId: '' }))}
          />
        </LabeledField>
        <LabeledField name="parcelIds" label="地块" error={errors.parcelIds} hint={values.projectId ? '可多选，只列出所选项目的地块' : '先选择项目'}>
          <Select
            value={values.parcelIds}
            multiple
            filterable
            clearable
            disabled={!values.projectId}
            placeholder="不指定地块"
            options={inProject(props.options.parcels)}
            onChange={(v) => set('parcelIds', (v as string[]) ?? [])}
          />
        </LabeledField>
        <LabeledField name="workPackageIds" label="前期开发工程" error={errors.workPackageIds} hint="工程施工、监理合同可关联工程">
          <Select
            value={values.workPackageIds}
            multiple
            filterable
            clearable
            disabled={!values.projectId}
            placeholder="不关联工程"
            options={inProject(props.options.workPackages)}
            onChange={(v) => set('workPackageIds', (v as string[]) ?? [])}
          />
        </LabeledField>
        <LabeledField name="partyId" label="补偿对象" error={errors.partyId} hint="征收补偿协议关联其补偿对象">
          <Select
            value={values.partyId || undefined}
            filterable
            clearable
            disabled={!values.projectId || values.contractType !== '征收补偿协议'}
            placeholder="不关联补偿对象"
            options={inProject(props.options.parties)}
            onChange={(v) => set('partyId', typeof v === 'string' ? v : '')}
          />
        </LabeledField>
      </Grid>
      {/* Clear of the hint under the last row of the grid above. */}
      <div style={{ marginTop: 12 }}>
        <LabeledField name="note" label="备注" error={errors.note}>
          <Textarea value={values.note} maxlength={1000} allowInputOverMax autosize={{ minRows: 2, maxRows: 6 }} onChange={(v) => set('note', String(v))} />
        </LabeledField>
      </div>
      <Space style={{ marginTop: 16 }}>
        <Button type="submit" theme="primary" loading={busy} data-testid="contract-save">
          {props.contract ? '保存' : '保存草稿'}
        </Button>
        <Button variant="outline" onClick={() => router.back()}>
          取消
        </Button>
      </Space>
      <p className="lr-muted" style={{ margin: '12px 0 0', fontSize: 13 }}>
        合同登记后为草稿，可修改；由持有「合同审批」权限的人员确认生效后，才能登记付款。生效后的金额增减办理合同变更。
      </p>
    </Form>
  );
}
