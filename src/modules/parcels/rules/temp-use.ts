import { addMonths, daysBetween, isIsoDate } from './dates';
import { RULE_SOURCES } from './sources';
import type { GuardProblem } from './types';

/**
 * Temporary use (临时利用) of reserve land: its term is limited in calendar months (the setting
 * parcel.tempUseLimitMonths, R17's "一般不超过两年" = 24), counted as 《民法典》第二百零一条、
 * 第二百零二条 count a period: the start day is not counted and the period ends on the
 * corresponding day of the last month, or on that month's last day when it has no such day.
 * So a use from 2024-03-01 may run to 2026-03-01, one from 2024-02-29 to 2026-02-28.
 */

/** 「2 年」 for whole years, else 「18 个月」. */
export function monthsText(months: number): string {
  return months % 12 === 0 ? `${months / 12} 年` : `${months} 个月`;
}

/** The last day a temporary use starting on `start` may run under a limit of `months`. */
export function tempUseLatestEnd(start: string, months: number): string {
  return addMonths(start, months);
}

/**
 * The agreed term against the limit: null when within it (or incomplete), a problem when the end
 * precedes the start or passes the latest end the limit allows. `limitSource` is the setting's
 * source as rules cite it (with 待核实 / 已核实), shown as the problem's rule.
 */
export function tempUseTermProblem(start: string | null, end: string | null, limitMonths: number, limitSource: string): GuardProblem | null {
  if (!isIsoDate(start) || !isIsoDate(end)) return null;
  if (daysBetween(start, end) < 0) {
    return { code: 'temp-use-term-order', message: `临时利用结束日期（${end}）不能早于开始日期（${start}）`, rule: RULE_SOURCES.eventDate };
  }
  const latest = tempUseLatestEnd(start, limitMonths);
  const over = daysBetween(latest, end);
  if (over <= 0) return null;
  return {
    code: 'temp-use-term-over',
    message: `临时利用期限（${start} 至 ${end}）超过 ${monthsText(limitMonths)}：自 ${start} 起最迟至 ${latest}，超出 ${over} 天。请缩短期限或按规定报批`,
    rule: `${limitSource}；${RULE_SOURCES.calendarTerm}`,
  };
}
