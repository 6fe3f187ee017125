'use client';
import { useMemo, useState } from 'react';
import { Alert, Dialog, Form, Input, MessagePlugin, Radio, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { formatWan, formatYuan, yuanToWan } from '@/modules/plans/amounts';
import { LEDGER_CATEGORIES, type TLedgerCategory } from '../../rules';
import { saveBudgetAction } from '../actions';
import { annualOverLife, budgetTotal } from '../rules';
import { BUDGET_UNIT_LABELS, BUDGET_UNITS, budgetScopeLabel, parseBudgetAmount, type BudgetAmounts, type TBudgetKind, type TBudgetUnit } from '../validation';
import type { BudgetVersionView } from '../view';

type Texts = Record<TLedgerCategory, string>;

function textsFrom(amounts: BudgetAmounts | null, unit: TBudgetUnit): Texts {
  return Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, amounts ? (unit === 'wan' ? yuanToWan(amounts[c]) : amounts[c]) : ''])) as Texts;
}

/** The typed amounts in 元, or null while any of them is not a valid amount. */
function parsedAmounts(texts: Texts, unit: TBudgetUnit): BudgetAmounts | null {
  const out = {} as BudgetAmounts;
  for (const c of LEDGER_CATEGORIES) {
    const r = parseBudgetAmount(texts[c], unit, c);
    if (!r.ok) return null;
    out[c] = r.value;
  }
  return out;
}

/**
 * 编制 (first version) or 调整 (a new version with reason and approval) of one budget of a
 * project: five category amounts, in 元 or 万元. Shows the total and, before saving, whether the
 * annual budgets would add up to more than the life budget in some category.
 */
export function BudgetFormDialog(props: {
  projectId: string;
  projectName: string;
  kind: TBudgetKind;
  year: number;
  current: BudgetVersionView | null;
  /** The current life budget (for the warning preview of an annual budget). */
  life: BudgetAmounts | null;
  /** Current annual budgets of every year (the one being edited is replaced by the draft). */
  annual: { year: number; amounts: BudgetAmounts }[];
  onClose: () => void;
}) {
  const { kind, year, current } = props;
  const adjusting = current !== null;
  const scope = budgetScopeLabel(kind, year);
  const [unit, setUnit] = useState<TBudgetUnit>('wan');
  const [texts, setTexts] = useState<Texts>(() => textsFrom(current?.amounts ?? null, 'wan'));
  const [reason, setReason] = useState('');
  const [approvalDocNo, setApprovalDocNo] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const amounts = useMemo(() => parsedAmounts(texts, unit), [texts, unit]);
  const total = amounts ? budgetTotal(amounts) : null;
  const warnings = useMemo(() => {
    if (!amounts) return [];
    if (kind === 'life') return annualOverLife(amounts, props.annual);
    return annualOverLife(props.life, [...props.annual.filter((a) => a.year !== year), { year, amounts }]);
  }, [amounts, kind, year, props.annual, props.life]);

  const switchUnit = (next: TBudgetUnit) => {
    // Convert what was typed, so switching the unit never changes an amount.
    const inYuan = parsedAmounts(texts, unit);
    if (inYuan) setTexts(textsFrom(inYuan, next));
    setUnit(next);
  };

  const setAmount = (c: TLedgerCategory, v: string) => {
    setTexts((t) => ({ ...t, [c]: v }));
    setErrors((e) => ({ ...e, [`amounts.${c}`]: '' }));
  };

  const submit = async () => {
    const input = { projectId: props.projectId, kind, year: kind === 'annual' ? year : null, baseVersion: current?.version ?? 0, unit, amounts: texts, reason, approvalDocNo, approvedOn };
    const res = await run(() => saveBudgetAction(input), adjusting ? `${scope}已调整为第 ${(current?.version ?? 0) + 1} 版` : `${scope}已编制`, setErrors);
    if (res?.ok) {
      for (const w of res.data.warnings) void MessagePlugin.warning({ content: w, duration: 8000 });
      props.onClose();
    }
  };

  const unitLabel = BUDGET_UNIT_LABELS[unit];
  return (
    <Dialog
      visible
      header={adjusting ? `调整${scope}：${props.projectName}（现行第 ${current.version} 版）` : `编制${scope}：${props.projectName}`}
      width={720}
      confirmBtn={{ content: adjusting ? '保存为新版本' : '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="budget-form">
        {adjusting && (
          <Alert
            theme="info"
            style={{ marginBottom: 12 }}
            message={`保存后生成第 ${current.version + 1} 版，第 ${current.version} 版转为历史版本并保留。预算调整须说明原因并填写批准文号和批准日期。`}
          />
        )}
        <LabeledField name="unit" label="金额单位" required hint={`下列金额均以「${unitLabel}」填写；保存时按元精确到分存储`}>
          <Radio.Group value={unit} onChange={(v) => switchUnit(v as TBudgetUnit)}>
            {BUDGET_UNITS.map((u) => (
              <Radio.Button key={u} value={u}>
                {BUDGET_UNIT_LABELS[u]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </LabeledField>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {LEDGER_CATEGORIES.map((c) => (
            <LabeledField
              key={c}
              name={`amounts.${c}`}
              label={`${c}（${unitLabel}）`}
              error={errors[`amounts.${c}`]}
              hint={current ? `现行：${formatWan(current.amounts[c])} 万元` : '不填视为 0'}
            >
              <Input value={texts[c]} onChange={(v) => setAmount(c, String(v))} suffix={unitLabel} placeholder="0" />
            </LabeledField>
          ))}
          <div style={{ alignSelf: 'center' }} data-testid="budget-form-total">
            <div className="lr-muted">合计</div>
            {total === null ? (
              <span className="lr-muted">请先更正有误的金额</span>
            ) : (
              <strong>
                {formatWan(total)} 万元（{formatYuan(total)} 元）
              </strong>
            )}
          </div>
        </div>
        <LabeledField name="reason" label={adjusting ? '调整原因' : '编制说明（选填）'} required={adjusting} error={errors.reason}>
          <Textarea value={reason} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 5 }} onChange={(v) => setReason(String(v))} />
        </LabeledField>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="approvalDocNo" label="批准文号" required={adjusting} error={errors.approvalDocNo} hint={adjusting ? undefined : '选填，如：益财预〔2025〕18号'}>
            <Input value={approvalDocNo} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => setApprovalDocNo(String(v))} />
          </LabeledField>
          <LabeledField name="approvedOn" label="批准日期" required={adjusting} error={errors.approvedOn} hint="格式 YYYY-MM-DD">
            <DateField value={approvedOn} onChange={setApprovedOn} />
          </LabeledField>
        </div>
        {warnings.length > 0 && (
          <Alert
            theme="warning"
            title="年度预算合计超过全生命周期预算（不影响保存）"
            message={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {warnings.map((w) => (
                  <li key={w.category}>{w.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </Form>
    </Dialog>
  );
}
