import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import type { ParcelCostView } from '../queries';
import { AddCostButton, CostRowActions } from './cost-dialog';

/**
 * 收储费用: taxes, fees, appraisal and contingency of the parcel's acquisition, rendered on the
 * server (amounts in 元, as on the payment notices). Owed to no compensated party, so kept apart
 * from the agreements and not counted in 补偿到位. The dialogs and row actions are islands.
 */
export function CostsCard(props: { parcelId: string; costs: ParcelCostView[]; total: string; editable: boolean; rule: string }) {
  const columns: Column<ParcelCostView>[] = [
    { key: 'category', title: '费用类别', kind: 'text', width: 160, value: (c) => c.category },
    { key: 'amount', title: '金额', kind: 'money', width: 160, value: (c) => c.amount },
    { key: 'note', title: '说明', kind: 'name', value: (c) => c.note },
    ...(props.editable ? [{ key: 'op', title: '操作', kind: 'actions' as const, width: 120, render: (c: ParcelCostView) => <CostRowActions parcelId={props.parcelId} cost={c} /> }] : []),
  ];
  return (
    <KitCard title="收储费用（税费、评估费、不可预见费）" actions={props.editable ? <AddCostButton parcelId={props.parcelId} /> : undefined}>
      <div className="lr-muted lr-small lr-gap-bottom">{props.rule}</div>
      <DataTable<ParcelCostView>
        columns={columns}
        rows={props.costs}
        rowKey={(c) => c.id}
        totals={{ values: { amount: props.total } }}
        empty="尚未登记收储费用。"
        testId="parcel-costs"
      />
    </KitCard>
  );
}
