import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { DescList } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import type { PlanFactsView, PlanProgressView, PlanRowView, PlanTargetValues, VersionView } from '../view';
import { AdjustPlanButton } from './adjust-plan-button';
import type { PlanWarningView } from './plan-form-dialog';
import { PlanProgressTable } from './plan-progress-table';
import { PlanStatusTag } from './plan-status-tag';
import type { CarryOverHint } from './plan-targets-fields';
import { PlanVersionsTable } from './plan-versions-table';

/**
 * 计划详情, rendered on the server: the plan's facts and targets, targets against actuals and the
 * versions. 调整计划 (the form dialog) is the one client island.
 */
export function PlanDetail(props: {
  plan: PlanRowView;
  adjustReason: string | null;
  targets: PlanTargetValues;
  facts: PlanFactsView;
  progress: PlanProgressView;
  range: { from: string; to: string };
  versions: VersionView[];
  canEdit: boolean;
  /** The records' carry-over for an annual plan's year (null for rolling plans). */
  carryOver: CarryOverHint | null;
  /** What an adjustment made today would have to acknowledge. */
  adjustWarnings: PlanWarningView[];
}) {
  const { plan, facts } = props;
  const current = props.versions.find((v) => v.status === 'current');
  return (
    <div className="lr-stack" data-testid="plan-detail">
      <KitCard
        title={
          <span className="lr-title-line">
            <span>{plan.title}</span>
            <PlanStatusTag status={plan.status} label={plan.statusLabel} />
            {plan.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={
          <span className="lr-actions">
            <a className="lr-link" href={`/projects?plan=${plan.id}`}>
              查看本计划的项目
            </a>
            {props.canEdit && plan.status === 'current' && (
              <AdjustPlanButton plan={plan} targets={props.targets} carryOver={props.carryOver} warnings={props.adjustWarnings} />
            )}
          </span>
        }
      >
        {plan.status === 'superseded' && current && (
          <KitAlert theme="warning" className="lr-gap-bottom">
            这是第 {plan.version} 版（历史版本），已被调整。现行版本：
            <a className="lr-link" href={`/plans/${current.id}`}>
              第 {current.version} 版
            </a>
          </KitAlert>
        )}
        <DescList
          column={3}
          labelWidth={136}
          items={[
            { label: '计划类型', content: plan.typeLabel },
            { label: '计划年度', content: plan.yearsLabel },
            { label: '版本', content: `第 ${plan.version} 版` },
            { label: '批准文号', content: plan.docNo },
            { label: '批准日期', content: plan.approvedOn },
            { label: '资金需求', content: `${facts.fundNeedWan} 万元（${facts.fundNeedYuan} 元）` },
            ...facts.carryOver.map((c) => ({
              label: c.label,
              span: 3,
              content: (
                <>
                  {c.text}
                  {c.records && <span className="lr-muted lr-note">{c.records}</span>}
                </>
              ),
            })),
            ...facts.areas.map((a) => ({ label: `${a.label}目标`, content: a.text, span: 3 })),
            ...(props.adjustReason ? [{ label: '本版调整原因', content: props.adjustReason, span: 3 }] : []),
          ]}
        />
        <div className="lr-muted lr-source" data-testid="plan-source">
          依据：{facts.source}
        </div>
      </KitCard>
      <KitCard title="指标完成情况" actions={<span className="lr-muted">统计区间 {props.range.from} 至 {props.range.to}</span>}>
        <PlanProgressTable view={props.progress} />
      </KitCard>
      <KitCard title="历史版本">
        <PlanVersionsTable versions={props.versions} viewingId={plan.id} />
      </KitCard>
    </div>
  );
}
