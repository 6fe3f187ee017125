import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { PersonName, personText } from '@/ui/person-name';
import type { TStage } from '@/modules/parcels/stages';
import { StageTag } from '@/modules/parcels/components/stage-tag';
import type { ProjectEventView, ProjectParcelView, ProjectTotalsView } from '../view';

/*
 * The project page's read-only tables, rendered on the server by the page kit: parcels by stage,
 * the project's parcels and their latest events. Totals rows use the same columns, so they line up.
 */

type StageRow = ProjectTotalsView['byStage'][number];

const STAGE_COLUMNS: Column<StageRow>[] = [
  { key: 'stage', title: '环节', kind: 'tag', width: 120, render: (r) => <StageTag stage={r.stage as TStage} /> },
  { key: 'count', title: '地块数', kind: 'count', width: 96, value: (r) => r.count },
  { key: 'area', title: '面积', kind: 'area', width: 140, value: (r) => r.area },
];

/** 地块汇总 by stage, every stage listed (0 where none), with the project's totals under them. */
export function ProjectStageTable({ totals }: { totals: ProjectTotalsView }) {
  return (
    <DataTable<StageRow>
      columns={STAGE_COLUMNS}
      rows={totals.byStage}
      rowKey={(r) => r.stage}
      totals={{ values: { count: totals.parcelCount, area: totals.area } }}
      testId="project-stage-totals"
    />
  );
}

const PARCEL_COLUMNS: Column<ProjectParcelView>[] = [
  { key: 'code', title: '地块编号', kind: 'code', width: 180, value: (r) => r.code, href: (r) => `/parcels/${r.id}`, tooltip: (r) => r.code },
  { key: 'name', title: '地块名称', kind: 'name', value: (r) => r.name, href: (r) => `/parcels/${r.id}` },
  { key: 'stage', title: '环节', kind: 'tag', render: (r) => <StageTag stage={r.stage as TStage} /> },
  { key: 'stageSince', title: '进入环节日期', kind: 'date', width: 120, value: (r) => r.stageSince },
  { key: 'area', title: '面积', kind: 'area', value: (r) => r.areaM2, tooltip: (r) => r.areaTip },
  { key: 'district', title: '所在区县', kind: 'text', width: 110, value: (r) => r.district },
];

/** The project's parcels, each linking to its page; the totals row counts all of them (the table may show only the first ones). */
export function ProjectParcelsTable({ parcels, totals }: { parcels: ProjectParcelView[]; totals: ProjectTotalsView }) {
  return (
    <DataTable<ProjectParcelView>
      columns={PARCEL_COLUMNS}
      rows={parcels}
      rowKey={(r) => r.id}
      totals={{ values: { name: `共 ${totals.parcelCount} 宗`, area: totals.area } }}
      empty="本项目还没有地块"
      testId="project-parcels"
    />
  );
}

const EVENT_COLUMNS: Column<ProjectEventView>[] = [
  { key: 'eventDate', title: '日期', kind: 'date', value: (r) => r.eventDate },
  { key: 'parcel', title: '地块', kind: 'name', value: (r) => `${r.parcelCode} ${r.parcelName}`, href: (r) => `/parcels/${r.parcelId}` },
  { key: 'transition', title: '环节变化', kind: 'text', width: 140, value: (r) => r.transition },
  { key: 'actor', title: '经办人', kind: 'person', width: 160, tooltip: (r) => personText(r.actor) || undefined, render: (r) => <PersonName person={r.actor} /> },
  { key: 'amount', title: '金额', kind: 'money', width: 120, value: (r) => r.amount },
  { key: 'docNo', title: '文号', kind: 'text', width: 150, value: (r) => r.docNo, tooltip: (r) => r.docNo ?? undefined },
  { key: 'reason', title: '说明', kind: 'text', width: 180, value: (r) => r.reason, tooltip: (r) => r.reason ?? undefined },
];

/** The latest lifecycle events across the project's parcels (amounts in 万元, as on the rest of the overview). */
export function ProjectEventsTable({ events }: { events: ProjectEventView[] }) {
  return <DataTable<ProjectEventView> columns={EVENT_COLUMNS} rows={events} rowKey={(r) => r.id} moneyUnit="万元" empty="暂无环节记录" testId="project-events" />;
}
