'use client';
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { CustodyParcel, InspectionView } from '../queries';
import { CustodyForm } from './custody-form';
import { InspectionDialog } from './inspection-dialog';
import { PhotoThumbs } from './photo-thumbs';

const multiline = { whiteSpace: 'pre-wrap' as const, wordBreak: 'break-word' as const };

/** 管护: the custody arrangement (mode, custodian, temporary-use term) and the inspections with photos. */
export function CustodyClient(props: {
  parcel: CustodyParcel;
  tempUseLimitMonths: number;
  tempUseLimitSource: string;
  inspections: InspectionView[];
  lastInspectionOn: string | null;
  stageProblem: string | null;
  canEdit: boolean;
  today: string;
}) {
  // The id, not the row: after a refresh the dialog shows the fresh row (e.g. a photo just deleted).
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const editable = props.canEdit && !props.stageProblem;
  const current = editing?.id ? (props.inspections.find((i) => i.id === editing.id) ?? null) : null;

  const columns: PrimaryTableCol<InspectionView>[] = [
    { colKey: 'inspectedOn', title: '巡查日期', width: 110 },
    { colKey: 'inspector', title: '巡查人', width: 100, ellipsis: true },
    { colKey: 'findings', title: '巡查发现', minWidth: 200, cell: ({ row }) => <div style={multiline}>{row.findings ?? '—'}</div> },
    {
      colKey: 'rectification',
      title: '整改情况',
      minWidth: 180,
      cell: ({ row }) =>
        row.rectification ? (
          <div style={multiline}>
            {row.rectification}
            {row.rectifiedOn && <div className="lr-muted" style={{ fontSize: 12 }}>{row.rectifiedOn} 完成</div>}
          </div>
        ) : (
          '—'
        ),
    },
    { colKey: 'photos', title: '照片', width: 200, cell: ({ row }) => <PhotoThumbs photos={row.photos} /> },
    {
      colKey: 'op',
      title: '操作',
      width: 80,
      cell: ({ row }) =>
        editable ? (
          <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ id: row.id })}>
            编辑
          </Button>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="管护信息" bordered={false}>
        {props.stageProblem && <Alert theme="info" message={props.stageProblem} style={{ marginBottom: 12 }} />}
        <CustodyForm key={props.parcel.version} parcel={props.parcel} tempUseLimitMonths={props.tempUseLimitMonths} tempUseLimitSource={props.tempUseLimitSource} editable={editable} />
      </Card>
      <Card
        title={`巡查记录${props.lastInspectionOn ? `（最近一次 ${props.lastInspectionOn}）` : ''}`}
        bordered={false}
        actions={
          editable && (
            <Button icon={<AddIcon />} onClick={() => setEditing({ id: null })}>
              登记巡查
            </Button>
          )
        }
      >
        <Table rowKey="id" data={props.inspections} columns={columns} empty="尚无巡查记录" size="small" hover tableLayout="auto" />
      </Card>
      {editing && (editing.id === null || current) && (
        <InspectionDialog parcelId={props.parcel.id} inspection={current} today={props.today} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}
