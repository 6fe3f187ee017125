'use client';
import { Button, Input } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { decimalProblem, formatHectares, formatMu, formatWan, formatYuan, MAX_AREA_M2, MAX_WAN, wanToYuan } from '../amounts';
import type { PlanTargetValues } from '../view';

type TargetKey = keyof PlanTargetValues;

const CARRY_GROUPS: { title: string; count: TargetKey; area: TargetKey }[] = [
  { title: '上年结转拟收储', count: 'carryPlannedCount', area: 'carryPlannedArea' },
  { title: '上年结转入库储备', count: 'carryReservedCount', area: 'carryReservedArea' },
];

const GROUPS: { title: string; count: TargetKey; area: TargetKey }[] = [
  { title: '新增拟收储', count: 'newPlannedCount', area: 'newPlannedArea' },
  { title: '新增入库', count: 'acquireCount', area: 'acquireArea' },
  { title: '前期开发', count: 'developCount', area: 'developArea' },
  { title: '供应', count: 'supplyCount', area: 'supplyArea' },
  { title: '管护', count: 'custodyCount', area: 'custodyArea' },
];

export const EMPTY_TARGETS: PlanTargetValues = {
  carryPlannedCount: '0',
  carryPlannedArea: '0',
  carryReservedCount: '0',
  carryReservedArea: '0',
  newPlannedCount: '0',
  newPlannedArea: '0',
  acquireCount: '0',
  acquireArea: '0',
  developCount: '0',
  developArea: '0',
  supplyCount: '0',
  supplyArea: '0',
  custodyCount: '0',
  custodyArea: '0',
  fundNeed: '0',
};

/** "≈ 18.00 亩 / 1.2000 公顷" under an area, once it is a valid number. */
function areaHint(value: string): string {
  const raw = value.trim();
  if (raw === '' || decimalProblem(raw, '面积', { unit: '平方米', max: MAX_AREA_M2 })) return '单位：平方米';
  return `≈ ${formatMu(raw)} 亩 / ${formatHectares(raw)} 公顷`;
}

function fundHint(value: string): string {
  const raw = value.trim();
  if (raw === '' || decimalProblem(raw, '资金需求', { unit: '万元', max: MAX_WAN })) return '单位：万元，最多 2 位小数';
  return `= ${formatWan(wanToYuan(raw))} 万元（${formatYuan(wanToYuan(raw))} 元）`;
}

/** What the records say was carried over, shown under the carry-over fields. */
export interface CarryOverHint {
  asOf: string;
  planned: { count: number; area: string };
  reserved: { count: number; area: string };
}

/**
 * The target inputs of a plan: for an annual plan first last year's carry-over (R17 二(五) 1), then
 * count and area (m², with 亩/公顷) per activity — new 拟收储 and new 入库 apart (二(五) 2) — and fund
 * need (万元).
 */
export function PlanTargetsFields(props: {
  values: PlanTargetValues;
  errors: Record<string, string>;
  onChange: (key: TargetKey, value: string) => void;
  annual: boolean;
  /** The records' carry-over for the plan's year, when known. */
  carryOver: CarryOverHint | null;
}) {
  const { values, errors, onChange, carryOver } = props;
  const fillCarryOver = () => {
    if (!carryOver) return;
    onChange('carryPlannedCount', String(carryOver.planned.count));
    onChange('carryPlannedArea', carryOver.planned.area);
    onChange('carryReservedCount', String(carryOver.reserved.count));
    onChange('carryReservedArea', carryOver.reserved.area);
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.4fr', columnGap: 16 }}>
      {props.annual && (
        <div style={{ gridColumn: '1 / span 2', fontSize: 13, marginBottom: 4 }} className="lr-muted">
          上年度末结转（{carryOver ? `系统核算截至 ${carryOver.asOf}：拟收储 ${carryOver.planned.count} 宗、入库储备 ${carryOver.reserved.count} 宗` : '系统无该年度的核算数'}）
          {carryOver && (
            <Button size="small" variant="text" theme="primary" onClick={fillCarryOver}>
              按系统核算填入
            </Button>
          )}
        </div>
      )}
      {props.annual &&
        CARRY_GROUPS.map((g) => (
          <div key={g.title} style={{ display: 'contents' }}>
            <LabeledField name={g.count} label={`${g.title}宗数`} error={errors[g.count]}>
              <Input value={values[g.count]} onChange={(v) => onChange(g.count, String(v))} maxlength={7} suffix="宗" />
            </LabeledField>
            <LabeledField name={g.area} label={`${g.title}面积`} error={errors[g.area]} hint={areaHint(values[g.area])}>
              <Input value={values[g.area]} onChange={(v) => onChange(g.area, String(v))} maxlength={18} suffix="平方米" />
            </LabeledField>
          </div>
        ))}
      {GROUPS.map((g) => (
        <div key={g.title} style={{ display: 'contents' }}>
          <LabeledField name={g.count} label={`${g.title}宗数`} error={errors[g.count]}>
            <Input value={values[g.count]} onChange={(v) => onChange(g.count, String(v))} maxlength={7} suffix="宗" />
          </LabeledField>
          <LabeledField name={g.area} label={`${g.title}面积`} error={errors[g.area]} hint={areaHint(values[g.area])}>
            <Input value={values[g.area]} onChange={(v) => onChange(g.area, String(v))} maxlength={18} suffix="平方米" />
          </LabeledField>
        </div>
      ))}
      <div style={{ gridColumn: '1 / span 2' }}>
        <LabeledField name="fundNeed" label="资金需求" error={errors.fundNeed} hint={fundHint(values.fundNeed)}>
          <Input value={values.fundNeed} onChange={(v) => onChange('fundNeed', String(v))} maxlength={14} suffix="万元" />
        </LabeledField>
      </div>
    </div>
  );
}
