'use client';
import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { Alert, Button, Divider, Form, Input, Select, Space, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { describeZodError } from '@/platform/validation';
import { FUND_SOURCES, sourceOfIncomeCategory, TREASURY_INCOME_NOTE } from '../../rules';
import { createEntryAction, updateEntryAction } from '../actions';
import { CATEGORIES_BY_DIRECTION, DESCRIPTION_MAX, DIRECTION_LABELS, DIRECTIONS, isTreasuryIncome, TEXT_MAX, ZCreateEntry, ZUpdateEntry, type TDirection } from '../validation';
import type { AccountOptionView, EntryFormValues } from '../view';

/** An effective contract a payment can be linked to (合同台账), with what is left of it. */
export interface ContractPaymentOption {
  value: string;
  contractNo: string;
  label: string;
  projectId: string | null;
  counterparty: string;
  /** Remaining amount in 元 (effective − paid − in approval), grouped for display. */
  remainingText: string;
}

/**
 * The values after choosing a direction or category: an income's source is its category's F18
 * channel (none for 零星收入, which takes no account either); an account of another source is dropped.
 */
function withCategory(cur: EntryFormValues, direction: TDirection, category: string, accounts: AccountOptionView[]): EntryFormValues {
  const next = { ...cur, direction, category };
  if (direction !== 'income') return next;
  // A payment under a contract is an expense: an income takes none.
  next.contractId = '';
  if (isTreasuryIncome(next)) return { ...next, sourceCode: '', accountId: '' };
  const sourceCode = sourceOfIncomeCategory(category) ?? '';
  const account = accounts.find((a) => a.value === cur.accountId);
  return { ...next, sourceCode, accountId: account && sourceCode && account.sourceCode !== sourceCode ? '' : cur.accountId };
}

function Grid({ children }: { children: ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', columnGap: 24 }}>{children}</div>;
}

/**
 * 新增收支 (entry = null) and 修改收支 (a draft or returned entry of its creator). The same zod
 * schema as the server runs first; the server re-checks project, parcel and account. The parcel
 * list follows the chosen project, the account list the chosen source. An entry another module
 * posted (征收补偿登记, 专项债券还本付息登记) keeps its direction, amount, category, project and parcel.
 */
export function EntryForm(props: {
  entry: { id: string; version: number; entryNo: string; posted: { from: string; correction: string } | null } | null;
  initial: EntryFormValues;
  projects: { value: string; label: string; closed: boolean }[];
  parcels: { value: string; label: string; projectId: string }[];
  accounts: AccountOptionView[];
  /** Effective contracts (the picker shows those of the chosen project). */
  contracts?: ContractPaymentOption[];
  today: string;
}) {
  const router = useRouter();
  const editing = props.entry;
  const posted = editing?.posted ?? null;
  const fixed = posted !== null;
  const [values, setValues] = useState<EntryFormValues>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const set = <K extends keyof EntryFormValues>(key: K, value: EntryFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const text = (key: 'amount' | 'contractNo' | 'voucherNo' | 'counterparty', opts: { max: number; placeholder?: string; disabled?: boolean }) => (
    <Input value={values[key]} maxlength={opts.max} placeholder={opts.placeholder} disabled={opts.disabled} onChange={(v) => set(key, String(v))} />
  );

  const project = props.projects.find((p) => p.value === values.projectId);
  const parcels = props.parcels.filter((p) => p.projectId === values.projectId);
  const accounts = props.accounts.filter((a) => (a.active || a.value === values.accountId) && (!values.sourceCode || a.sourceCode === values.sourceCode));
  const income = values.direction === 'income';
  const contractOptions = (props.contracts ?? []).filter((c) => c.value === values.contractId || !c.projectId || c.projectId === values.projectId);
  const contract = (props.contracts ?? []).find((c) => c.value === values.contractId);
  const treasury = isTreasuryIncome(values);

  const save = async (submit: boolean) => {
    const input = editing ? { ...values, id: editing.id, version: editing.version } : { ...values, submit };
    const parsed = editing ? ZUpdateEntry.safeParse(input) : ZCreateEntry.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run<{ id: string }>(
      () => (editing ? updateEntryAction(input) : createEntryAction(input)),
      editing ? `已保存 ${editing.entryNo}` : submit ? '已登记并提交科室审核' : '已保存为草稿',
      setErrors,
    );
    if (res?.ok) router.push(`/funds/ledger/${res.data.id}`);
  };

  return (
    <>
      {posted && (
        <Alert theme="info" style={{ marginBottom: 16 }} message={`本记录由${posted.from}自动生成：收支方向、金额、科目、项目和地块不能在此修改。${posted.correction}。`} />
      )}
      <Form labelAlign="top" onSubmit={() => void save(false)} preventSubmitDefault>
        <Divider align="left">收支信息</Divider>
        <Grid>
          <LabeledField name="direction" label="收支方向" required error={errors.direction}>
            <Select
              value={values.direction}
              disabled={fixed}
              options={DIRECTIONS.map((d) => ({ label: DIRECTION_LABELS[d], value: d }))}
              onChange={(v) => {
                const direction = (v as TDirection) || 'expense';
                setValues((cur) => withCategory(cur, direction, CATEGORIES_BY_DIRECTION[direction].includes(cur.category) ? cur.category : '', props.accounts));
              }}
            />
          </LabeledField>
          <LabeledField name="entryDate" label="发生日期" required error={errors.entryDate} hint={`不能晚于今天（${props.today}）`}>
            <DateField value={values.entryDate} onChange={(v) => set('entryDate', v)} notFuture />
          </LabeledField>
          <LabeledField name="amount" label="金额（元）" required error={errors.amount} hint="大于 0，最多两位小数">
            {text('amount', { max: 24, placeholder: '如 125000.00', disabled: fixed })}
          </LabeledField>
          <LabeledField name="category" label="科目" required error={errors.category}>
            <Select
              value={values.category || undefined}
              disabled={fixed}
              placeholder={values.direction === 'income' ? '收入科目' : '支出科目'}
              options={CATEGORIES_BY_DIRECTION[values.direction].map((c) => ({ label: c, value: c }))}
              onChange={(v) => {
                setValues((cur) => withCategory(cur, cur.direction, typeof v === 'string' ? v : '', props.accounts));
                setErrors((e) => ({ ...e, category: '', sourceCode: '', accountId: '' }));
              }}
            />
          </LabeledField>
        </Grid>
        <Divider align="left">项目与资金来源</Divider>
        <Grid>
          <LabeledField name="projectId" label="项目" required error={errors.projectId ?? (project?.closed && values.direction === 'expense' ? '项目已关闭，不能登记支出' : undefined)}>
            <Select
              value={values.projectId || undefined}
              disabled={fixed}
              filterable
              placeholder="请选择储备项目"
              // Open projects first; a closed one takes no spending, so it cannot be chosen for an expense.
              options={[...props.projects]
                .sort((a, b) => Number(a.closed) - Number(b.closed))
                .map((p) => ({ value: p.value, label: p.closed ? `${p.label}（已关闭）` : p.label, disabled: p.closed && values.direction === 'expense' }))}
              onChange={(v) =>
                setValues((cur) => {
                  const projectId = typeof v === 'string' ? v : '';
                  const keep = (props.contracts ?? []).find((c) => c.value === cur.contractId && (!c.projectId || c.projectId === projectId));
                  return { ...cur, projectId, parcelId: '', contractId: keep ? cur.contractId : '' };
                })
              }
            />
          </LabeledField>
          <LabeledField name="parcelId" label="地块" error={errors.parcelId} hint={values.projectId ? '选填，只列出所选项目的地块' : '先选择项目'}>
            <Select
              value={values.parcelId || undefined}
              disabled={fixed || !values.projectId}
              clearable
              filterable
              placeholder="不指定地块"
              options={parcels.map((p) => ({ value: p.value, label: p.label }))}
              onChange={(v) => set('parcelId', typeof v === 'string' ? v : '')}
            />
          </LabeledField>
          <LabeledField
            name="sourceCode"
            label="资金来源"
            error={errors.sourceCode}
            hint={treasury ? TREASURY_INCOME_NOTE : income ? '收入的资金来源即所选收入科目' : '可留空，由财务审批时按账户确定'}
          >
            <Select
              value={values.sourceCode || undefined}
              disabled={income}
              clearable
              placeholder={treasury ? '不属于土地储备资金' : income ? '按收入科目确定' : '待财务选定'}
              options={FUND_SOURCES.map((s) => ({ value: s.code, label: s.name }))}
              onChange={(v) => {
                const sourceCode = typeof v === 'string' ? v : '';
                setValues((cur) => {
                  const account = props.accounts.find((a) => a.value === cur.accountId);
                  return { ...cur, sourceCode, accountId: account && sourceCode && account.sourceCode !== sourceCode ? '' : cur.accountId };
                });
                setErrors((e) => ({ ...e, sourceCode: '', accountId: '' }));
              }}
            />
          </LabeledField>
          <LabeledField name="accountId" label="资金账户" error={errors.accountId} hint={treasury ? '缴入国库，不选择资金账户' : '可留空，由财务审批时选定'}>
            <Select
              value={values.accountId || undefined}
              disabled={treasury}
              clearable
              filterable
              placeholder="待财务选定"
              options={accounts.map((a) => ({ value: a.value, label: a.label }))}
              onChange={(v) => {
                const accountId = typeof v === 'string' ? v : '';
                const account = props.accounts.find((a) => a.value === accountId);
                setValues((cur) => ({ ...cur, accountId, sourceCode: cur.sourceCode || account?.sourceCode || '' }));
                setErrors((e) => ({ ...e, accountId: '' }));
              }}
            />
          </LabeledField>
        </Grid>
        <Divider align="left">凭证与说明</Divider>
        <Grid>
          <LabeledField name="counterparty" label={values.direction === 'income' ? '付款单位' : '收款单位'} error={errors.counterparty}>
            {text('counterparty', { max: TEXT_MAX })}
          </LabeledField>
          <LabeledField name="voucherNo" label="凭证号" error={errors.voucherNo}>
            {text('voucherNo', { max: TEXT_MAX, placeholder: '如 记-2025-0031' })}
          </LabeledField>
          <LabeledField
            name="contractId"
            label="合同"
            error={errors.contractId}
            hint={
              income
                ? '收入不关联合同'
                : contract
                  ? `剩余可付 ${contract.remainingText} 元（合同金额含已批准变更，减已付和审批中）；提交时超出即被拒绝`
                  : '合同付款请选择合同（合同台账中生效的合同），审批后计入合同已付'
            }
          >
            <Select
              value={values.contractId || undefined}
              disabled={income || !values.projectId}
              clearable
              filterable
              placeholder={values.projectId ? '不关联合同' : '先选择项目'}
              options={contractOptions.map((c) => ({ value: c.value, label: c.label }))}
              onChange={(v) => {
                const contractId = typeof v === 'string' ? v : '';
                const chosen = (props.contracts ?? []).find((c) => c.value === contractId);
                setValues((cur) => ({
                  ...cur,
                  contractId,
                  contractNo: chosen ? chosen.contractNo : cur.contractId ? '' : cur.contractNo,
                  counterparty: chosen && !cur.counterparty ? chosen.counterparty : cur.counterparty,
                }));
                setErrors((e) => ({ ...e, contractId: '', contractNo: '' }));
              }}
            />
          </LabeledField>
          <LabeledField name="contractNo" label="合同编号" error={errors.contractNo} hint={contract ? '取自所选合同' : '未登记在合同台账的合同，可只填编号'}>
            {text('contractNo', { max: TEXT_MAX, disabled: Boolean(contract) })}
          </LabeledField>
        </Grid>
        {/* Clear of the hint under the last row of the grid above (TDesign draws hints below the field). */}
        <div style={{ marginTop: 12 }}>
          <LabeledField name="description" label="摘要说明" error={errors.description}>
            <Textarea value={values.description} maxlength={DESCRIPTION_MAX} allowInputOverMax autosize={{ minRows: 2, maxRows: 6 }} onChange={(v) => set('description', String(v))} />
          </LabeledField>
        </div>
        <Space style={{ marginTop: 16 }}>
          {editing ? (
            <Button type="submit" theme="primary" loading={busy}>
              保存
            </Button>
          ) : (
            <>
              <Button theme="primary" loading={busy} onClick={() => void save(true)}>
                保存并提交
              </Button>
              <Button type="submit" variant="outline" loading={busy}>
                保存草稿
              </Button>
            </>
          )}
          <Button variant="outline" onClick={() => router.back()}>
            取消
          </Button>
        </Space>
        <p className="lr-muted" style={{ margin: '12px 0 0', fontSize: 13 }}>
          提交后依次由科室负责人审核、财务审批；金额超过设定额度的还须中心领导审批。只有已审批的记录计入余额。
        </p>
      </Form>
    </>
  );
}
