'use client';
import Link from 'next/link';
import { Table, type PrimaryTableCol } from 'tdesign-react';
import type { ProjectEventView, ProjectParcelView } from '../view';
import { StageTag } from './stage-tag';
import { PersonName } from '@/ui/person-name';

/** The project's parcels, each linking to its page. */
export function ProjectParcelsTable({ parcels }: { parcels: ProjectParcelView[] }) {
  const columns: PrimaryTableCol<ProjectParcelView>[] = [
    { colKey: 'code', title: '地块编号', width: 150, cell: ({ row }) => <Link href={`/parcels/${row.id}`}>{row.code}</Link> },
    { colKey: 'name', title: '地块名称', minWidth: 180, ellipsis: true },
    { colKey: 'stage', title: '环节', width: 100, cell: ({ row }) => <StageTag stage={row.stage} /> },
    { colKey: 'stageSince', title: '进入环节日期', width: 120 },
    { colKey: 'areaMu', title: '面积（亩）', width: 110, align: 'right' },
    { colKey: 'district', title: '所在区县', width: 110, cell: ({ row }) => row.district ?? <span className="lr-muted">—</span> },
  ];
  return (
    <Table<ProjectParcelView>
      rowKey="id"
      data={parcels}
      columns={columns}
      size="small"
      stripe
      tableLayout="auto"
      empty="本项目还没有地块"
      data-testid="project-parcels"
    />
  );
}

/** The latest lifecycle events across the project's parcels. */
export function ProjectEventsTable({ events }: { events: ProjectEventView[] }) {
  const columns: PrimaryTableCol<ProjectEventView>[] = [
    { colKey: 'eventDate', title: '日期', width: 110, cell: ({ row }) => <span className="lr-line">{row.eventDate}</span> },
    {
      colKey: 'parcelCode',
      title: '地块',
      width: 200,
      ellipsis: true,
      cell: ({ row }) => (
        <Link href={`/parcels/${row.parcelId}`}>
          {row.parcelCode} {row.parcelName}
        </Link>
      ),
    },
    { colKey: 'transition', title: '环节变化', width: 170, cell: ({ row }) => <span className="lr-line">{row.transition}</span> },
    { colKey: 'actor', title: '经办人', width: 170, cell: ({ row }) => <PersonName person={row.actor} /> },
    { colKey: 'amountWan', title: '金额（万元）', width: 120, align: 'right', cell: ({ row }) => row.amountWan ?? <span className="lr-muted">—</span> },
    { colKey: 'docNo', title: '文号', width: 150, ellipsis: true, cell: ({ row }) => row.docNo ?? <span className="lr-muted">—</span> },
    { colKey: 'reason', title: '说明', minWidth: 140, ellipsis: true, cell: ({ row }) => row.reason ?? '' },
  ];
  return <Table<ProjectEventView> rowKey="id" data={events} columns={columns} size="small" stripe tableLayout="auto" empty="暂无环节记录" />;
}
