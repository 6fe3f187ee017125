'use client';
import { useState } from 'react';
import { Descriptions, Dialog, Form, Input, MessagePlugin, Textarea } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { formatYuan } from '@/modules/plans/amounts';
import { subtractAmounts } from '../../rules';
import { recordPaymentAction } from '../actions';
import type { ScheduleLine } from '../queries';
import { ZRecordPayment } from '../validation';

/** Record a payment of principal and/or interest against one schedule row (defaults: what is still due). */
export function PaymentDialog(props: { bondCode: string; issueDate: string; row: ScheduleLine; onClose: () => void }) {
  const { row } = props;
  const principalLeft = subtractAmounts(row.principal, row.principalPaid);
  const interestLeft = subtractAmounts(row.interest, row.interestPaid);
  const [v, setV] = useState({ paidOn: '', principalPaid: principalLeft, interestPaid: interestLeft, voucherNo: '', note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const input = { scheduleId: row.id, ...v };
    const parsed = ZRecordPayment.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(
      () => recordPaymentAction(input),
      (d) =>
        `已登记第 ${row.seq} 期还本付息${d.postedEntries.length ? `；利息已按分配比例记入收支台账 ${d.postedEntries.join('、')}，待科室审核` : ''}${
          Number(d.unallocatedInterest) > 0 ? `；债券未分配部分的利息 ${d.unallocatedInterest} 元未记入任何项目` : ''
        }`,
      setErrors,
    );
    if (res?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={`登记还本付息：${props.bondCode} 第 ${row.seq} 期`}
      width={640}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Descriptions
        column={2}
        size="small"
        items={[
          { label: '应付日期', content: row.dueDate },
          { label: '计息期间', content: `${row.periodStart} 至 ${row.dueDate}（${row.days} 天）` },
          { label: '应付本金（元）', content: formatYuan(row.principal) },
          { label: '应付利息（元）', content: formatYuan(row.interest) },
          { label: '尚未支付本金（元）', content: formatYuan(principalLeft) },
          { label: '尚未支付利息（元）', content: formatYuan(interestLeft) },
        ]}
      />
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="payment-form" style={{ marginTop: 16 }}>
        <LabeledField name="paidOn" label="付款日期" required error={errors.paidOn} hint={`不早于发行日期 ${props.issueDate}，不晚于今天`}>
          <DateField value={v.paidOn} onChange={(d) => set('paidOn', d)} min={props.issueDate} notFuture />
        </LabeledField>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="principalPaid" label="支付本金" error={errors.principalPaid} hint={`不超过 ${formatYuan(principalLeft)} 元；不填按 0 计`}>
            <Input value={v.principalPaid} maxlength={22} suffix="元" onChange={(x) => set('principalPaid', String(x))} />
          </LabeledField>
          <LabeledField name="interestPaid" label="支付利息" error={errors.interestPaid} hint={`不超过 ${formatYuan(interestLeft)} 元；不填按 0 计`}>
            <Input value={v.interestPaid} maxlength={22} suffix="元" onChange={(x) => set('interestPaid', String(x))} />
          </LabeledField>
        </div>
        <LabeledField name="voucherNo" label="凭证号" error={errors.voucherNo}>
          <Input value={v.voucherNo} maxlength={64} allowInputOverMax showLimitNumber placeholder="选填" onChange={(x) => set('voucherNo', String(x))} />
        </LabeledField>
        <LabeledField name="note" label="备注" error={errors.note}>
          <Textarea value={v.note} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(x) => set('note', String(x))} />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
