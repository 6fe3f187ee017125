import { HAZARD_CHECKS, HAZARD_REASON_MAX, type THazardKey, type THazardReasonKey, type THazardResult } from '../stages';
import { RULE_SOURCES } from './sources';
import type { GuardProblem } from './types';

/*
 * The 入库 hazard checks (R17) and when the soil-pollution survey is required by law
 * (土壤污染防治法 第59、67条); otherwise it is optional.
 */

const RESIDENTIAL = /住宅|居住|宅基地/;
/**
 * 公共管理与公共服务用地 and its subclasses in 国土空间调查、规划、用途管制用地用海分类 (08:
 * 机关团体、科研、文化、教育、体育、医疗卫生、社会福利用地); 文化设施用地 is the older name.
 */
const PUBLIC_SERVICE = /公共管理与公共服务|机关团体用地|科研用地|文化(设施)?用地|教育用地|体育用地|医疗卫生用地|社会福利用地/;

export type TSoilSurveyNeed = { required: true; because: string } | { required: false; because: string };

/**
 * Whether the soil-pollution survey is required before 入库: the planned use is 住宅 or
 * 公共管理与公共服务 (第59条), or the land was used by a key-supervised unit (第67条). With no planned
 * use the need cannot be judged, so the survey is required until the use is recorded.
 */
export function soilSurveyNeed(plannedUse: string | null | undefined, keySupervised: boolean): TSoilSurveyNeed {
  const use = (plannedUse ?? '').trim();
  if (keySupervised) return { required: true, because: '原为土壤污染重点监管单位生产经营用地' };
  if (RESIDENTIAL.test(use)) return { required: true, because: `规划用途为${use}（住宅）` };
  if (PUBLIC_SERVICE.test(use)) return { required: true, because: `规划用途为${use}（公共管理与公共服务）` };
  if (use === '') return { required: true, because: '尚未填写规划用途，无法判断可否免于调查' };
  return { required: false, because: `规划用途为${use}，且不是土壤污染重点监管单位用地` };
}

export interface THazardFacts {
  hazards: Record<THazardKey, THazardResult>;
  hazardReasons: Partial<Record<THazardReasonKey, string | null>>;
  plannedUse: string | null;
  soilKeySupervised: boolean;
}

const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

/** A 不涉及 result needs its reason (at most HAZARD_REASON_MAX characters). null when fine. */
export function hazardReasonProblem(label: string, result: THazardResult, reason: string | null | undefined): string | null {
  if (result !== '不涉及') return null;
  const text = (reason ?? '').trim();
  if (text === '') return `${label}选择“不涉及”时须写明理由`;
  const length = [...text].length;
  return length > HAZARD_REASON_MAX ? `${label}“不涉及”的理由不能超过 ${HAZARD_REASON_MAX} 字（现有 ${length} 字）` : null;
}

/** Form check: 不涉及 is not allowed for the soil survey where the law requires it. */
export function soilNotApplicableProblem(facts: Pick<THazardFacts, 'plannedUse' | 'soilKeySupervised'>, result: THazardResult): string | null {
  const need = soilSurveyNeed(facts.plannedUse, facts.soilKeySupervised);
  return need.required && result === '不涉及' ? `${need.because}，依法须进行土壤污染状况调查，不能选择“不涉及”` : null;
}

/**
 * 收储中 → 已入库: every check 通过 or 不涉及 with its reason; the soil survey, where required, 通过
 * (未查 is fine where it is optional); no check 不通过 (to be treated and assessed again).
 */
export function hazardProblems(facts: THazardFacts): GuardProblem[] {
  const soil = soilSurveyNeed(facts.plannedUse, facts.soilKeySupervised);
  const unchecked: string[] = [];
  const failed: string[] = [];
  const noReason: string[] = [];
  const problems: GuardProblem[] = [];
  for (const h of HAZARD_CHECKS) {
    const result = facts.hazards[h.key];
    const isSoil = h.key === 'hazardSoil';
    if (result === '不通过') failed.push(h.label);
    else if (result === '不涉及') {
      if (isSoil && soil.required) {
        problems.push({
          code: 'soil-survey-required',
          message: `${soil.because}，依法须进行土壤污染状况调查，不能以“不涉及”入库。请完成调查并录入结论“通过”后再入库`,
          rule: RULE_SOURCES.soilSurvey,
        });
      } else if (blank(facts.hazardReasons[h.reasonKey])) noReason.push(h.label);
    } else if (result !== '通过') {
      if (!isSoil) unchecked.push(h.label);
      else if (soil.required) {
        problems.push({
          code: 'soil-survey-required',
          message: `土壤污染状况调查尚未完成（未查）：${soil.because}，依法须调查。请完成调查并录入结论“通过”后再入库`,
          rule: RULE_SOURCES.soilSurvey,
        });
      }
    }
  }
  if (unchecked.length > 0) {
    problems.push({
      code: 'hazard-unchecked',
      message: `以下调查评估尚未完成（未查）：${unchecked.join('、')}。请完成并录入结论“通过”，或经核查选择“不涉及”并写明理由后再入库`,
      rule: RULE_SOURCES.hazards,
    });
  }
  if (noReason.length > 0) {
    problems.push({
      code: 'hazard-reason-missing',
      message: `以下调查评估为“不涉及”但未写明理由：${noReason.join('、')}。请在地块信息中补录理由后再入库`,
      rule: RULE_SOURCES.hazards,
    });
  }
  if (failed.length > 0) {
    problems.push({
      code: 'hazard-failed',
      message: `以下调查评估结论为“不通过”：${failed.join('、')}。须完成治理并重新评估为“通过”后方可入库`,
      rule: RULE_SOURCES.hazards,
    });
  }
  return problems;
}
