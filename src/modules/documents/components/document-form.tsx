'use client';
import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { Alert, Button, Checkbox, Divider, Form, Input, Select, Space, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { DOCUMENT_TYPES, SECRECY_LEVELS, URGENCIES } from '../constants';
import { createDocumentAction, updateDocumentAction } from '../actions';
import { ZCreateDocument, ZUpdateDocument } from '../validation';
import type { DocumentFormValues } from '../view';

function Grid({ children }: { children: ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', columnGap: 24 }}>{children}</div>;
}

type Option = { value: string; label: string };

/**
 * 拟稿 (document = null) and 修改 (a draft or returned 发文 of its drafter). The same zod schema as
 * the server runs first. 会签 may be left out for this document when the type's flow marks it
 * optional (`optionalSteps`: the type's optional step names).
 */
export function DocumentForm(props: {
  document: { id: string; version: number; submitted: boolean } | null;
  initial: DocumentFormValues;
  optionalSteps: Record<string, string[]>;
  plans: Option[];
  projects: Option[];
  parcels: Option[];
}) {
  const router = useRouter();
  const editing = props.document;
  const [values, setValues] = useState<DocumentFormValues>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof DocumentFormValues>(key: K, value: DocumentFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const optional = props.optionalSteps[values.docType] ?? [];
  const ids = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

  const save = async () => {
    const input = editing ? { ...values, id: editing.id, version: editing.version } : values;
    const parsed = editing ? ZUpdateDocument.safeParse(input) : ZCreateDocument.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run<{ id: string }>(() => (editing ? updateDocumentAction(input) : createDocumentAction(input)), editing ? '已保存' : '已保存为草稿，可在详情页提交', setErrors);
    if (res?.ok) router.push(`/documents/${res.data.id}`);
  };

  return (
    <Form labelAlign="top" onSubmit={() => void save()} preventSubmitDefault>
      <Divider align="left">公文信息</Divider>
      <Grid>
        <LabeledField name="docType" label="公文类型" required error={errors.docType} hint={editing?.submitted ? '已提交过的公文不能更改类型' : undefined}>
          <Select value={values.docType} disabled={editing?.submitted} options={DOCUMENT_TYPES.map((t) => ({ label: t, value: t }))} onChange={(v) => set('docType', String(v ?? ''))} />
        </LabeledField>
        <LabeledField name="issuingOrg" label="发文机关" required error={errors.issuingOrg}>
          <Input value={values.issuingOrg} maxlength={100} onChange={(v) => set('issuingOrg', String(v))} />
        </LabeledField>
        <LabeledField name="urgency" label="紧急程度" required error={errors.urgency}>
          <Select value={values.urgency} options={URGENCIES.map((t) => ({ label: t, value: t }))} onChange={(v) => set('urgency', String(v ?? ''))} />
        </LabeledField>
        <LabeledField name="secrecy" label="密级" required error={errors.secrecy}>
          <Select value={values.secrecy} options={SECRECY_LEVELS.map((t) => ({ label: t, value: t }))} onChange={(v) => set('secrecy', String(v ?? ''))} />
        </LabeledField>
        <LabeledField name="docDate" label="成文日期" error={errors.docDate} hint="选填；签发时未填则取签发当日">
          <DateField value={values.docDate} onChange={(v) => set('docDate', v)} />
        </LabeledField>
      </Grid>
      <LabeledField name="title" label="标题" required error={errors.title}>
        <Input value={values.title} maxlength={200} placeholder="如：关于开展2026年度土地储备项目自查的通知" onChange={(v) => set('title', String(v))} />
      </LabeledField>
      <Grid>
        <LabeledField name="mainRecipients" label="主送机关" error={errors.mainRecipients}>
          <Input value={values.mainRecipients} maxlength={500} onChange={(v) => set('mainRecipients', String(v))} />
        </LabeledField>
        <LabeledField name="copyRecipients" label="抄送机关" error={errors.copyRecipients}>
          <Input value={values.copyRecipients} maxlength={500} onChange={(v) => set('copyRecipients', String(v))} />
        </LabeledField>
      </Grid>
      <LabeledField name="body" label="正文" error={errors.body} hint="最多 50000 字；段落之间换行">
        <Textarea value={values.body} autosize={{ minRows: 10, maxRows: 30 }} maxlength={50000} onChange={(v) => set('body', String(v))} />
      </LabeledField>
      {optional.length > 0 && (
        <LabeledField name="skipCountersign" label="审批流程" error={errors.skipCountersign}>
          <Checkbox checked={values.skipCountersign} onChange={(v) => set('skipCountersign', Boolean(v))}>
            本件不需要{optional.join('、')}
          </Checkbox>
        </LabeledField>
      )}
      <Divider align="left">关联</Divider>
      <Grid>
        <LabeledField name="planIds" label="储备计划" error={errors.planIds}>
          <Select multiple filterable clearable value={values.planIds} options={props.plans} placeholder="选填" onChange={(v) => set('planIds', ids(v))} />
        </LabeledField>
        <LabeledField name="projectIds" label="储备项目" error={errors.projectIds}>
          <Select multiple filterable clearable value={values.projectIds} options={props.projects} placeholder="选填" onChange={(v) => set('projectIds', ids(v))} />
        </LabeledField>
        <LabeledField name="parcelIds" label="地块" error={errors.parcelIds}>
          <Select multiple filterable clearable value={values.parcelIds} options={props.parcels} placeholder="选填" onChange={(v) => set('parcelIds', ids(v))} />
        </LabeledField>
      </Grid>
      {Object.values(errors).some(Boolean) && <Alert theme="error" style={{ margin: '8px 0' }} message="请按提示修改后再保存" />}
      <Space style={{ marginTop: 16 }}>
        <Button type="submit" theme="primary" loading={busy} data-testid="document-save">
          保存
        </Button>
        <Button variant="outline" onClick={() => router.push(editing ? `/documents/${editing.id}` : '/documents')}>
          取消
        </Button>
      </Space>
    </Form>
  );
}
