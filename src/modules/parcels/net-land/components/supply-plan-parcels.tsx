'use client';
import { Card, Table, type PrimaryTableCol } from 'tdesign-react';
import { groupThousands } from '@/ui/format';
import { AppLink } from '../../components/app-link';
import { StageTag } from '../../components/stage-tag';
import type { TStage } from '../../stages';
import type { SupplyPlanParcelRow } from '../queries';

/**
 * The parcels listed in a year's supply plan (登记于各地块「前期开发 · 净地条件」), shown on the
 * annual plan's page beside its supply target: count and area of the list.
 */
export function SupplyPlanParcels(props: { year: number; rows: SupplyPlanParcelRow[]; areaText: string }) {
  const columns: PrimaryTableCol<SupplyPlanParcelRow>[] = [
    { colKey: 'code', title: '地块编号', cell: ({ row }) => <AppLink href={`/parcels/${row.parcelId}/development`}>{row.code}</AppLink> },
    { colKey: 'name', title: '地块名称', ellipsis: true },
    { colKey: 'stage', title: '环节', cell: ({ row }) => <StageTag stage={row.stage as TStage} /> },
    { colKey: 'areaM2', title: '面积（m²）', align: 'right', cell: ({ row }) => groupThousands(row.areaM2) },
    { colKey: 'docNo', title: '供应计划文号' },
    { colKey: 'listedOn', title: '纳入日期' },
  ];
  return (
    <div data-testid="supply-plan-parcels">
      <Card bordered={false} title={`纳入 ${props.year} 年度供应计划的地块（${props.rows.length} 宗，${props.areaText}）`}>
        <Table rowKey="parcelId" data={props.rows} columns={columns} size="small" tableLayout="auto" empty={`尚无地块登记纳入 ${props.year} 年度供应计划`} />
      </Card>
    </div>
  );
}
