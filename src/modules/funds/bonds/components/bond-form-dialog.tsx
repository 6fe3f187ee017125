'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Dialog, Form, Input, MessagePlugin, Radio, Select, Textarea } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { formatWan, formatYuan } from '@/modules/plans/amounts';
import {
  BOND_TENORS,
  COUPON_FREQUENCIES,
  couponsPerYearFor,
  generateSchedule,
  maturityDate,
  parseAmount,
  parsePrincipalPercents,
  REPAYMENT_TYPES,
  scheduleTotals,
  type TRepaymentType,
} from '../../rules';
import { createBondAction, updateBondAction } from '../actions';
import { BOND_CODE_RULE, DEFAULT_ISSUER, PRINCIPAL_PERCENTS_RULE, RATE_RULE, REPAYMENT_TYPE_CODES, ZCreateBond, ZUpdateBond } from '../validation';

export interface BondFormValues {
  code: string;
  name: string;
  issuer: string;
  /** 元 */
  amount: string;
  /** Percent. */
  annualRate: string;
  termYears: string;
  issueDate: string;
  repaymentType: TRepaymentType;
  /** amortizing: the yearly percentages as typed, '0,0,20,…'. */
  principalPercents: string;
  docNo: string;
  note: string;
}

export type BondDialogMode = { kind: 'create' } | { kind: 'edit'; id: string; version: number; values: BondFormValues };

const EMPTY: BondFormValues = {
  code: '',
  name: '',
  issuer: DEFAULT_ISSUER,
  amount: '',
  annualRate: '',
  termYears: '',
  issueDate: '',
  repaymentType: 'bullet',
  principalPercents: '',
  docNo: '',
  note: '',
};

function amountHint(raw: string): string {
  const parsed = parseAmount(raw, { label: '债券金额' });
  if (raw.trim() === '' || !parsed.ok) return '单位：元，最多两位小数';
  return `= ${formatWan(parsed.value)} 万元（${formatYuan(parsed.value)} 元）`;
}

/** What the schedule will look like, from the same rules the server uses. */
function schedulePreview(v: BondFormValues, annualCouponMaxYears: number): string | null {
  const amount = parseAmount(v.amount, { label: '债券金额' });
  const years = Number(v.termYears);
  if (!amount.ok || !/^\d+$/.test(v.termYears.trim()) || !v.issueDate || !v.annualRate.trim()) return null;
  const couponsPerYear = couponsPerYearFor(years, annualCouponMaxYears);
  const res = generateSchedule({
    amount: amount.value,
    annualRatePercent: v.annualRate.trim().replace(/[%％]$/, ''),
    termYears: years,
    issueDate: v.issueDate,
    couponsPerYear,
    repaymentType: v.repaymentType,
    principalPercents: v.repaymentType === 'amortizing' ? parsePrincipalPercents(v.principalPercents) : null,
  });
  if (!res.ok) return res.message;
  const totals = scheduleTotals(res.rows);
  return `${COUPON_FREQUENCIES[couponsPerYear]}，将生成还本付息计划 ${res.rows.length} 期，到期日 ${maturityDate(v.issueDate, years)}，利息合计 ${formatYuan(totals.interest)} 元，本息合计 ${formatYuan(totals.total)} 元`;
}

/** Create a bond, or change its terms while no payment is recorded (the schedule is regenerated). */
export function BondFormDialog(props: { mode: BondDialogMode; annualCouponMaxYears: number; onClose: () => void }) {
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
    // Percentages belong to principal by instalments only.
    const terms = { ...values, principalPercents: values.repaymentType === 'amortizing' ? values.principalPercents : '' };
    const input = mode.kind === 'edit' ? { ...terms, id: mode.id, version: mode.version } : terms;
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

  const preview = schedulePreview(values, props.annualCouponMaxYears);
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
          <LabeledField name="issuer" label="发行主体" required error={errors.issuer} hint="省级政府代市县发行">
            <Input value={values.issuer} maxlength={40} onChange={(v) => set('issuer', String(v))} />
          </LabeledField>
          <LabeledField name="amount" label="发行金额" required error={errors.amount} hint={amountHint(values.amount)}>
            <Input value={values.amount} maxlength={22} suffix="元" onChange={(v) => set('amount', String(v))} />
          </LabeledField>
          <LabeledField name="annualRate" label="票面年利率" required error={errors.annualRate} hint={RATE_RULE}>
            <Input value={values.annualRate} maxlength={10} suffix="%" placeholder="如：2.05" onChange={(v) => set('annualRate', String(v))} />
          </LabeledField>
          <LabeledField
            name="termYears"
            label="期限"
            required
            error={errors.termYears}
            hint={`${props.annualCouponMaxYears} 年期及以下按年付息，以上每半年付息（系统参数）`}
          >
            <Select
              value={values.termYears ? Number(values.termYears) : undefined}
              placeholder="请选择期限"
              options={BOND_TENORS.map((y) => ({ value: y, label: `${y} 年` }))}
              onChange={(v) => set('termYears', v === undefined || v === null ? '' : String(v))}
            />
          </LabeledField>
          <LabeledField name="issueDate" label="发行日期（起息日）" required error={errors.issueDate}>
            <DateField value={values.issueDate} onChange={(v) => set('issueDate', v)} />
          </LabeledField>
          <LabeledField name="docNo" label="发行文号" error={errors.docNo}>
            <Input value={values.docNo} maxlength={64} allowInputOverMax showLimitNumber placeholder="选填" onChange={(v) => set('docNo', String(v))} />
          </LabeledField>
        </div>
        <LabeledField name="repaymentType" label="还本方式" required error={errors.repaymentType}>
          <Radio.Group value={values.repaymentType} onChange={(v) => set('repaymentType', v as TRepaymentType)}>
            {REPAYMENT_TYPE_CODES.map((t) => (
              <Radio key={t} value={t}>
                {REPAYMENT_TYPES[t]}
              </Radio>
            ))}
          </Radio.Group>
        </LabeledField>
        {values.repaymentType === 'amortizing' && (
          <LabeledField name="principalPercents" label="分年还本比例（%）" required error={errors.principalPercents} hint={PRINCIPAL_PERCENTS_RULE}>
            <Input
              value={values.principalPercents}
              maxlength={200}
              placeholder="如 10 年期第 6–10 年各还 20%：0,0,0,0,0,20,20,20,20,20"
              onChange={(v) => set('principalPercents', String(v))}
            />
          </LabeledField>
        )}
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
