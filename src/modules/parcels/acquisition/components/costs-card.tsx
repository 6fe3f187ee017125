'use client';
import { useState } from 'react';
import { Button, Card, Dialog, Form, Input, Popconfirm, Select, Space } from 'tdesign-react';
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

/**
 * 收储费用: taxes, fees, appraisal and contingency of the parcel's acquisition. Owed to no
 * compensated party, so kept apart from the agreements and not counted in 补偿到位.
 */
export function CostsCard(props: { parcelId: string; costs: ParcelCostView[]; total: string; editable: boolean; rule: string }) {
  const [editing, setEditing] = useState<{ cost: ParcelCostView | null } | null>(null);
  const { run } = useRunAction();
  const row = { display: 'grid', gridTemplateColumns: '140px 160px minmax(0, 1fr) 120px', gap: 16, padding: '4px 0', alignItems: 'center' } as const;
  return (
    <Card
      title="收储费用（税费、评估费、不可预见费）"
      bordered={false}
      actions={
        props.editable && (
          <Button icon={<AddIcon />} variant="outline" onClick={() => setEditing({ cost: null })}>
            新增费用
          </Button>
        )
      }
    >
      <div className="lr-muted" style={{ fontSize: 12, marginBottom: 8 }}>
        {props.rule}
      </div>
      {props.costs.length === 0 ? (
        <div className="lr-muted">尚未登记收储费用。</div>
      ) : (
        <div role="table" aria-label="收储费用" data-testid="parcel-costs" style={{ maxWidth: 860 }}>
          <div role="row" className="lr-muted" style={{ ...row, fontSize: 13 }}>
            <span role="columnheader">费用类别</span>
            <span role="columnheader" style={{ textAlign: 'right' }}>
              金额（元）
            </span>
            <span role="columnheader">说明</span>
            <span role="columnheader" />
          </div>
          {props.costs.map((c) => (
            <div role="row" key={c.id} style={row}>
              <span role="cell" style={{ whiteSpace: 'nowrap' }}>
                {c.category}
              </span>
              <span role="cell" style={{ textAlign: 'right' }}>
                {formatYuan(c.amount)}
              </span>
              <span role="cell">{c.note ?? ''}</span>
              <span role="cell">
                {props.editable && (
                  <Space size={0}>
                    <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ cost: c })}>
                      编辑
                    </Button>
                    <Popconfirm content={`删除${c.category} ${formatYuan(c.amount)} 元？`} theme="danger" onConfirm={() => run(() => deleteParcelCostAction({ id: c.id }), `已删除${c.category}`)}>
                      <Button size="small" variant="text" theme="danger">
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </span>
            </div>
          ))}
          <div role="row" style={{ ...row, fontWeight: 600, borderTop: '1px solid var(--td-component-stroke)' }}>
            <span role="cell">合计</span>
            <span role="cell" style={{ textAlign: 'right' }}>
              {formatYuan(props.total)}
            </span>
            <span role="cell" />
            <span role="cell" />
          </div>
        </div>
      )}
      {editing && <CostDialog parcelId={props.parcelId} cost={editing.cost} onClose={() => setEditing(null)} />}
    </Card>
  );
}
