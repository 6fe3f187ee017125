'use client';
import { useState, type ReactNode } from 'react';
import { Dialog, Form, Input, MessagePlugin, Select, Textarea } from 'tdesign-react';
import type { z } from 'zod';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import type { ActionResult } from '@/platform/action';
import { createSupplyPlanListingAction, createTitleCancellationAction, createWorkExemptionAction } from '../actions';
import { EXEMPTION_REASON_MAX, ZSupplyPlanListing, ZTitleCancellation, ZWorkExemption } from '../validation';

/** One small form in a dialog: checked by the same schema as the server, errors at the fields. */
function useDialogForm<V extends Record<string, string>>(initial: V) {
  const [v, setV] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = (key: keyof V, value: string) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const submit = async (schema: z.ZodType, input: unknown, call: () => Promise<ActionResult<unknown>>, message: string, onDone: () => void) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(call, message, setErrors);
    if (res?.ok) onDone();
  };
  return { v, set, errors, busy, submit };
}

function FormDialog(props: { header: string; busy: boolean; onConfirm: () => void; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog
      visible
      header={props.header}
      width={560}
      confirmBtn={{ content: '保存', loading: props.busy }}
      cancelBtn="取消"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        {props.children}
      </Form>
    </Dialog>
  );
}

export function ExemptionDialog(props: { parcelId: string; workTypes: readonly string[]; onClose: () => void }) {
  const f = useDialogForm({ workType: props.workTypes.length === 1 ? props.workTypes[0] : '', reason: '' });
  const input = { parcelId: props.parcelId, ...f.v };
  return (
    <FormDialog
      header="登记无须施工的原因"
      busy={f.busy}
      onClose={props.onClose}
      onConfirm={() => f.submit(ZWorkExemption, input, () => createWorkExemptionAction(input), `已登记无须${f.v.workType}的原因`, props.onClose)}
    >
      <LabeledField name="workType" label="无须施工的工程" required error={f.errors.workType}>
        <Select value={f.v.workType || undefined} placeholder="请选择" options={props.workTypes.map((t) => ({ label: t, value: t }))} onChange={(val) => f.set('workType', String(val ?? ''))} />
      </LabeledField>
      <LabeledField name="reason" label="原因" required error={f.errors.reason} hint="如：收回的国有空地，地上无建（构）筑物；场地已平整">
        <Textarea value={f.v.reason} maxlength={EXEMPTION_REASON_MAX} allowInputOverMax autosize={{ minRows: 3 }} onChange={(val) => f.set('reason', String(val))} />
      </LabeledField>
    </FormDialog>
  );
}

export function CancellationDialog(props: { parcelId: string; certNo: string | null; minDate: string | null; onClose: () => void }) {
  const f = useDialogForm({ certNo: props.certNo ?? '', cancelledOn: '', note: '' });
  const input = { parcelId: props.parcelId, ...f.v };
  return (
    <FormDialog
      header="登记不动产权证书注销"
      busy={f.busy}
      onClose={props.onClose}
      onConfirm={() => f.submit(ZTitleCancellation, input, () => createTitleCancellationAction(input), `已登记证书 ${f.v.certNo} 注销`, props.onClose)}
    >
      <LabeledField name="certNo" label="不动产权证号" required error={f.errors.certNo}>
        <Input value={f.v.certNo} maxlength={64} allowInputOverMax onChange={(val) => f.set('certNo', String(val))} />
      </LabeledField>
      <LabeledField name="cancelledOn" label="注销日期" required error={f.errors.cancelledOn}>
        <DateField value={f.v.cancelledOn} onChange={(val) => f.set('cancelledOn', val)} min={props.minDate} notFuture />
      </LabeledField>
      <LabeledField name="note" label="备注" error={f.errors.note} hint="如注销登记受理号">
        <Input value={f.v.note} maxlength={200} allowInputOverMax onChange={(val) => f.set('note', String(val))} />
      </LabeledField>
    </FormDialog>
  );
}

export function ListingDialog(props: { parcelId: string; year: number; planDocNos: Record<number, string>; onClose: () => void }) {
  const f = useDialogForm({ planYear: String(props.year), docNo: props.planDocNos[props.year] ?? '', listedOn: '' });
  const input = { parcelId: props.parcelId, ...f.v };
  const setYear = (val: string) => {
    f.set('planYear', val);
    const suggested = props.planDocNos[Number(val)];
    if (suggested && !f.v.docNo) f.set('docNo', suggested);
  };
  return (
    <FormDialog
      header="登记纳入供应计划"
      busy={f.busy}
      onClose={props.onClose}
      onConfirm={() => f.submit(ZSupplyPlanListing, input, () => createSupplyPlanListingAction(input), `已登记纳入 ${f.v.planYear} 年度供应计划`, props.onClose)}
    >
      <LabeledField name="planYear" label="供应计划年度" required error={f.errors.planYear}>
        <Select
          value={f.v.planYear}
          options={[props.year, props.year + 1].map((y) => ({ label: `${y} 年`, value: String(y) }))}
          onChange={(val) => setYear(String(val ?? ''))}
        />
      </LabeledField>
      <LabeledField
        name="docNo"
        label="供应计划文号"
        required
        error={f.errors.docNo}
        hint={props.planDocNos[Number(f.v.planYear)] ? `${f.v.planYear} 年度土地储备计划文号：${props.planDocNos[Number(f.v.planYear)]}` : '国有建设用地供应计划或年度土地储备计划的批准文号'}
      >
        <Input value={f.v.docNo} maxlength={64} allowInputOverMax onChange={(val) => f.set('docNo', String(val))} />
      </LabeledField>
      <LabeledField name="listedOn" label="纳入日期" required error={f.errors.listedOn} hint="计划批准或调整纳入该地块的日期">
        <DateField value={f.v.listedOn} onChange={(val) => f.set('listedOn', val)} notFuture />
      </LabeledField>
    </FormDialog>
  );
}
