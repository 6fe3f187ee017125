'use client';
import { useState } from 'react';
import { Dialog, Form, Input, MessagePlugin, Select, Textarea } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { dec, formatWan, formatYuan } from '@/modules/plans/amounts';
import { bondShareCheck, parseAmount, subtractAmounts, toAmount } from '../../rules';
import { allocateToProjectAction, updateAllocationAction } from '../actions';
import type { BondAllocationView, BondProjectOption } from '../queries';
import { N45_PROJECT_RULE, ZAllocateToProject, ZUpdateAllocation } from '../validation';

/** Why a project cannot hold bond money (N45), or null. */
function ineligibility(p: BondProjectOption): string | null {
  const missing = [p.inPlan ? null : '未纳入储备计划', p.nationalCode ? null : '无国家系统项目编码'].filter(Boolean);
  return missing.length ? missing.join('、') : null;
}

/**
 * Allocate bond money to a project (allocation = null), or change an allocation. Shows the
 * bond's unallocated money and the project's headroom under the centre's cap; the server checks
 * both again under lock, and the coverage of the project's principal and interest (62号).
 */
export function AllocationDialog(props: {
  bond: { id: string; code: string; amount: string; allocated: string; issueDate: string };
  allocation: BondAllocationView | null;
  projects: BondProjectOption[];
  /** Projects already holding money from this bond (one allocation per bond and project). */
  takenProjectIds: string[];
  limitPercent: string;
  /** The cap's citation, 本中心规定（待核实）until confirmed. */
  shareRule: string;
  onClose: () => void;
}) {
  const { allocation, bond } = props;
  const editing = allocation !== null;
  const [projectId, setProjectId] = useState(allocation?.projectId ?? '');
  const [amount, setAmount] = useState(allocation ? allocation.amount : '');
  const [allocatedOn, setAllocatedOn] = useState(allocation?.allocatedOn ?? '');
  const [note, setNote] = useState(allocation?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const taken = new Set(props.takenProjectIds);
  const own = allocation ? allocation.amount : '0';
  // What this bond still has for this allocation: unallocated plus what the allocation already holds.
  const bondLeft = toAmount(dec(subtractAmounts(bond.amount, bond.allocated)).plus(dec(own)));
  const project = props.projects.find((p) => p.id === projectId) ?? null;
  const expectedIncome = project?.expectedIncome ?? allocation?.expectedIncome ?? '0';
  const otherBondMoney = project ? subtractAmounts(project.bondAllocated, own) : allocation ? subtractAmounts(allocation.checks.debt.allocated, own) : '0';
  const ceiling = bondShareCheck({ expectedIncome, bondAllocated: '0', limitPercent: props.limitPercent }).limit;
  const projectRoom = dec(ceiling).minus(dec(otherBondMoney));
  const projectLeft = toAmount(projectRoom.isNegative() ? dec(0) : projectRoom);
  const parsed = parseAmount(amount, { label: '分配金额' });

  const submit = async () => {
    const input = editing ? { id: allocation.id, amount, allocatedOn, note } : { bondId: bond.id, projectId, amount, allocatedOn, note };
    const check = editing ? ZUpdateAllocation.safeParse(input) : ZAllocateToProject.safeParse(input);
    if (!check.success) {
      const described = describeZodError(check.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(
      () => (editing ? updateAllocationAction(input) : allocateToProjectAction(input)),
      editing ? '分配已调整' : '已分配专项债券资金',
      setErrors,
    );
    if (res?.ok) props.onClose();
  };

  const options = props.projects.map((p) => {
    const why = ineligibility(p);
    const note = why ?? (taken.has(p.id) ? '已分配本债券' : null);
    return { value: p.id, label: `${p.code} ${p.name}${note ? `（${note}）` : ''}`, disabled: note !== null };
  });

  return (
    <Dialog
      visible
      header={editing ? `调整分配：${allocation.projectCode} ${allocation.projectName}` : `分配债券资金：${bond.code}`}
      width={640}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="allocation-form">
        {!editing && (
          <LabeledField name="projectId" label="项目" required error={errors.projectId} hint={N45_PROJECT_RULE}>
            <Select value={projectId || undefined} placeholder="请选择实施中的项目" filterable options={options} onChange={(v) => setProjectId(typeof v === 'string' ? v : '')} />
          </LabeledField>
        )}
        <LabeledField
          name="amount"
          label="分配金额"
          required
          error={errors.amount}
          hint={amount.trim() && parsed.ok ? `= ${formatWan(parsed.value)} 万元（${formatYuan(parsed.value)} 元）` : '单位：元，最多两位小数'}
        >
          <Input value={amount} maxlength={22} suffix="元" onChange={(v) => setAmount(String(v))} />
        </LabeledField>
        <LabeledField name="allocatedOn" label="分配日期" required error={errors.allocatedOn} hint={`不早于发行日期 ${bond.issueDate}`}>
          <DateField value={allocatedOn} onChange={setAllocatedOn} min={bond.issueDate} />
        </LabeledField>
        <LabeledField name="note" label="备注" error={errors.note}>
          <Textarea value={note} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => setNote(String(v))} />
        </LabeledField>
        <div className="lr-muted" data-testid="allocation-headroom">
          <div>本债券尚可分配：{formatWan(bondLeft)} 万元</div>
          {(project || editing) && (
            <div>
              项目预计出让收入 {formatWan(expectedIncome)} 万元，{props.limitPercent}% 上限（{props.shareRule}）{formatWan(ceiling)} 万元；已安排其他专项债券 {formatWan(otherBondMoney)} 万元，本次最多可安排 {formatWan(projectLeft)} 万元
            </div>
          )}
        </div>
      </Form>
    </Dialog>
  );
}
