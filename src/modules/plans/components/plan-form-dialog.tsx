'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Alert, Checkbox, Dialog, Form, Input, Radio, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { adjustPlanAction, createPlanAction } from '../actions';
import { defaultPlanTitle, PLAN_TYPE_LABELS, PLAN_TYPES, planEndYear, planYearsLabel, type TPlanType } from '../validation';
import type { PlanRowView, PlanTargetValues } from '../view';
import { PLAN_SOURCES } from '../sources';
import { EMPTY_TARGETS, PlanTargetsFields, type CarryOverHint } from './plan-targets-fields';

export type PlanDialogMode =
  | { kind: 'create'; defaultYear: number; carryOver: Record<number, CarryOverHint> }
  | { kind: 'adjust'; plan: PlanRowView; targets: PlanTargetValues; carryOver: CarryOverHint | null; warnings: PlanWarningView[] };

export interface PlanWarningView {
  code: string;
  message: string;
  rule: string;
}

interface Draft extends PlanTargetValues {
  planType: TPlanType;
  startYear: string;
  title: string;
  docNo: string;
  approvedOn: string;
  reason: string;
}

function initialDraft(mode: PlanDialogMode): Draft {
  if (mode.kind === 'adjust') {
    const p = mode.plan;
    return { ...mode.targets, planType: p.planType, startYear: String(p.startYear), title: p.title, docNo: '', approvedOn: '', reason: '' };
  }
  const year = String(mode.defaultYear);
  const carry = mode.carryOver[mode.defaultYear];
  const carried = carry
    ? { carryPlannedCount: String(carry.planned.count), carryPlannedArea: carry.planned.area, carryReservedCount: String(carry.reserved.count), carryReservedArea: carry.reserved.area }
    : {};
  return { ...EMPTY_TARGETS, ...carried, planType: 'annual', startYear: year, title: defaultPlanTitle('annual', mode.defaultYear), docNo: '', approvedOn: '', reason: '' };
}

function yearsOf(draft: Draft): string {
  const start = Number(draft.startYear);
  if (!/^\d{4}$/.test(draft.startYear.trim())) return '请填写四位数字年份';
  return `覆盖 ${planYearsLabel(start, planEndYear(draft.planType, start))}`;
}

