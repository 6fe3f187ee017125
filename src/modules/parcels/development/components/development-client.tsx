'use client';
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Progress, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { formatWanYuan, formatYuan } from '../../acquisition/fields';
import { SummaryGrid } from '../../acquisition/components/summary-grid';
import { deleteWorkPackageAction } from '../actions';
import type { WorkPackageView } from '../queries';
import type { WorkPackageSummary } from '../progress';
import { WorkPackageDialog } from './work-package-dialog';
import { NetLandCard } from '../../net-land/components/net-land-card';
import type { NetLandView } from '../../net-land/queries';

type Editing = { pkg: WorkPackageView | null; accept?: boolean } | null;

/** 前期开发: work packages with their progress and acceptance, and the parcel's overall progress. */
export function DevelopmentClient(props: {
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
  const [editing, setEditing] = useState<Editing>(null);
  const { run } = useRunAction();
  const editable = props.canEdit && !props.stageProblem;
  const ready = props.stage === '可供应';

  const columns: PrimaryTableCol<WorkPackageView>[] = [
    { colKey: 'workType', title: '工程类型' },
    {
      colKey: 'contractor',
      title: '施工 / 监理单位',
      cell: ({ row }) => (
        <div>
          {row.contractor ?? '—'}
          <div className="lr-muted" style={{ fontSize: 12 }}>
            监理：{row.supervisor ?? '—'}
          </div>
        </div>
      ),
    },
    { colKey: 'contractNo', title: '合同编号', cell: ({ row }) => row.contractNo ?? '—' },
    { colKey: 'contractAmount', title: '合同金额（元）', align: 'right', cell: ({ row }) => formatYuan(row.contractAmount) },
    {
      colKey: 'progress',
      title: '进度',
      width: 140,
      cell: ({ row }) => <Progress percentage={row.progress} size="small" status={row.acceptedOn ? 'success' : undefined} />,
    },
    { colKey: 'startedOn', title: '开工日期', cell: ({ row }) => row.startedOn ?? '—' },
    {
      colKey: 'acceptedOn',
      title: '验收',
      cell: ({ row }) =>
        row.acceptedOn ? (
          <Tag size="small" theme="success" variant="light">
            {row.acceptedOn} 验收
          </Tag>
        ) : (
          <Tag size="small" theme="warning" variant="light">
            未验收
          </Tag>
        ),
    },
    { colKey: 'updatedOn', title: '更新日期', cell: ({ row }) => row.updatedOn ?? '—' },
    {
      colKey: 'op',
      title: '操作',
      cell: ({ row }) =>
        editable ? (
          <Space size={4}>
            {!row.acceptedOn && (
              <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ pkg: row, accept: true })}>
                验收
              </Button>
            )}
            <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ pkg: row })}>
              编辑
            </Button>
            {!ready && (
              <Popconfirm content={`删除${row.workType}工作包？`} theme="danger" onConfirm={() => run(() => deleteWorkPackageAction({ id: row.id }), `已删除${row.workType}工作包`)}>
                <Button size="small" variant="text" theme="danger">
                  删除
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="开发汇总" bordered={false}>
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
              value: (
                <Tag theme={summary.allAccepted ? 'success' : 'warning'} variant="light" size="large">
                  {summary.allAccepted ? '已全部验收' : '未全部验收'}
                </Tag>
              ),
              hint: summary.allAccepted ? '工作包均已验收；转为「可供应」另须满足下方净地条件' : '转为「可供应」须全部工作包验收合格',
            },
          ]}
        />
      </Card>
      <Card
        title="工作包"
        bordered={false}
        actions={
          editable && !ready && (
            <Button icon={<AddIcon />} onClick={() => setEditing({ pkg: null })}>
              新增工作包
            </Button>
          )
        }
      >
        {props.stageProblem && <Alert theme="info" message={props.stageProblem} style={{ marginBottom: 12 }} />}
        {editable && ready && <Alert theme="info" message="地块已可供应：工作包只能更正，须保持已验收。" style={{ marginBottom: 12 }} />}
        <Table rowKey="id" data={props.packages} columns={columns} empty="尚未登记前期开发工作包" tableLayout="auto" size="small" hover />
      </Card>
      {(!props.stageProblem || props.stage === '已供应') && <NetLandCard parcelId={props.parcelId} view={props.netLand} editable={editable} ready={ready} today={props.today} />}
      {editing && <WorkPackageDialog parcelId={props.parcelId} pkg={editing.pkg} accept={editing.accept} today={props.today} onClose={() => setEditing(null)} />}
    </Space>
  );
}
