import type { TAcquisitionRoute } from '../stages';
import { isIsoDate } from './dates';
import { RULE_SOURCES } from './sources';
import type { GuardProblem, TPlanFacts, TransitionFacts } from './types';

/*
 * Guards of acquisition: 启动收储 needs the plan or a government approval, 入库 the document the
 * land is taken under and (per setting) the 电子监管号.
 */

const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

/** Whether the plan is an annual reserve plan whose years include the date's year. */
export function planCovers(plan: TPlanFacts | null, date: string): boolean {
  if (!plan || plan.planType !== 'annual' || !isIsoDate(date)) return false;
  const year = Number(date.slice(0, 4));
  return plan.startYear <= year && year <= plan.endYear;
}

/** How the 启动收储 dialog should ask for its document: required unless the plan covers the date. */
export function startDocRequirement(plan: TPlanFacts | null, date: string): { required: boolean; note: string } {
  if (planCovers(plan, date)) {
    return { required: false, note: `所属项目已纳入现行储备计划「${plan!.title}」${plan!.docNo ? `（${plan!.docNo}）` : ''}` };
  }
  const year = isIsoDate(date) ? date.slice(0, 4) : '';
  const why = !plan
    ? '所属项目未纳入储备计划'
    : plan.planType !== 'annual'
      ? `所属项目只在「${plan.title}」中（三年滚动计划不是年度计划）`
      : `所属项目的计划「${plan.title}」不含 ${year} 年`;
  return { required: true, note: `${why}，须填写人民政府批准文件的文号` };
}

/** 拟收储 → 收储中: the parcel's project is in the annual plan in force, or the step cites a government approval. */
export function startAcquisitionProblems(facts: Pick<TransitionFacts, 'plan' | 'docNo' | 'eventDate' | 'today'>): GuardProblem[] {
  const date = isIsoDate(facts.eventDate) ? facts.eventDate : facts.today;
  const need = startDocRequirement(facts.plan, date);
  if (!need.required || !blank(facts.docNo)) return [];
  return [{ code: 'start-doc-missing', message: need.note, rule: RULE_SOURCES.startAcquisition }];
}

/** The document a parcel is taken under, by acquisition route, and the label of its number. */
export const ACQUISITION_DOC: Record<TAcquisitionRoute, { doc: string; label: string }> = {
  征收: { doc: '征地批复', label: '征地批复文号' },
  收回: { doc: '收回决定书', label: '收回决定书文号' },
  收购: { doc: '收购协议', label: '收购协议编号' },
  优先购买: { doc: '优先购买协议', label: '优先购买协议编号' },
};

/** 收储中 → 已入库: the document the land is taken under is recorded on the parcel. */
export function acquisitionDocProblems(route: TAcquisitionRoute, docNo: string | null): GuardProblem[] {
  if (!blank(docNo)) return [];
  const { doc, label } = ACQUISITION_DOC[route];
  return [
    {
      code: 'acquisition-doc-missing',
      message: `尚未录入${label}。“${route}”方式收储的土地须凭${doc}入库，请在地块信息中录入${label}后再入库`,
      rule: RULE_SOURCES.acquisitionDoc,
    },
  ];
}

/** 收储中 → 已入库 with the setting at 0 days: the 电子监管号 must be there before 入库. */
export function supervisionNoProblems(facts: Pick<TransitionFacts, 'supervisionNo' | 'supervisionNoDays' | 'supervisionNoSource'>): GuardProblem[] {
  if (facts.supervisionNoDays > 0 || !blank(facts.supervisionNo)) return [];
  return [
    {
      code: 'supervision-no-missing',
      message: '尚未录入电子监管号。请在土地储备监测监管系统中填报并取得电子监管号，录入地块信息后再入库',
      rule: facts.supervisionNoSource,
    },
  ];
}
