'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Button, Card, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { formatWan } from '@/modules/plans/amounts';
import { sumAmounts } from '../../rules';
import type { BondListRow } from '../queries';
import { BondFormDialog } from './bond-form-dialog';
import { BondStatusTag, DemoTag, footRow } from './bond-tags';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** Percent as stored ('3.2500') without trailing zeros beyond 2 decimals: '3.25%'. */
export function ratePercentText(rate: string): string {
  const [int, frac = ''] = rate.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${int}.${trimmed}%`;
}

export function BondsListClient(props: { rows: BondListRow[]; canEdit: boolean; annualCouponMaxYears: number }) {
  const [creating, setCreating] = useState(false);
  const { rows } = props;
  const total = (pick: (r: BondListRow) => string) => formatWan(sumAmounts(rows.map(pick)));

  const columns: PrimaryTableCol<BondListRow>[] = [
    {
      colKey: 'code',
      title: '债券代码',
      width: 130,
      cell: ({ row }) => (
        <Space size={6} align="center" style={nowrap}>
          <Link href={`/funds/bonds/${row.id}`}>{row.code}</Link>
          <DemoTag show={row.isDemo} />
        </Space>
      ),
    },
    { colKey: 'name', title: '债券名称', minWidth: 220, ellipsis: true, cell: ({ row }) => <Link href={`/funds/bonds/${row.id}`}>{row.name}</Link> },
    { colKey: 'amount', title: '发行金额（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.amount) },
    { colKey: 'annualRate', title: '年利率', width: 90, align: 'right', cell: ({ row }) => ratePercentText(row.annualRate) },
    { colKey: 'termYears', title: '期限', width: 70, align: 'right', cell: ({ row }) => `${row.termYears} 年` },
    { colKey: 'issueDate', title: '发行日期', width: 110, cell: ({ row }) => <span style={nowrap}>{row.issueDate}</span> },
    { colKey: 'maturityDate', title: '到期日', width: 110, cell: ({ row }) => <span style={nowrap}>{row.maturityDate}</span> },
    { colKey: 'repaymentTypeLabel', title: '还本付息方式', width: 170, ellipsis: true },
    { colKey: 'allocated', title: '已分配（万元）', width: 130, align: 'right', cell: ({ row }) => formatWan(row.allocated) },
    { colKey: 'unallocated', title: '未分配（万元）', width: 130, align: 'right', cell: ({ row }) => formatWan(row.unallocated) },
    { colKey: 'principalRepaid', title: '已还本金（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.principalRepaid) },
    { colKey: 'interestPaid', title: '已付利息（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.interestPaid) },
    { colKey: 'outstandingPrincipal', title: '未还本金（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.outstandingPrincipal) },
    {
      colKey: 'nextDueDate',
      title: '下次应付',
      width: 190,
      cell: ({ row }) =>
        row.nextDueDate ? (
          <span style={nowrap}>
            {row.nextDueDate}：{formatWan(row.nextDueAmount)} 万元
          </span>
        ) : (
          <span className="lr-muted">—</span>
        ),
    },
    { colKey: 'status', title: '状态', width: 80, fixed: 'right', cell: ({ row }) => <BondStatusTag status={row.status} label={row.statusLabel} /> },
  ];

  return (
    <Card
      bordered={false}
      title="专项债券"
      actions={
        <Space align="center">
          <span className="lr-muted" data-testid="bonds-total">
            共 {rows.length} 支，发行金额合计 {total((r) => r.amount)} 万元，未还本金 {total((r) => r.outstandingPrincipal)} 万元
          </span>
          {props.canEdit && (
            <Button theme="primary" icon={<AddIcon />} onClick={() => setCreating(true)}>
              新增债券
            </Button>
          )}
        </Space>
      }
    >
      <Table<BondListRow>
        rowKey="id"
        data={rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="auto"
        empty="尚未登记专项债券"
        footData={
          rows.length
            ? [
                footRow<BondListRow>({
                  code: '合计',
                  amount: total((r) => r.amount),
                  allocated: total((r) => r.allocated),
                  unallocated: total((r) => r.unallocated),
                  principalRepaid: total((r) => r.principalRepaid),
                  interestPaid: total((r) => r.interestPaid),
                  outstandingPrincipal: total((r) => r.outstandingPrincipal),
                }),
              ]
            : undefined
        }
      />
      {creating && <BondFormDialog mode={{ kind: 'create' }} annualCouponMaxYears={props.annualCouponMaxYears} onClose={() => setCreating(false)} />}
    </Card>
  );
}
