'use client';
import { useState } from 'react';
import { Alert, Dialog, Form, Input, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import type { TSupplyContext } from '../../rules';
import { transitionParcelAction } from '../actions';
import { emptySupplyValues, SupplyFields, supplyFormWarnings, type SupplyValues } from './supply-fields';

export interface TransitionStep {
  to: string;
  kind: 'advance' | 'cancel' | 'abort-trade';
  label: string;
  /** 启动收储: whether the government approval number is required, and why. */
  docNeed?: { required: boolean; note: string; rule: string };
}

interface Values extends SupplyValues {
  eventDate: string;
  docNo: string;
  amount: string;
  note: string;
  reason: string;
}

/** The form of one lifecycle step: date, document, amount, note; reason or supply terms where the step needs them. */
export function TransitionDialog(props: {
  parcelId: string;
  version: number;
  step: TransitionStep;
  today: string;
  lastEventDate: string | null;
  /** For the 已供应 step: the parcel's planned use and area, and the 协议 floor setting. */
  supplyContext: TSupplyContext | null;
  onClose: () => void;
}) {
  const { step } = props;
  const { run, busy } = useRunAction();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [v, setV] = useState<Values>({
    eventDate: props.today,
    docNo: '',
    amount: '',
    note: '',
    reason: '',
    ...emptySupplyValues(props.today),
  });
  const [acknowledged, setAcknowledged] = useState(false);
  const set = (key: keyof Values) => (value: unknown) => setV((old) => ({ ...old, [key]: value === undefined || value === null ? '' : String(value) }));
  const isSupply = step.to === '已供应';
  const needsReason = step.kind !== 'advance';

  const submit = async () => {
    const res = await run(
      () =>
        transitionParcelAction({
          parcelId: props.parcelId,
          version: props.version,
          toStage: step.to,
          eventDate: isSupply ? v.dealDate || v.eventDate : v.eventDate,
          docNo: v.docNo,
          amount: isSupply ? '' : v.amount,
          note: v.note,
          reason: needsReason ? v.reason : '',
          supply: isSupply
            ? {
                mode: v.mode,
                noticeDate: v.noticeDate,
                bidStartDate: v.bidStartDate,
                listingEndDate: v.listingEndDate,
                startingPrice: v.startingPrice,
                dealPrice: v.dealPrice,
                transferee: v.transferee,
                contractNo: v.contractNo,
                dealDate: v.dealDate,
                allocationCategory: v.allocationCategory,
                benchmarkPrice: v.benchmarkPrice,
              }
            : null,
          acknowledged: isSupply && acknowledged ? supplyFormWarnings(v, props.supplyContext).map((w) => w.code) : [],
        }),
      `已办理：${step.label}`,
      setErrors,
    );
    if (res?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={`办理：${step.label}（转为「${step.to}」）`}
      width={isSupply ? 760 : 600}
      confirmBtn={{ content: '确认办理', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      {step.kind === 'cancel' && <Alert theme="warning" message="终止后地块不再参与收储，且不可恢复。" style={{ marginBottom: 12 }} />}
      <Form labelAlign="top" preventSubmitDefault>
        {!isSupply && (
          <LabeledField name="eventDate" label="办理日期" required error={errors.eventDate}>
            <DateField value={v.eventDate} onChange={set('eventDate')} clearable={false} min={props.lastEventDate} notFuture />
          </LabeledField>
        )}
        {isSupply && (
          <SupplyFields
            values={v}
            set={set}
            errors={errors}
            context={props.supplyContext}
            today={props.today}
            lastEventDate={props.lastEventDate}
            acknowledged={acknowledged}
            onAcknowledge={setAcknowledged}
          />
        )}
        {needsReason && (
          <LabeledField name="reason" label={step.kind === 'cancel' ? '终止原因' : '中止原因'} required error={errors.reason}>
            <Textarea value={v.reason} onChange={set('reason')} maxlength={500} allowInputOverMax autosize={{ minRows: 2 }} />
          </LabeledField>
        )}
        {step.docNeed ? (
          <LabeledField name="docNo" label="政府批准文号" required={step.docNeed.required} error={errors.docNo} hint={step.docNeed.required ? step.docNeed.note : `${step.docNeed.note}，可不填`}>
            <Input value={v.docNo} onChange={set('docNo')} maxlength={100} allowInputOverMax showLimitNumber placeholder="如 益政函〔2026〕18号" />
          </LabeledField>
        ) : (
          <LabeledField name="docNo" label="依据文号" error={errors.docNo}>
            <Input value={v.docNo} onChange={set('docNo')} maxlength={100} allowInputOverMax showLimitNumber placeholder="如 益土储〔2026〕12号" />
          </LabeledField>
        )}
        {!isSupply && (
          <LabeledField name="amount" label="涉及金额（元，可选）" error={errors.amount}>
            <Input value={v.amount} onChange={set('amount')} placeholder="例如 2500000.00" />
          </LabeledField>
        )}
        <LabeledField name="note" label="说明" error={errors.note}>
          <Textarea value={v.note} onChange={set('note')} maxlength={1000} allowInputOverMax autosize={{ minRows: 2 }} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
