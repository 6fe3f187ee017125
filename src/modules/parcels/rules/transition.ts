import type { TStage } from '../stages';
import { acquisitionDocProblems, startAcquisitionProblems, supervisionNoProblems } from './acquisition';
import { assertIsoDate, daysBetween, isIsoDate } from './dates';
import { hazardProblems } from './hazards';
import { findTransition, nextStages, type TTransitionKind } from './lifecycle';
import { RULE_SOURCES } from './sources';
import { supplyProblems } from './supply';
import { netLandProblems } from './net-land';
import { Money } from './money';
import type { GuardProblem, TransitionFacts } from './types';

export const REASON_MAX_LENGTH = 500;

/** '1234567.5' → '1,234,567.50'. */
function yuanText(value: string): string {
  return new Money(value).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export type TTransitionCheck = { ok: true; kind: TTransitionKind } | { ok: false; problems: GuardProblem[] };

function notAllowed(from: TStage, to: TStage): GuardProblem {
  const options = nextStages(from);
  const message =
    from === '终止'
      ? '地块已终止收储，不能再办理任何环节'
      : from === to
        ? `地块已处于“${from}”环节`
        : `不能从“${from}”直接转为“${to}”，当前可办理：${options.map((o) => `${o.label}（转为“${o.to}”）`).join('、')}`;
  return { code: 'transition-not-allowed', message, rule: RULE_SOURCES.lifecycle };
}

function dateProblems(facts: TransitionFacts): GuardProblem[] {
  const rule = RULE_SOURCES.eventDate;
  const date = (facts.eventDate ?? '').trim();
  if (date === '') return [{ code: 'date-missing', message: '请填写办理日期', rule }];
  if (!isIsoDate(date)) return [{ code: 'date-invalid', message: `办理日期“${date}”不是有效日期，应为 YYYY-MM-DD`, rule }];
  const problems: GuardProblem[] = [];
  if (daysBetween(facts.today, date) > 0) {
    problems.push({ code: 'date-future', message: `办理日期（${date}）不能晚于今天（${facts.today}）`, rule });
  }
  if (facts.lastEventDate && daysBetween(facts.lastEventDate, date) < 0) {
    problems.push({ code: 'date-before-last', message: `日期不能早于上一环节（${facts.lastEventDate}）`, rule });
  }
  return problems;
}

function reasonProblems(kind: 'cancel' | 'abort-trade', reason: string | null | undefined): GuardProblem[] {
  const what = kind === 'cancel' ? '终止收储原因' : '交易中止原因';
  const rule = kind === 'cancel' ? RULE_SOURCES.cancelReason : RULE_SOURCES.abortReason;
  const text = (reason ?? '').trim();
  if (text === '') return [{ code: 'reason-missing', message: `请填写${what}`, rule }];
  const length = [...text].length;
  if (length > REASON_MAX_LENGTH) {
    return [{ code: 'reason-too-long', message: `${what}不能超过 ${REASON_MAX_LENGTH} 字（现有 ${length} 字）`, rule }];
  }
  return [];
}

/**
 * 收储中 → 已入库: compensation complete, title registered, the acquisition document recorded, the
 * 电子监管号 (when the setting asks for it at 入库), every hazard check done or 不涉及 with a reason.
 */
function reserveProblems(facts: TransitionFacts): GuardProblem[] {
  const problems: GuardProblem[] = [];
  const { parties, allSigned, allPaid } = facts.compensation;
  if (parties <= 0) {
    if (facts.acquisitionRoute !== '收回') {
      problems.push({
        code: 'compensation-none',
        message: `尚未登记补偿对象。“${facts.acquisitionRoute}”方式收储须先登记被补偿户/单位，签订补偿协议并支付补偿款后方可入库`,
        rule: RULE_SOURCES.compensation,
      });
    }
  } else {
    if (!allSigned) {
      problems.push({
        code: 'compensation-unsigned',
        message: '仍有补偿对象未签订补偿协议。请在“收储补偿”中补录协议签订日期后再入库',
        rule: RULE_SOURCES.compensation,
      });
    }
    if (!allPaid) {
      const waiting = facts.compensation.unapproved ?? [];
      problems.push({
        code: 'compensation-unpaid',
        message: waiting.length
          ? `仍有补偿款未经财务审批，不计为已支付：${waiting
              .map((w) => `补偿对象「${w.partyName}」的支付记录 ${w.entryNo}（${yuanText(w.amount)} 元）${w.statusLabel}`)
              .join('；')}。请在资金管理中完成审批后再入库`
          : '仍有补偿款未足额支付（经财务审批的支付少于协议金额）。请支付并登记、经财务审批后再入库',
        rule: RULE_SOURCES.compensation,
      });
    }
  }
  if (!facts.titleRegistered) {
    problems.push({
      code: 'title-not-registered',
      message: '土地尚未登记为政府储备土地。请办理不动产登记，并在地块信息中录入权证号和登记日期后再入库',
      rule: RULE_SOURCES.title,
    });
  }
  problems.push(...acquisitionDocProblems(facts.acquisitionRoute, facts.acquisitionDocNo));
  problems.push(...supervisionNoProblems(facts));
  problems.push(...hazardProblems(facts));
  return problems;
}

/** 前期开发 → 可供应: every work package accepted, and the land clean (净地, net-land.ts). */
function readyProblems(facts: TransitionFacts): GuardProblem[] {
  const problems: GuardProblem[] = [];
  const pending = new Map<string, number>();
  for (const w of facts.workPackages) {
    if (!isIsoDate(w.acceptedOn)) pending.set(w.workType, (pending.get(w.workType) ?? 0) + 1);
  }
  if (pending.size > 0) {
    const names = [...pending].map(([type, n]) => (n > 1 ? `${type}（${n} 项）` : type));
    problems.push({
      code: 'work-packages-unaccepted',
      message: `以下前期开发工作包尚未验收：${names.join('、')}。请验收合格并录入验收日期后再转为可供应`,
      rule: RULE_SOURCES.ready,
    });
  }
  return [...problems, ...netLandProblems(facts)];
}

/**
 * May a parcel in `from` move to `to` with these facts? Returns every problem found, so the form
 * can show them all at once. `facts.today` and `facts.lastEventDate` come from the system and must
 * be valid dates (a bad one throws); `facts.eventDate` is user input and is reported.
 */
export function checkTransition(from: TStage, to: TStage, facts: TransitionFacts): TTransitionCheck {
  assertIsoDate(facts.today, 'facts.today');
  if (facts.lastEventDate !== null) assertIsoDate(facts.lastEventDate, 'facts.lastEventDate');

  const step = findTransition(from, to);
  const problems: GuardProblem[] = [];
  if (!step) problems.push(notAllowed(from, to));
  // A supply dated by its deal date: supplyProblems checks that date (today, the last step) itself.
  const datedByDeal = step && to === '已供应' && (facts.supply?.dealDate ?? '').trim() === (facts.eventDate ?? '').trim();
  if (!datedByDeal) problems.push(...dateProblems(facts));
  if (step) {
    if (step.kind === 'cancel' || step.kind === 'abort-trade') problems.push(...reasonProblems(step.kind, facts.reason));
    else if (to === '收储中') problems.push(...startAcquisitionProblems(facts));
    else if (to === '已入库') problems.push(...reserveProblems(facts));
    else if (to === '可供应') problems.push(...readyProblems(facts));
    else if (to === '已供应') problems.push(...supplyProblems(facts.supply, facts));
  }
  return step && problems.length === 0 ? { ok: true, kind: step.kind } : { ok: false, problems };
}

/** Which form field of the transition dialog a guard problem concerns, by its code; null for the parcel's records. */
const PROBLEM_FIELDS: [prefix: string, field: string][] = [
  ['supply-mode', 'supply.mode'],
  ['supply-competitive-only', 'supply.mode'],
  ['supply-not-allocatable', 'supply.mode'],
  ['supply-use-', 'supply.mode'],
  ['supply-allocation', 'supply.allocationCategory'],
  ['supply-benchmark', 'supply.benchmarkPrice'],
  ['supply-bid-start', 'supply.bidStartDate'],
  ['supply-listing', 'supply.listingEndDate'],
  ['supply-deal-date', 'supply.dealDate'],
  ['supply-deal', 'supply.dealPrice'],
  ['supply-starting-price', 'supply.startingPrice'],
  ['supply-transferee', 'supply.transferee'],
  ['supply-contract', 'supply.contractNo'],
  ['supply-notice', 'supply.noticeDate'],
  ['start-doc', 'docNo'],
  ['date-', 'eventDate'],
  ['net-land-late-', 'eventDate'],
  ['reason-', 'reason'],
];

/**
 * The guard problems that concern a field of the form, as field errors (first problem per field).
 * For a supply the step's date is the deal date, so date problems show there.
 */
export function problemFieldErrors(problems: readonly GuardProblem[], opts: { supply: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const hit = PROBLEM_FIELDS.find(([prefix]) => p.code.startsWith(prefix));
    if (!hit) continue;
    const field = hit[1] === 'eventDate' && opts.supply ? 'supply.dealDate' : hit[1];
    out[field] ??= p.message;
  }
  return out;
}
