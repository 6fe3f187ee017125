import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitProgress } from '@/ui/kit/progress';
import { KitTag } from '@/ui/kit/tag';
import { formatWanYuan, formatYuan } from '../../acquisition/fields';
import { SummaryGrid } from '../../acquisition/components/summary-grid';
import type { WorkPackageView } from '../queries';
import type { WorkPackageSummary } from '../progress';
import { NetLandCard } from '../../net-land/components/net-land-card';
import type { NetLandView } from '../../net-land/queries';
import { AddWorkPackageButton, WorkPackageActions } from './work-package-actions';

function columnsFor(props: { parcelId: string; editable: boolean; ready: boolean; today: string }): Column<WorkPackageView>[] {
  return [
    { key: 'workType', title: '工程类型', kind: 'text', width: 100, value: (r) => r.workType },
    { key: 'contractor', title: '施工单位', kind: 'name', value: (r) => r.contractor },
    { key: 'supervisor', title: '监理单位', kind: 'name', value: (r) => r.supervisor },
    { key: 'contractNo', title: '合同编号', kind: 'text', width: 130, value: (r) => r.contractNo, tooltip: (r) => r.contractNo ?? undefined },
    // A contract amount is checked against the contract: 元, never rounded.
    { key: 'contractAmount', title: '合同金额', kind: 'money', value: (r) => r.contractAmount },
    {
      key: 'progress',
      title: '进度',
      kind: 'text',
      width: 130,
      tooltip: (r) => (r.updatedOn ? `进度更新于 ${r.updatedOn}` : undefined),
      render: (r) => <KitProgress percent={r.progress} status={r.acceptedOn ? 'success' : undefined} />,
    },
    { key: 'startedOn', title: '开工日期', kind: 'date', value: (r) => r.startedOn },
    {
      key: 'acceptedOn',
      title: '验收',
      kind: 'tag',
      width: 128,
      render: (r) => (r.acceptedOn ? <KitTag theme="success">{r.acceptedOn} 验收</KitTag> : <KitTag theme="warning">未验收</KitTag>),
    },
    ...(props.editable
      ? [
          {
            key: 'op',
            title: '操作',
            kind: 'actions' as const,
            width: 150,
            render: (r: WorkPackageView) => <WorkPackageActions parcelId={props.parcelId} pkg={r} ready={props.ready} today={props.today} />,
          },
        ]
      : []),
  ];
}

/**
 * 前期开发, rendered on the server: the summary and the work packages (their dialogs and row
 * actions are islands), then the 净地 conditions (an island: each condition has its dialogs).
 */
export function DevelopmentView(props: {
  parcelId: string;
  stage: string;
  packages: WorkPackageView[];
  summary: WorkPackageSummary;
  stageProblem: string | null;
  canEdit: boolean;
  today: string;
  netLand: NetLandView;
}) {
  const { summary } = props;
  const editable = props.canEdit && !props.stageProblem;
  const ready = props.stage === '可供应';
  return (
    <div className="lr-stack">
      <KitCard title="开发汇总">
        <SummaryGrid
          testId="development-summary"
          items={[
            { label: '工作包', value: `${summary.count} 个`, hint: `已验收 ${summary.acceptedCount} 个` },
            {
              label: '总体进度',
              value: `${summary.overallProgress}%`,
              hint: summary.count === 0 ? '尚无工作包' : summary.weighted ? '按合同金额加权' : '合同金额均为 0，按简单平均',
            },
            { label: '合同总额', value: `${formatWanYuan(summary.totalAmount)} 万元`, hint: `${formatYuan(summary.totalAmount)} 元` },
            {
              label: '是否全部验收',
              value: <KitTag theme={summary.allAccepted ? 'success' : 'warning'}>{summary.allAccepted ? '已全部验收' : '未全部验收'}</KitTag>,
              hint: summary.allAccepted ? '工作包均已验收；转为「可供应」另须满足下方净地条件' : '转为「可供应」须全部工作包验收合格',
            },
          ]}
        />
      </KitCard>
      <KitCard title="工作包" actions={editable && !ready ? <AddWorkPackageButton parcelId={props.parcelId} today={props.today} /> : undefined}>
        {props.stageProblem && (
          <KitAlert theme="info" className="lr-gap-bottom">
            {props.stageProblem}
          </KitAlert>
        )}
        {editable && ready && (
          <KitAlert theme="info" className="lr-gap-bottom">
            地块已可供应：工作包只能更正，须保持已验收。
          </KitAlert>
        )}
        <DataTable<WorkPackageView>
          columns={columnsFor({ parcelId: props.parcelId, editable, ready, today: props.today })}
          rows={props.packages}
          rowKey={(r) => r.id}
          totals={props.packages.length ? { values: { contractAmount: summary.totalAmount } } : undefined}
          empty="尚未登记前期开发工作包"
          testId="work-packages"
        />
      </KitCard>
      {(!props.stageProblem || props.stage === '已供应') && <NetLandCard parcelId={props.parcelId} view={props.netLand} editable={editable} ready={ready} today={props.today} />}
    </div>
  );
}
