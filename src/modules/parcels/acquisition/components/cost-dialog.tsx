'use client';
import { useState } from 'react';
import { Button, Dialog, Form, Input, Popconfirm, Select } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { ACQUISITION_COST_CATEGORIES } from '../../stages';
import { createParcelCostAction, deleteParcelCostAction, updateParcelCostAction } from '../actions';
import { ZCreateParcelCost, ZUpdateParcelCost } from '../cost-validation';
import { formatYuan } from '../fields';
import type { ParcelCostView } from '../queries';

function CostDialog(props: { parcelId: string; cost: ParcelCostView | null; onClose: () => void }) {
  const { cost } = props;
  const [v, setV] = useState({ category: cost?.category ?? '', amount: cost?.amount ?? '', note: cost?.note ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = (key: keyof typeof v) => (value: unknown) => {
    setV((old) => ({ ...old, [key]: value === undefined || value === null ? '' : String(value) }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const submit = async () => {
    const input = cost ? { id: cost.id, ...v } : { parcelId: props.parcelId, ...v };
    const parsed = cost ? ZUpdateParcelCost.safeParse(input) : ZCreateParcelCost.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const res = await run(() => (cost ? updateParcelCostAction(input) : createParcelCostAction(input)), cost ? `已保存${v.category}` : `已登记${v.category}`, setErrors);
    if (res?.ok) props.onClose();
  };
  return (
    <Dialog
      visible
      header={cost ? '修改收储费用' : '新增收储费用'}
      width={520}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        <LabeledField name="category" label="费用类别" required error={errors.category}>
          <Select value={v.category || undefined} placeholder="请选择费用类别" options={ACQUISITION_COST_CATEGORIES.map((c) => ({ label: c, value: c }))} onChange={set('category')} />
        </LabeledField>
        <LabeledField name="amount" label="金额（元）" required error={errors.amount}>
          <Input value={v.amount} onChange={set('amount')} placeholder="例如 86000.00" />
        </LabeledField>
        <LabeledField name="note" label="说明" error={errors.note}>
          <Input value={v.note} onChange={set('note')} maxlength={200} allowInputOverMax showLimitNumber placeholder="如 缴款书号、计费依据" />
        </LabeledField>
      </Form>
    </Dialog>
  );
}

/** 新增费用: the cost dialog is the island. */
export function AddCostButton({ parcelId }: { parcelId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AddIcon />} variant="outline" onClick={() => setOpen(true)}>
        新增费用
      </Button>
      {open && <CostDialog parcelId={parcelId} cost={null} onClose={() => setOpen(false)} />}
    </>
  );
}

/** A cost row's 编辑 / 删除. */
export function CostRowActions({ parcelId, cost }: { parcelId: string; cost: ParcelCostView }) {
  const [open, setOpen] = useState(false);
  const { run } = useRunAction();
  return (
    <>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
        编辑
      </Button>
      <Popconfirm content={`删除${cost.category} ${formatYuan(cost.amount)} 元？`} theme="danger" onConfirm={() => run(() => deleteParcelCostAction({ id: cost.id }), `已删除${cost.category}`)}>
        <Button size="small" variant="text" theme="danger">
          删除
        </Button>
      </Popconfirm>
      {open && <CostDialog parcelId={parcelId} cost={cost} onClose={() => setOpen(false)} />}
    </>
  );
}
