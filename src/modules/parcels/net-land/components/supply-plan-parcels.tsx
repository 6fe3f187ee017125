import type { Column } from '@/ui/kit/columns';
import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import { StageTag } from '../../components/stage-tag';
import type { TStage } from '../../stages';
import { areaView } from '../../view';
import type { SupplyPlanParcelRow } from '../queries';

const COLUMNS: Column<SupplyPlanParcelRow>[] = [
  { key: 'code', title: '地块编号', kind: 'code', width: 180, value: (r) => r.code, href: (r) => `/parcels/${r.parcelId}/development`, tooltip: (r) => r.code },
  { key: 'name', title: '地块名称', kind: 'name', value: (r) => r.name },
  { key: 'stage', title: '环节', kind: 'tag', render: (r) => <StageTag stage={r.stage as TStage} /> },
  {
    key: 'area',
    title: '面积',
    kind: 'area',
    value: (r) => r.areaM2,
    tooltip: (r) => {
      const a = areaView(r.areaM2);
      return `${a.m2} 平方米 / ${a.ha} 公顷`;
    },
  },
  { key: 'docNo', title: '供应计划文号', kind: 'text', width: 200, value: (r) => r.docNo, tooltip: (r) => r.docNo },
  { key: 'listedOn', title: '纳入日期', kind: 'date', value: (r) => r.listedOn },
];

/**
 * The parcels listed in a year's supply plan (登记于各地块「前期开发 · 净地条件」), shown on the
 * annual plan's page beside its supply target: count and area of the list, server-rendered.
 */
export function SupplyPlanParcels(props: { year: number; rows: SupplyPlanParcelRow[]; areaM2: string; areaText: string }) {
  return (
    <KitCard title={`纳入 ${props.year} 年度供应计划的地块（${props.rows.length} 宗，${props.areaText}）`} testId="supply-plan-parcels">
      <DataTable<SupplyPlanParcelRow>
        columns={COLUMNS}
        rows={props.rows}
        rowKey={(r) => r.parcelId}
        totals={{ values: { name: `共 ${props.rows.length} 宗`, area: props.areaM2 } }}
        empty={`尚无地块登记纳入 ${props.year} 年度供应计划`}
      />
    </KitCard>
  );
}
