import { daysBetween, isIsoDate } from './dates';
import { RULE_SOURCES } from './sources';
import type { GuardProblem, TransitionFacts } from './types';

/**
 * 净地 before 可供应 (DOMAIN.md stage 5): demolition and levelling accepted or recorded as not
 * needed, every issued 不动产权证书 cancelled, the parcel in the supply plan of the year it
 * becomes ready, and no temporary use still running. Pure; the facts come from
 * `TransitionFacts.netLand` and the work packages.
 */

/** Works a parcel needs done (an accepted package) or recorded as not needed, before 可供应. */
export const NET_LAND_WORK_TYPES = ['拆除', '平整'] as const;
export type TNetLandWorkType = (typeof NET_LAND_WORK_TYPES)[number];

export const isNetLandWorkType = (t: string): t is TNetLandWorkType => (NET_LAND_WORK_TYPES as readonly string[]).includes(t);

export interface NetLandFacts {
  /** "No works needed" reasons, by work type (拆除 / 平整). */
  exemptions: { workType: string; reason: string }[];
  /** The certificate number on the parcel (its registration as government reserve land), or null. */
  titleCertNo: string | null;
  /** Cancellations recorded: certificate number and date of cancellation. */
  titleCancellations: { certNo: string; cancelledOn: string }[];
  /** The supply plans the parcel is listed in: year, document number, date listed. */
  supplyPlans: { year: number; docNo: string; listedOn: string }[];
  /** The parcel's custody: a mode of 临时利用 means a temporary use still running. */
  custodyMode: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  /** When the last temporary use actually ended (land taken back), or null. */
  tempUseEndedOn: string | null;
}

/** A certificate number as written on paper or typed: spaces dropped, full-width brackets as ASCII. */
export function normaliseCertNo(certNo: string): string {
  return certNo
    .replace(/\s+/g, '')
    .replace(/[（〔［]/g, '(')
    .replace(/[）〕］]/g, ')');
}

/** What the 净地 conditions read (a part of TransitionFacts, so a page can check them alone). */
export type TNetLandInput = Pick<TransitionFacts, 'today' | 'eventDate' | 'titleRegistered' | 'workPackages' | 'netLand'>;

const workLabel: Record<TNetLandWorkType, string> = { 拆除: '地上建（构）筑物拆除', 平整: '场地平整' };

function worksProblems(facts: TNetLandInput): GuardProblem[] {
  const missing = NET_LAND_WORK_TYPES.filter((type) => {
    const accepted = facts.workPackages.some((w) => w.workType === type && isIsoDate(w.acceptedOn));
    const exempt = facts.netLand.exemptions.some((e) => e.workType === type && e.reason.trim() !== '');
    return !accepted && !exempt;
  });
  if (missing.length === 0) return [];
  return [
    {
      code: 'net-land-works',
      message: `尚未达到净地：${missing.map((t) => `${workLabel[t]}（无已验收的${t}工作包，也未登记无须${t}的原因）`).join('；')}。请登记并验收相应工作包，或在「前期开发」中登记无须施工的原因`,
      rule: RULE_SOURCES.netLandWorks,
    },
  ];
}

function titleProblems(facts: TNetLandInput, eventDate: string | null): GuardProblem[] {
  const certNo = facts.netLand.titleCertNo?.trim() ?? '';
  const rule = RULE_SOURCES.titleCancelled;
  if (certNo === '') {
    if (!facts.titleRegistered) return [];
    return [
      {
        code: 'net-land-title-cert-no',
        message: '地块已登记为政府储备土地，但未录入不动产权证号。请在地块信息中录入证号，办理注销后在「前期开发」中登记注销',
        rule,
      },
    ];
  }
  const wanted = normaliseCertNo(certNo);
  const cancellation = facts.netLand.titleCancellations.find((c) => normaliseCertNo(c.certNo) === wanted && isIsoDate(c.cancelledOn));
  if (!cancellation) {
    return [
      {
        code: 'net-land-title',
        message: `不动产权证书 ${certNo} 尚未注销。请办理注销登记，并在「前期开发」中登记证书号和注销日期`,
        rule,
      },
    ];
  }
  if (eventDate && daysBetween(eventDate, cancellation.cancelledOn) > 0) {
    return [{ code: 'net-land-late-title', message: `不动产权证书 ${certNo} 的注销日期（${cancellation.cancelledOn}）晚于可供应日期（${eventDate}）`, rule }];
  }
  return [];
}

function supplyPlanProblems(facts: TNetLandInput, eventDate: string | null): GuardProblem[] {
  const year = Number((eventDate ?? facts.today).slice(0, 4));
  const rule = RULE_SOURCES.supplyPlan;
  const listing = facts.netLand.supplyPlans.find((p) => p.year === year && p.docNo.trim() !== '');
  if (!listing) {
    return [{ code: 'net-land-plan', message: `地块尚未纳入 ${year} 年度供应计划。请在「前期开发」中登记纳入的供应计划文号和日期`, rule }];
  }
  if (eventDate && isIsoDate(listing.listedOn) && daysBetween(eventDate, listing.listedOn) > 0) {
    return [{ code: 'net-land-late-plan', message: `地块纳入 ${year} 年度供应计划（${listing.docNo}）的日期（${listing.listedOn}）晚于可供应日期（${eventDate}）`, rule }];
  }
  return [];
}

function tempUseProblems(facts: TNetLandInput, eventDate: string | null): GuardProblem[] {
  const n = facts.netLand;
  const rule = RULE_SOURCES.tempUseEnded;
  if (n.custodyMode === '临时利用') {
    const term = n.tempUseStart || n.tempUseEnd ? `（${n.tempUseStart ?? '？'} 至 ${n.tempUseEnd ?? '？'}）` : '';
    return [
      {
        code: 'net-land-temp-use',
        message: `地块仍在临时利用${term}。请结束临时利用、收回土地，并在「管护」中登记实际结束日期和之后的管护方式`,
        rule,
      },
    ];
  }
  if (eventDate && isIsoDate(n.tempUseEndedOn) && daysBetween(eventDate, n.tempUseEndedOn) > 0) {
    return [{ code: 'net-land-late-temp-use', message: `临时利用的实际结束日期（${n.tempUseEndedOn}）晚于可供应日期（${eventDate}）`, rule }];
  }
  return [];
}

/** Every 净地 condition not met for 前期开发 → 可供应 on `facts.eventDate` (its year picks the supply plan). */
export function netLandProblems(facts: TNetLandInput): GuardProblem[] {
  const eventDate = isIsoDate(facts.eventDate?.trim()) ? facts.eventDate.trim() : null;
  return [...worksProblems(facts), ...titleProblems(facts, eventDate), ...supplyPlanProblems(facts, eventDate), ...tempUseProblems(facts, eventDate)];
}
