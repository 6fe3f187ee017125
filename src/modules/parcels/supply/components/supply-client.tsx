'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Button, Card, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { formatYuan } from '../../acquisition/fields';
import type { SupplyView } from '../queries';
import { HandoverDialog } from './handover-dialog';

const yuan = (v: string | null) => (v === null ? '—' : formatYuan(v));

/** 供应: the parcel's supply records (read-only; made by the 供应 / 交易中止 transitions) and the handover date. */
export function SupplyClient(props: { parcelId: string; stage: string; supplies: SupplyView[]; canEdit: boolean; today: string }) {
  const [editing, setEditing] = useState<SupplyView | null>(null);

  const columns: PrimaryTableCol<SupplyView>[] = [
    {
      colKey: 'status',
      title: '状态',
      cell: ({ row }) => (
        <Tag size="small" variant="light" theme={row.status === '成交' ? (row.current ? 'success' : 'default') : 'danger'}>
          {row.status === '中止' ? '交易中止' : row.current ? '成交（当前）' : '成交'}
        </Tag>
      ),
    },
    { colKey: 'mode', title: '供应方式' },
    {
      colKey: 'dates',
      title: '公告 / 开始 / 成交日期',
      cell: ({ row }) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {row.noticeDate && <div>公告 {row.noticeDate}</div>}
          {row.bidStartDate && <div>{row.mode === '挂牌' ? '挂牌' : row.mode === '拍卖' ? '拍卖' : '投标'} {row.bidStartDate}{row.listingEndDate ? ` 至 ${row.listingEndDate}` : ''}</div>}
          <div>成交 {row.dealDate ?? '—'}</div>
        </div>
      ),
    },
    { colKey: 'startingPrice', title: '起始价（元）', align: 'right', cell: ({ row }) => yuan(row.startingPrice) },
    { colKey: 'dealPrice', title: '成交价（元）', align: 'right', cell: ({ row }) => yuan(row.dealPrice) },
    { colKey: 'premiumRate', title: '溢价率', align: 'right', cell: ({ row }) => (row.premiumRate === null ? '—' : `${row.premiumRate}%`) },
    {
      colKey: 'transferee',
      title: '受让人 / 合同编号',
      cell: ({ row }) => (
        <div>
          {row.transferee ?? '—'}
          <div className="lr-muted" style={{ fontSize: 12 }}>
            {row.contractNo ?? '—'}
          </div>
        </div>
      ),
    },
    {
      colKey: 'basis',
      title: '划拨目录 / 基准地价',
      cell: ({ row }) => (
        <div>
          {row.allocationCategory && <div>{row.allocationCategory}</div>}
          {row.benchmarkPrice && <div>基准地价 {formatYuan(row.benchmarkPrice)} 元/平方米</div>}
          {row.warnings.map((w) => (
            <div key={w.code} style={{ color: 'var(--td-warning-color)', fontSize: 12 }} title={`依据：${w.rule}`}>
              已确认提示：{w.message}
            </div>
          ))}
          {!row.allocationCategory && !row.benchmarkPrice && row.warnings.length === 0 && <span className="lr-muted">—</span>}
        </div>
      ),
    },
    {
      colKey: 'handoverDate',
      title: '交地日期',
      cell: ({ row }) => (
        <span>
          {row.handoverDate ?? <span className="lr-muted">{row.status === '中止' ? '—' : '未交地'}</span>}
          {row.current && props.canEdit && (
            <Button size="small" variant="text" theme="primary" onClick={() => setEditing(row)}>
              {row.handoverDate ? '修改' : '登记'}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <Card title="供应记录" bordered={false}>
      <div className="lr-muted" style={{ fontSize: 13, marginBottom: 12 }}>
        供应记录在「<Link href={`/parcels/${props.parcelId}/lifecycle`}>环节流转</Link>」中办理「供应」时登记，交易中止时标记为中止；此处可登记当前成交记录的交地日期。溢价率 =（成交价 − 起始价）÷ 起始价。
      </div>
      <Table rowKey="id" data={props.supplies} columns={columns} empty={props.stage === '已供应' ? '没有供应记录' : `地块当前为「${props.stage}」，尚未供应`} size="small" hover tableLayout="auto" />
      {editing && <HandoverDialog supply={editing} today={props.today} onClose={() => setEditing(null)} />}
    </Card>
  );
}