/** Create a plan, or adjust the current version of one (a new version with a reason). */
export function PlanFormDialog(props: { mode: PlanDialogMode; onClose: () => void }) {
  const { mode } = props;
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(mode));
  // The suggested title follows type and year until the user types their own.
  const [titleTouched, setTitleTouched] = useState(mode.kind === 'adjust');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const [acknowledged, setAcknowledged] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => {
      const next = { ...d, [key]: value };
      if (!titleTouched && (key === 'planType' || key === 'startYear') && /^\d{4}$/.test(next.startYear.trim())) {
        next.title = defaultPlanTitle(next.planType, Number(next.startYear));
      }
      return next;
    });
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const targets = (d: Draft): PlanTargetValues => ({
    carryPlannedCount: d.carryPlannedCount,
    carryPlannedArea: d.carryPlannedArea,
    carryReservedCount: d.carryReservedCount,
    carryReservedArea: d.carryReservedArea,
    newPlannedCount: d.newPlannedCount,
    newPlannedArea: d.newPlannedArea,
    acquireCount: d.acquireCount,
    acquireArea: d.acquireArea,
    developCount: d.developCount,
    developArea: d.developArea,
    supplyCount: d.supplyCount,
    supplyArea: d.supplyArea,
    custodyCount: d.custodyCount,
    custodyArea: d.custodyArea,
    fundNeed: d.fundNeed,
  });

  const submit = async () => {
    if (mode.kind === 'adjust') {
      const input = {
        id: mode.plan.id,
        title: draft.title,
        reason: draft.reason,
        docNo: draft.docNo,
        approvedOn: draft.approvedOn,
        acknowledged: acknowledged ? mode.warnings.map((w) => w.code) : [],
        ...targets(draft),
      };
      const res = await run(() => adjustPlanAction(input), '计划已调整，已生成新版本', setErrors);
      if (res?.ok) {
        props.onClose();
        router.push(`/plans/${res.data.id}`);
      }
      return;
    }
    const input = { planType: draft.planType, startYear: draft.startYear, title: draft.title, docNo: draft.docNo, approvedOn: draft.approvedOn, ...targets(draft) };
    const res = await run(() => createPlanAction(input), '计划已创建', setErrors);
    if (res?.ok) {
      props.onClose();
      router.push(`/plans/${res.data.id}`);
    }
  };

  const adjusting = mode.kind === 'adjust';
  return (
    <Dialog
      visible
      header={adjusting ? `调整计划：${mode.plan.title}（第 ${mode.plan.version} 版）` : '新建储备计划'}
      width={760}
      confirmBtn={{ content: adjusting ? '保存为新版本' : '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
      destroyOnClose
    >
      <Form labelAlign="top" colon={false} onSubmit={submit} preventSubmitDefault data-testid="plan-form">
        {adjusting && (
          <Alert
            theme="info"
            style={{ marginBottom: 12 }}
            message={`保存后生成第 ${mode.plan.version + 1} 版，第 ${mode.plan.version} 版转为历史版本并保留。计划类型和年度不可调整。`}
          />
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="planType" label="计划类型" required error={errors.planType}>
            <Radio.Group value={draft.planType} disabled={adjusting} onChange={(v) => set('planType', v as TPlanType)}>
              {PLAN_TYPES.map((t) => (
                <Radio.Button key={t} value={t}>
                  {PLAN_TYPE_LABELS[t]}
                </Radio.Button>
              ))}
            </Radio.Group>
          </LabeledField>
          <LabeledField name="startYear" label="起始年度" required error={errors.startYear} hint={yearsOf(draft)}>
            <Input value={draft.startYear} disabled={adjusting} maxlength={4} onChange={(v) => set('startYear', String(v))} suffix="年" />
          </LabeledField>
        </div>
        <LabeledField name="title" label="计划名称" required error={errors.title}>
          <Input
            value={draft.title}
            maxlength={100} allowInputOverMax showLimitNumber
            onChange={(v) => {
              setTitleTouched(true);
              set('title', String(v));
            }}
          />
        </LabeledField>
        {adjusting && mode.warnings.length > 0 && (
          <div data-testid="plan-adjust-warnings" style={{ marginBottom: 12 }}>
            <Alert
              theme="warning"
              message={
                <div>
                  {mode.warnings.map((w) => (
                    <div key={w.code}>
                      <div>{w.message}</div>
                      <div className="lr-muted" style={{ fontSize: 12 }}>
                        依据：{w.rule}
                      </div>
                    </div>
                  ))}
                </div>
              }
            />
            <div style={{ marginTop: 8 }}>
              <Checkbox checked={acknowledged} onChange={(c) => setAcknowledged(Boolean(c))}>
                我已知悉上述提示，确认再次调整
              </Checkbox>
              {errors.acknowledge && <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 4 }}>{errors.acknowledge}</div>}
            </div>
          </div>
        )}
        {adjusting && (
          <LabeledField name="reason" label="调整原因" required error={errors.reason}>
            <Textarea value={draft.reason} maxlength={500} allowInputOverMax autosize={{ minRows: 2, maxRows: 5 }} onChange={(v) => set('reason', String(v))} />
          </LabeledField>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField
            name="docNo"
            label={adjusting ? '调整批准文号' : '批准文号'}
            error={errors.docNo}
            hint={adjusting ? `选填；不填则沿用「${mode.plan.docNo ?? '无'}」` : '选填，如：益政函〔2026〕12号'}
          >
            <Input value={draft.docNo} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('docNo', String(v))} />
          </LabeledField>
          <LabeledField name="approvedOn" label={adjusting ? '调整批准日期' : '批准日期'} error={errors.approvedOn} hint="选填，格式 YYYY-MM-DD">
            <DateField value={draft.approvedOn} onChange={(v) => set('approvedOn', v)} />
          </LabeledField>
        </div>
        <div className="lr-muted" style={{ margin: '4px 0 8px' }}>
          计划指标
        </div>
        <PlanTargetsFields
          values={targets(draft)}
          errors={errors}
          onChange={(k, v) => set(k, v)}
          annual={draft.planType === 'annual'}
          carryOver={mode.kind === 'adjust' ? mode.carryOver : (mode.carryOver[Number(draft.startYear)] ?? null)}
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 4 }}>
          依据：{draft.planType === 'rolling' ? PLAN_SOURCES.rolling : PLAN_SOURCES.annual}
        </div>
      </Form>
    </Dialog>
  );
}
