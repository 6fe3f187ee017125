'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Alert, Button, Card, Descriptions, Space, Tag } from 'tdesign-react';
import { EditIcon } from 'tdesign-icons-react';
import type { PlanFactsView, PlanProgressView, PlanRowView, PlanTargetValues, VersionView } from '../view';
import { PlanFormDialog, type PlanWarningView } from './plan-form-dialog';
import type { CarryOverHint } from './plan-targets-fields';
import { PlanProgressTable } from './plan-progress-table';
import { PlanStatusTag } from './plans-client';
import { PlanVersionsTable } from './plan-versions-table';

export function PlanDetailClient(props: {
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
  const [adjusting, setAdjusting] = useState(false);
  const current = props.versions.find((v) => v.status === 'current');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title={
          <Space size={8} align="center">
            <span>{plan.title}</span>
            <PlanStatusTag status={plan.status} label={plan.statusLabel} />
            {plan.isDemo && (
              <Tag size="small" theme="warning" variant="light">
                演示
              </Tag>
            )}
          </Space>
        }
        actions={
          <Space>
            <Link href={`/projects?plan=${plan.id}`}>查看本计划的项目</Link>
            {props.canEdit && plan.status === 'current' && (
              <Button theme="primary" icon={<EditIcon />} onClick={() => setAdjusting(true)}>
                调整计划
              </Button>
            )}
          </Space>
        }
      >
        {plan.status === 'superseded' && current && (
          <Alert
            theme="warning"
            style={{ marginBottom: 12 }}
            message={
              <span>
                这是第 {plan.version} 版（历史版本），已被调整。现行版本：<Link href={`/plans/${current.id}`}>第 {current.version} 版</Link>
              </span>
            }
          />
        )}
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: '计划类型', content: plan.typeLabel },
            { label: '计划年度', content: plan.yearsLabel },
            { label: '版本', content: `第 ${plan.version} 版` },
            { label: '批准文号', content: plan.docNo ?? '—' },
            { label: '批准日期', content: plan.approvedOn ?? '—' },
            { label: '资金需求', content: `${facts.fundNeedWan} 万元（${facts.fundNeedYuan} 元）` },
            ...facts.carryOver.map((c) => ({
              label: c.label,
              span: 3,
              content: (
                <span>
                  {c.text}
                  {c.records && (
                    <span className="lr-muted" style={{ marginLeft: 12, fontSize: 12 }}>
                      {c.records}
                    </span>
                  )}
                </span>
              ),
            })),
            ...facts.areas.map((a) => ({ label: `${a.label}目标`, content: a.text, span: 3 })),
            ...(props.adjustReason ? [{ label: '本版调整原因', content: props.adjustReason, span: 3 }] : []),
          ]}
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }} data-testid="plan-source">
          依据：{facts.source}
        </div>
      </Card>
      <Card bordered={false} title="指标完成情况" actions={<span className="lr-muted">统计区间 {props.range.from} 至 {props.range.to}</span>}>
        <PlanProgressTable view={props.progress} />
      </Card>
      <Card bordered={false} title="历史版本">
        <PlanVersionsTable versions={props.versions} viewingId={plan.id} />
      </Card>
      {adjusting && <PlanFormDialog
          mode={{ kind: 'adjust', plan, targets: props.targets, carryOver: props.carryOver, warnings: props.adjustWarnings }}
          onClose={() => setAdjusting(false)}
        />}
    </Space>
  );
}
