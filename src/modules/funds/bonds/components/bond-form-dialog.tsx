'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Dialog, Form, Input, MessagePlugin, Radio, Textarea } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { formatWan, formatYuan } from '@/modules/plans/amounts';
import { generateSchedule, maturityDate, parseAmount, REPAYMENT_TYPES, scheduleTotals, type TRepaymentType } from '../../rules';
import { createBondAction, updateBondAction } from '../actions';
import { BOND_CODE_RULE, RATE_RULE, REPAYMENT_TYPE_CODES, ZCreateBond, ZUpdateBond } from '../validation';

export interface BondFormValues {
  code: string;
  name: string;
  /** 元 */
  amount: string;
  /** Percent. */
  annualRate: string;
  termYears: string;
  issueDate: string;
  firstPaymentDate: string;
  repaymentType: TRepaymentType;
  docNo: string;
  note: string;
}

export type BondDialogMode = { kind: 'create' } | { kind: 'edit'; id: string; version: number; values: BondFormValues };

const EMPTY: BondFormValues = {
  code: '',
  name: '',
  amount: '',
  annualRate: '',
  termYears: '',
  issueDate: '',
  firstPaymentDate: '',
  repaymentType: 'bullet',
  docNo: '',
  note: '',
};

function amountHint(raw: string): string {
  const parsed = parseAmount(raw, { label: '债券金额' });
  if (raw.trim() === '' || !parsed.ok) return '单位：元，最多两位小数';
  return `= ${formatWan(parsed.value)} 万元（${formatYuan(parsed.value)} 元）`;
}

/** What the schedule will look like, from the same rules the server uses. */
function schedulePreview(v: BondFormValues): string | null {
  const amount = parseAmount(v.amount, { label: '债券金额' });
  const years = Number(v.termYears);
  if (!amount.ok || !/^\d+$/.test(v.termYears.trim()) || !v.issueDate || !v.annualRate.trim()) return null;
  const res = generateSchedule({
    amount: amount.value,
    annualRatePercent: v.annualRate.trim().replace(/[%％]$/, ''),
    termYears: years,
    issueDate: v.issueDate,
    repaymentType: v.repaymentType,
    firstPaymentDate: v.firstPaymentDate || null,
  });
  if (!res.ok) return res.message;
  const totals = scheduleTotals(res.rows);
  return `将生成还本付息计划 ${res.rows.length} 期，到期日 ${maturityDate(v.issueDate, years)}，利息合计 ${formatYuan(totals.interest)} 元，本息合计 ${formatYuan(totals.total)} 元`;
}

/** Create a bond, or change its terms while no payment is recorded (the schedule is regenerated). */
export function BondFormDialog(props: { mode: BondDialogMode; onClose: () => void }) {
  const { mode } = props;
  const router = useRouter();
  const [values, setValues] = useState<BondFormValues>(mode.kind === 'edit' ? mode.values : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof BondFormValues>(key: K, value: BondFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const input = mode.kind === 'edit' ? { ...values, id: mode.id, version: mode.version } : values;
    const parsed = mode.kind === 'edit' ? ZUpdateBond.safeParse(input) : ZCreateBond.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    if (mode.kind === 'edit') {
      const res = await run(() => updateBondAction(input), '债券条款已保存，还本付息计划已重新生成', setErrors);
      if (res?.ok) props.onClose();
      return;
    }
    const res = await run(() => createBondAction(input), `已新增专项债券 ${values.code.trim()}`, setErrors);
    if (res?.ok) {
      props.onClose();
      router.push(`/funds/bonds/${res.data.id}`);
    }
  };

  const preview = schedulePreview(values);
  const half = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 } as const;
  return (
    <Dialog
      visible
      header={mode.kind === 'edit' ? `修改债券条款：${mode.values.code}` : '新增专项债券'}
      width={760}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="bond-form">
        <div style={half}>
          <LabeledField name="code" label="债券代码" required error={errors.code} hint={BOND_CODE_RULE}>
            <Input value={values.code} maxlength={32} placeholder="如：2305123" onChange={(v) => set('code', String(v))} />
          </LabeledField>
          <LabeledField name="name" label="债券名称" required error={errors.name}>
            <Input value={values.name} maxlength={100} allowInputOverMax showLimitNumber placeholder="如：2023 年湖南省土地储备专项债券（一期）" onChange={(v) => set('name', String(v))} />
          </LabeledField>
          <LabeledField name="amount" label="发行金额" required error={errors.amount} hint={amountHint(values.amount)}>
            <Input value={values.amount} maxlength={22} suffix="元" onChange={(v) => set('amount', String(v))} />
          </LabeledField>
          <LabeledField name="annualRate" label="票面年利率" required error={errors.annualRate} hint={RATE_RULE}>
            <Input value={values.annualRate} maxlength={10} suffix="%" placeholder="如：3.25" onChange={(v) => set('annualRate', String(v))} />
          </LabeledField>
          <LabeledField name="termYears" label="期限" required error={errors.termYears} hint="整数年，1–30">
            <Input value={values.termYears} maxlength={2} suffix="年" onChange={(v) => set('termYears', String(v))} />
          </LabeledField>
          <LabeledField name="issueDate" label="发行日期（起息日）" required error={errors.issueDate}>
            <DateField value={values.issueDate} onChange={(v) => set('issueDate', v)} />
          </LabeledField>
          <LabeledField name="firstPaymentDate" label="首次付息日" error={errors.firstPaymentDate} hint="选填；首期不足一年时填写，不填则每年发行日对应日付息">
            <DateField value={values.firstPaymentDate} onChange={(v) => set('firstPaymentDate', v)} min={values.issueDate || null} />
          </LabeledField>
          <LabeledField name="docNo" label="发行文号" error={errors.docNo}>
            <Input value={values.docNo} maxlength={64} allowInputOverMax showLimitNumber placeholder="选填" onChange={(v) => set('docNo', String(v))} />
          </LabeledField>
        </div>
        <LabeledField name="repaymentType" label="还本付息方式" required error={errors.repaymentType}>
          <Radio.Group value={values.repaymentType} onChange={(v) => set('repaymentType', v as TRepaymentType)}>
            {REPAYMENT_TYPE_CODES.map((t) => (
              <Radio key={t} value={t}>
                {REPAYMENT_TYPES[t]}
              </Radio>
            ))}
          </Radio.Group>
        </LabeledField>
        <LabeledField name="note" label="备注" error={errors.note}>
          <Textarea value={values.note} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => set('note', String(v))} />
        </LabeledField>
        {preview && (
          <div className="lr-muted" data-testid="bond-schedule-preview">
            {preview}
          </div>
        )}
      </Form>
    </Dialog>
  );
}
