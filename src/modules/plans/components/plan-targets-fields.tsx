'use client';
import { Input } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { decimalProblem, formatHectares, formatMu, formatWan, formatYuan, MAX_AREA_M2, MAX_WAN, wanToYuan } from '../amounts';
import type { PlanTargetValues } from '../view';

type TargetKey = keyof PlanTargetValues;

const GROUPS: { title: string; count: TargetKey; area: TargetKey }[] = [
  { title: '收储入库', count: 'acquireCount', area: 'acquireArea' },
  { title: '前期开发', count: 'developCount', area: 'developArea' },
  { title: '供应', count: 'supplyCount', area: 'supplyArea' },
  { title: '管护', count: 'custodyCount', area: 'custodyArea' },
];

export const EMPTY_TARGETS: PlanTargetValues = {
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

/** The target inputs of a plan: count and area (m², with 亩/公顷) per activity, and fund need (万元). */
export function PlanTargetsFields(props: {
  values: PlanTargetValues;
  errors: Record<string, string>;
  onChange: (key: TargetKey, value: string) => void;
}) {
  const { values, errors, onChange } = props;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.4fr', columnGap: 16 }}>
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
