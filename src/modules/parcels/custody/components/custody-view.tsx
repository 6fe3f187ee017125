import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import type { CustodyParcel, InspectionView } from '../queries';
import { CustodyForm } from './custody-form';
import { InspectionButton } from './inspection-button';
import { PhotoThumbs } from './photo-thumbs';

function columnsFor(parcelId: string, editable: boolean, today: string): Column<InspectionView>[] {
  return [
    { key: 'inspectedOn', title: '巡查日期', kind: 'date', value: (r) => r.inspectedOn },
    { key: 'inspector', title: '巡查人', kind: 'text', width: 140, value: (r) => r.inspector, tooltip: (r) => r.inspector },
    { key: 'findings', title: '巡查发现', kind: 'name', value: (r) => r.findings },
    {
      key: 'rectification',
      title: '整改情况',
      kind: 'name',
      value: (r) => (r.rectification ? `${r.rectification}${r.rectifiedOn ? `（${r.rectifiedOn} 完成）` : ''}` : null),
    },
    { key: 'photos', title: '照片', kind: 'actions', width: 200, render: (r) => <PhotoThumbs photos={r.photos} size={32} /> },
    ...(editable ? [{ key: 'op', title: '操作', kind: 'actions' as const, width: 72, render: (r: InspectionView) => <InspectionButton parcelId={parcelId} inspection={r} today={today} /> }] : []),
  ];
}

/**
 * 管护, rendered on the server: the custody arrangement (its form is an island) and the
 * inspections with their photos (thumbnails, 登记巡查 and 编辑 are islands).
 */
export function CustodyView(props: {
  parcel: CustodyParcel;
  tempUseLimitMonths: number;
  tempUseLimitSource: string;
  inspections: InspectionView[];
  lastInspectionOn: string | null;
  stageProblem: string | null;
  canEdit: boolean;
  today: string;
}) {
  const editable = props.canEdit && !props.stageProblem;
  return (
    <div className="lr-stack">
      <KitCard title="管护信息">
        {props.stageProblem && (
          <KitAlert theme="info" className="lr-gap-bottom">
            {props.stageProblem}
          </KitAlert>
        )}
        <CustodyForm key={props.parcel.version} parcel={props.parcel} tempUseLimitMonths={props.tempUseLimitMonths} tempUseLimitSource={props.tempUseLimitSource} editable={editable} />
      </KitCard>
      <KitCard
        title={`巡查记录${props.lastInspectionOn ? `（最近一次 ${props.lastInspectionOn}）` : ''}`}
        actions={editable ? <InspectionButton parcelId={props.parcel.id} inspection={null} today={props.today} /> : undefined}
      >
        <DataTable<InspectionView> columns={columnsFor(props.parcel.id, editable, props.today)} rows={props.inspections} rowKey={(r) => r.id} empty="尚无巡查记录" testId="custody-inspections" />
      </KitCard>
    </div>
  );
}
