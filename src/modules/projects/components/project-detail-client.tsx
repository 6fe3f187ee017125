'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'tdesign-react';
import { AddIcon, EditIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import type { PlanOptionView } from '@/modules/plans/view';
import { setProjectStatusAction } from '../actions';
import type { ProjectEventView, ProjectFactsView, ProjectFormValues, ProjectParcelView, ProjectTotalsView } from '../view';
import { ProjectFormDialog } from './project-form-dialog';
import { ProjectEventsTable, ProjectParcelsTable } from './project-parcels';
import { ProjectStatusTag } from './project-status-tag';
import { StageTag } from './stage-tag';

/** A headline number (Statistic takes numbers only; areas are decimal strings). */
function Figure(props: { title: string; value: string; unit: string }) {
  return (
    <div>
      <div className="lr-muted" style={{ fontSize: 13 }}>
        {props.title}
      </div>
      <div style={{ fontSize: 24, fontWeight: 600 }}>
        {props.value} <span style={{ fontSize: 14, fontWeight: 400 }}>{props.unit}</span>
      </div>
    </div>
  );
}

export function ProjectDetailClient(props: {
  project: ProjectFactsView;
  formValues: ProjectFormValues;
  plans: PlanOptionView[];
  totals: ProjectTotalsView;
  parcels: ProjectParcelView[];
  parcelsTruncated: boolean;
  events: ProjectEventView[];
  canEdit: boolean;
  canAddParcel: boolean;
}) {
  const { project: p, totals } = props;
  const [editing, setEditing] = useState(false);
  const { run, busy } = useRunAction();
  const active = p.status === 'active';
  // The form offers current plans; a link to a since-adjusted version stays selectable.
  const planOptions = p.plan?.superseded ? [{ value: p.plan.id, label: p.plan.label }, ...props.plans] : props.plans;

  const setStatus = (status: 'active' | 'closed') =>
    run(() => setProjectStatusAction({ id: p.id, status }), status === 'closed' ? `项目 ${p.code} 已关闭` : `项目 ${p.code} 已重新启用`);

  const closeWarning = totals.openCount
    ? `本项目仍有 ${totals.openCount} 宗地块未供应或终止。关闭后项目不能再修改（可重新启用）。确定关闭？`
    : '关闭后项目不能再修改（可重新启用）。确定关闭？';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title={
          <Space size={8} align="center">
            <span>{p.code}</span>
            <span>{p.name}</span>
            <ProjectStatusTag status={p.status} label={p.statusLabel} />
            {p.isDemo && (
              <Tag size="small" theme="warning" variant="light">
                演示
              </Tag>
            )}
          </Space>
        }
        actions={
          <Space>
            {props.canAddParcel && active && (
              <Link href={`/parcels/new?projectId=${encodeURIComponent(p.id)}`}>
                <Button theme="primary" icon={<AddIcon />}>
                  新建地块
                </Button>
              </Link>
            )}
            {props.canEdit && active && (
              <Button variant="outline" icon={<EditIcon />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            )}
            {props.canEdit &&
              (active ? (
                <Popconfirm content={closeWarning} theme="warning" confirmBtn="确定关闭" onConfirm={() => void setStatus('closed')}>
                  <Button variant="outline" theme="danger" loading={busy}>
                    关闭项目
                  </Button>
                </Popconfirm>
              ) : (
                <Popconfirm content="重新启用后可继续修改项目和登记地块。确定重新启用？" confirmBtn="重新启用" onConfirm={() => void setStatus('active')}>
                  <Button variant="outline" loading={busy}>
                    重新启用
                  </Button>
                </Popconfirm>
              ))}
          </Space>
        }
      >
        {!active && <Alert theme="info" style={{ marginBottom: 12 }} message="本项目已关闭，信息只读。" />}
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: '储备片区', content: p.zone ?? '—' },
            { label: '收储方式', content: p.acquisitionRoute },
            {
              label: '所属计划',
              content: p.plan ? (
                <span>
                  <Link href={`/plans/${p.plan.id}`}>{p.plan.label}</Link>
                </span>
              ) : (
                '未关联'
              ),
            },
            { label: '实施方案批准文号', content: p.implDocNo ?? '—' },
            { label: '国家监测监管系统项目编码', content: p.nationalCode ?? '—' },
            { label: '状态', content: p.statusLabel },
            { label: '估算成本', content: p.estimatedCost },
            { label: '预计出让收入', content: p.expectedIncome, span: 2 },
            ...(p.note ? [{ label: '备注', content: p.note, span: 3 }] : []),
          ]}
        />
      </Card>
      <Card bordered={false} title="地块汇总">
        <Space size={48} breakLine>
          <Figure title="地块数" value={String(totals.parcelCount)} unit="宗" />
          <Figure title="总面积" value={totals.areaM2} unit="m²" />
          <Figure title="总面积" value={totals.areaMu} unit="亩" />
          <Figure title="总面积" value={totals.areaHa} unit="公顷" />
        </Space>
        <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 16 }} data-testid="project-stage-totals">
          {totals.byStage.map((s) => (
            <span key={s.stage}>
              <StageTag stage={s.stage} /> {s.count} 宗 / {s.areaMu} 亩
            </span>
          ))}
        </div>
      </Card>
      <Card
        bordered={false}
        title="项目地块"
        actions={props.parcelsTruncated ? <span className="lr-muted">仅显示前 {props.parcels.length} 宗，完整列表请到地块管理按项目筛选</span> : undefined}
      >
        <ProjectParcelsTable parcels={props.parcels} />
      </Card>
      <Card bordered={false} title="最近环节记录" actions={<span className="lr-muted">本项目全部地块中最近的 20 条</span>}>
        <ProjectEventsTable events={props.events} />
      </Card>
      {editing && <ProjectFormDialog mode={{ kind: 'edit', id: p.id, values: props.formValues }} plans={planOptions} onClose={() => setEditing(false)} />}
    </Space>
  );
}
