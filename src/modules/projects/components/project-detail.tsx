import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { KitStat } from '@/ui/kit/stat';
import { DescList } from '@/ui/kit/desc-list';
import { LinkButton } from '@/ui/kit/link-button';
import { KitTag } from '@/ui/kit/tag';
import type { PlanOptionView } from '@/modules/plans/view';
import type { ProjectEventView, ProjectFactsView, ProjectFormValues, ProjectParcelView, ProjectTotalsView } from '../view';
import { ProjectActions } from './project-actions';
import { ProjectStatusTag } from './project-status-tag';
import { ProjectEventsTable, ProjectParcelsTable, ProjectStageTable } from './project-tables';

/**
 * 项目详情, rendered on the server: facts, parcels by stage, the parcels and their latest events.
 * The buttons that run something (编辑, 关闭/重新启用) are the one client island.
 */
export function ProjectDetail(props: {
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
  const active = p.status === 'active';
  // The form offers current plans; a link to a since-adjusted version stays selectable.
  const planOptions = p.plan?.superseded ? [{ value: p.plan.id, label: p.plan.label }, ...props.plans] : props.plans;
  return (
    <div className="lr-stack" data-testid="project-detail">
      <KitCard
        title={
          <span className="lr-title-line">
            <span>{p.code}</span>
            <span>{p.name}</span>
            <ProjectStatusTag status={p.status} label={p.statusLabel} />
            {p.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={
          <span className="lr-actions">
            {props.canAddParcel && active && (
              <LinkButton theme="primary" href={`/parcels/new?projectId=${encodeURIComponent(p.id)}`}>
                新建地块
              </LinkButton>
            )}
            {props.canEdit && <ProjectActions id={p.id} code={p.code} active={active} openCount={totals.openCount} formValues={props.formValues} plans={planOptions} />}
          </span>
        }
      >
        {!active && (
          <KitAlert theme="info" className="lr-gap-bottom">
            本项目已关闭，信息只读。
          </KitAlert>
        )}
        <DescList
          column={2}
          labelWidth={200}
          items={[
            { label: '储备片区', content: p.zone },
            { label: '收储方式', content: p.acquisitionRoute },
            {
              label: '所属计划',
              content: p.plan ? (
                <a className="lr-link" href={`/plans/${p.plan.id}`}>
                  {p.plan.label}
                </a>
              ) : (
                '未关联'
              ),
            },
            { label: '实施方案批准文号', content: p.implDocNo },
            { label: '国家监测监管系统项目编码', content: p.nationalCode },
            { label: '状态', content: p.statusLabel },
            { label: '估算成本', content: p.estimatedCost },
            { label: '预计出让收入', content: p.expectedIncome },
            ...(p.note ? [{ label: '备注', content: p.note, span: 2 }] : []),
          ]}
        />
      </KitCard>
      <KitCard title="地块汇总">
        <div style={{ display: 'grid', gridTemplateColumns: '260px minmax(0, 420px)', gap: 32, alignItems: 'start' }}>
          <div className="lr-stack">
            <KitStat title="地块数" value={String(totals.parcelCount)} unit="宗" note={`尚未供应或终止 ${totals.openCount} 宗`} />
            <KitStat title="总面积" value={totals.areaMu} unit="亩" note={`${totals.areaM2} 平方米 / ${totals.areaHa} 公顷`} />
          </div>
          <ProjectStageTable totals={totals} />
        </div>
      </KitCard>
      <KitCard
        title="项目地块"
        actions={props.parcelsTruncated ? <span className="lr-muted">仅显示前 {props.parcels.length} 宗，完整列表请到地块管理按项目筛选</span> : undefined}
      >
        <ProjectParcelsTable parcels={props.parcels} totals={totals} />
      </KitCard>
      <KitCard title="最近环节记录" actions={<span className="lr-muted">本项目全部地块中最近的 20 条</span>}>
        <ProjectEventsTable events={props.events} />
      </KitCard>
    </div>
  );
}
