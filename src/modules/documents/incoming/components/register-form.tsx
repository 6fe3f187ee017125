'use client';
import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Divider, Form, Input, Select, Space, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { registerIncomingAction } from '../actions';
import { INCOMING_TYPES, SECRECY_LEVELS, URGENCIES } from '../rules';
import { NO_MAX, ORG_MAX, SUMMARY_MAX, TITLE_MAX, ZRegisterIncoming } from '../validation';

type Option = { value: string; label: string };

interface Values {
  senderOrg: string;
  senderNo: string;
  title: string;
  docType: string;
  urgency: string;
  secrecy: string;
  receivedOn: string;
  writtenOn: string;
  pageCount: string;
  summary: string;
  planId: string;
  projectId: string;
  parcelId: string;
}

function Grid({ children }: { children: ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', columnGap: 24 }}>{children}</div>;
}

/**
 * 登记收文: the same zod schema as the server runs first; the 收文编号 is assigned by the server
 * when the registration is saved. The parcel list follows the chosen project.
 */
export function RegisterIncomingForm(props: { today: string; plans: Option[]; projects: Option[]; parcels: (Option & { projectId: string | null })[] }) {
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [values, setValues] = useState<Values>({
    senderOrg: '',
    senderNo: '',
    title: '',
    docType: '',
    urgency: '平件',
    secrecy: '公开',
    receivedOn: props.today,
    writtenOn: '',
    pageCount: '',
    summary: '',
    planId: '',
    projectId: '',
    parcelId: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const text = (key: keyof Values, max: number, placeholder?: string) => <Input value={values[key]} maxlength={max} showLimitNumber allowInputOverMax placeholder={placeholder} onChange={(v) => set(key, String(v))} />;
  const parcels = values.projectId ? props.parcels.filter((p) => p.projectId === values.projectId) : props.parcels;

  const save = async () => {
    const parsed = ZRegisterIncoming.safeParse(values);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(() => registerIncomingAction(values), (d: { id: string; receiptNo: string }) => `已登记，收文编号 ${d.receiptNo}`, setErrors);
    if (res?.ok) router.push(`/documents/incoming/${res.data.id}`);
  };

  const select = (key: 'docType' | 'urgency' | 'secrecy', options: readonly string[], placeholder: string) => (
    <Select value={values[key] || undefined} placeholder={placeholder} options={options.map((o) => ({ label: o, value: o }))} onChange={(v) => set(key, typeof v === 'string' ? v : '')} />
  );

  return (
    <Form labelAlign="top" onSubmit={() => void save()} preventSubmitDefault>
      <Divider align="left">来文</Divider>
      <Grid>
        <LabeledField name="senderOrg" label="来文单位" required error={errors.senderOrg}>
          {text('senderOrg', ORG_MAX, '如 益阳市自然资源和规划局')}
        </LabeledField>
        <LabeledField name="senderNo" label="来文字号" error={errors.senderNo} hint="来文单位的发文字号，没有可不填">
          {text('senderNo', NO_MAX, '如 益自然资发〔2026〕8号')}
        </LabeledField>
        <LabeledField name="writtenOn" label="成文日期" error={errors.writtenOn} hint="来文落款日期，不晚于收文日期">
          <DateField value={values.writtenOn} onChange={(v) => set('writtenOn', v)} max={values.receivedOn || undefined} notFuture />
        </LabeledField>
      </Grid>
      <LabeledField name="title" label="标题" required error={errors.title}>
        {text('title', TITLE_MAX)}
      </LabeledField>
      <Grid>
        <LabeledField name="docType" label="文种" required error={errors.docType}>
          {select('docType', INCOMING_TYPES, '请选择文种')}
        </LabeledField>
        <LabeledField name="urgency" label="紧急程度" required error={errors.urgency}>
          {select('urgency', URGENCIES, '请选择紧急程度')}
        </LabeledField>
        <LabeledField name="secrecy" label="密级" required error={errors.secrecy}>
          {select('secrecy', SECRECY_LEVELS, '请选择密级')}
        </LabeledField>
        <LabeledField name="receivedOn" label="收文日期" required error={errors.receivedOn} hint={`不能晚于今天（${props.today}）`}>
          <DateField value={values.receivedOn} onChange={(v) => set('receivedOn', v)} notFuture />
        </LabeledField>
        <LabeledField name="pageCount" label="页数" error={errors.pageCount}>
          {text('pageCount', 6, '如 4')}
        </LabeledField>
      </Grid>
      <LabeledField name="summary" label="内容摘要" error={errors.summary}>
        <Textarea value={values.summary} maxlength={SUMMARY_MAX} autosize={{ minRows: 3, maxRows: 8 }} onChange={(v) => set('summary', String(v))} />
      </LabeledField>
      <Divider align="left">关联</Divider>
      <Grid>
        <LabeledField name="planId" label="储备计划" error={errors.planId}>
          <Select value={values.planId || undefined} clearable filterable placeholder="不关联" options={props.plans} onChange={(v) => set('planId', typeof v === 'string' ? v : '')} />
        </LabeledField>
        <LabeledField name="projectId" label="储备项目" error={errors.projectId}>
          <Select
            value={values.projectId || undefined}
            clearable
            filterable
            placeholder="不关联"
            options={props.projects}
            onChange={(v) => {
              const projectId = typeof v === 'string' ? v : '';
              setValues((cur) => ({ ...cur, projectId, parcelId: props.parcels.find((p) => p.value === cur.parcelId)?.projectId === projectId ? cur.parcelId : '' }));
            }}
          />
        </LabeledField>
        <LabeledField name="parcelId" label="地块" error={errors.parcelId} hint={values.projectId ? '只列出所选项目的地块' : undefined}>
          <Select value={values.parcelId || undefined} clearable filterable placeholder="不关联" options={parcels.map((p) => ({ value: p.value, label: p.label }))} onChange={(v) => set('parcelId', typeof v === 'string' ? v : '')} />
        </LabeledField>
      </Grid>
      <Space style={{ marginTop: 16 }}>
        <Button type="submit" theme="primary" loading={busy}>
          登记
        </Button>
        <Button variant="outline" onClick={() => router.back()}>
          取消
        </Button>
      </Space>
    </Form>
  );
}
