'use client';
import { useState } from 'react';
import { Dialog, Form } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { updateHandoverDateAction } from '../actions';
import { handoverProblem, ZHandover } from '../validation';
import type { SupplyView } from '../queries';

/** 交地日期 of the current deal: not before the deal date. */
export function HandoverDialog(props: { supply: SupplyView; today: string; onClose: () => void }) {
  const { supply } = props;
  const [date, setDate] = useState(supply.handoverDate ?? props.today);
  const [error, setError] = useState('');
  const { run, busy } = useRunAction();

  const submit = async () => {
    const input = { supplyId: supply.id, handoverDate: date };
    const parsed = ZHandover.safeParse(input);
    const problem = parsed.success ? handoverProblem(parsed.data.handoverDate, supply.dealDate) : describeZodError(parsed.error).message;
    if (problem) {
      setError(problem);
      return;
    }
    const res = await run(() => updateHandoverDateAction(input), `已登记交地日期 ${date}`, (e) => setError(e.handoverDate ?? ''));
    if (res?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header="登记交地日期"
      width={420}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        <LabeledField name="handoverDate" label="交地日期" required error={error || undefined} hint={supply.dealDate ? `成交日期 ${supply.dealDate}，交地日期不得早于成交日期` : undefined}>
          <DateField
            value={date}
            clearable={false}
            min={supply.dealDate}
            onChange={(v) => {
              setDate(v);
              setError('');
            }}
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
