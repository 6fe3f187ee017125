import type { TStage } from '../stages';
import { assertIsoDate, daysBetween, isIsoDate } from './dates';
import { monthsText, tempUseLatestEnd } from './temp-use';

/** Stages during which the parcel is held in reserve and in custody (DOMAIN.md stages 3–5). */
export const CUSTODY_STAGES: readonly TStage[] = ['已入库', '前期开发', '可供应'];

/** How close to a temporary-use limit or end date the amber warning starts. */
export const TEMP_USE_DUE_SOON_DAYS = 60;

export interface WarningFacts {
  stage: TStage;
  /** Date of entry into 已入库. */
  reservedOn: string | null;
  custodyMode: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  lastInspectionOn: string | null;
  lastDevelopmentUpdateOn: string | null;
  stageSince: string;
  /** 电子监管号 recorded on the parcel. */
  supervisionNo: string | null;
}

export interface WarningLimits {
  reserveLimitDays: number;
  reserveDueSoonDays: number;
  /** Calendar months (temp-use.ts). */
  tempUseLimitMonths: number;
  /** The limit's source as rules cite it (with 待核实 / 已核实); shown with the warning when given. */
  tempUseLimitSource?: string;
  inspectionIntervalDays: number;
  stalledDevelopmentDays: number;
  /** Days after 入库 within which the 电子监管号 is due (parcel.supervisionNoDays). */
  supervisionNoDays: number;
  /** That setting's source with its status, cited by the warning (pages that show it pass it). */
  supervisionNoSource?: string;
}

export type TWarningCode =
  | 'reserve-overdue'
  | 'reserve-due-soon'
  | 'temp-use-over'
  | 'temp-use-due-soon'
  | 'inspection-overdue'
  | 'development-stalled'
  | 'supervision-no-overdue'
  | 'supervision-no-due';

export interface ParcelWarning {
  code: TWarningCode;
  level: 'red' | 'amber';
  message: string;
  /** Where the limit comes from, when the warning cites one. */
  rule?: string;
}

const validOrNull = (d: string | null | undefined): string | null => (isIsoDate(d) ? d : null);

function reserveWarning(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning | null {
  const reservedOn = validOrNull(facts.reservedOn);
  if (!reservedOn || !CUSTODY_STAGES.includes(facts.stage)) return null;
  const days = daysBetween(reservedOn, today);
  const left = limits.reserveLimitDays - days;
  if (left < 0) {
    return { code: 'reserve-overdue', level: 'red', message: `已入库 ${days} 天未供应（期限 ${limits.reserveLimitDays} 天）` };
  }
  if (left <= limits.reserveDueSoonDays) {
    return {
      code: 'reserve-due-soon',
      level: 'amber',
      message: `已入库 ${days} 天未供应，距期限（${limits.reserveLimitDays} 天）还剩 ${left} 天`,
    };
  }
  return null;
}

function tempUseWarning(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning | null {
  if (facts.custodyMode !== '临时利用' || !CUSTODY_STAGES.includes(facts.stage)) return null;
  const start = validOrNull(facts.tempUseStart);
  const end = validOrNull(facts.tempUseEnd);
  const over: string[] = [];
  const soon: string[] = [];
  if (start) {
    const limit = monthsText(limits.tempUseLimitMonths);
    const latest = tempUseLatestEnd(start, limits.tempUseLimitMonths);
    const left = daysBetween(today, latest);
    if (left < 0) over.push(`临时利用自 ${start} 起已超过 ${limit}（最迟至 ${latest}）${-left} 天`);
    else if (left <= TEMP_USE_DUE_SOON_DAYS) soon.push(`临时利用自 ${start} 起将满 ${limit}（最迟至 ${latest}），还剩 ${left} 天`);
  }
  if (end) {
    const left = daysBetween(today, end);
    if (left < 0) over.push(`临时利用已超过约定结束日期（${end}）${-left} 天`);
    else if (left <= TEMP_USE_DUE_SOON_DAYS) soon.push(left === 0 ? `临时利用今天到期（${end}）` : `临时利用将于 ${left} 天后到期（${end}）`);
  }
  const rule = limits.tempUseLimitSource ? { rule: limits.tempUseLimitSource } : {};
  if (over.length > 0) return { code: 'temp-use-over', level: 'red', message: over.join('；'), ...rule };
  if (soon.length > 0) return { code: 'temp-use-due-soon', level: 'amber', message: soon.join('；'), ...rule };
  return null;
}

function inspectionWarning(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning | null {
  if (!CUSTODY_STAGES.includes(facts.stage)) return null;
  const last = validOrNull(facts.lastInspectionOn);
  // Never inspected: count from entry into reserve (or, lacking that date, from the current stage).
  const reservedOn = validOrNull(facts.reservedOn);
  const base = last ?? reservedOn ?? validOrNull(facts.stageSince);
  if (!base) return null;
  const days = daysBetween(base, today);
  const interval = limits.inspectionIntervalDays;
  if (days <= interval) return null;
  const what = last ? `距上次巡查（${last}）已 ${days} 天` : reservedOn ? `入库后 ${days} 天未巡查` : `自 ${base} 起 ${days} 天未巡查`;
  return {
    code: 'inspection-overdue',
    level: days > 2 * interval ? 'red' : 'amber',
    message: `${what}（巡查间隔 ${interval} 天）`,
  };
}

function developmentWarning(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning | null {
  if (facts.stage !== '前期开发') return null;
  // The later of the last work-package update and entry into 前期开发: updates from before the
  // stage began do not make a parcel that just entered it look stalled.
  const candidates = [validOrNull(facts.lastDevelopmentUpdateOn), validOrNull(facts.stageSince)].filter((d): d is string => d !== null);
  if (candidates.length === 0) return null;
  const base = candidates.reduce((a, b) => (a > b ? a : b));
  const days = daysBetween(base, today);
  if (days <= limits.stalledDevelopmentDays) return null;
  return {
    code: 'development-stalled',
    level: 'amber',
    message: `前期开发已 ${days} 天无进展（自 ${base} 起，期限 ${limits.stalledDevelopmentDays} 天）`,
  };
}

/**
 * A reserved parcel without its 电子监管号: amber while the configured days after 入库 run, red once
 * they are over (strictly: on the last day it is still amber).
 */
function supervisionNoWarning(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning | null {
  const reservedOn = validOrNull(facts.reservedOn);
  if (!reservedOn || !CUSTODY_STAGES.includes(facts.stage) || (facts.supervisionNo ?? '').trim() !== '') return null;
  const days = daysBetween(reservedOn, today);
  const limit = limits.supervisionNoDays;
  const rule = limits.supervisionNoSource ? { rule: limits.supervisionNoSource } : {};
  if (days > limit) {
    return { code: 'supervision-no-overdue', level: 'red', message: `入库 ${days} 天仍未录入电子监管号（期限 ${limit} 天）`, ...rule };
  }
  return { code: 'supervision-no-due', level: 'amber', message: `尚未录入电子监管号：入库后 ${limit} 天内应录入，还剩 ${limit - days} 天`, ...rule };
}

/**
 * The warnings a parcel raises today, in a fixed order (reserve, temporary use, inspection,
 * development, 电子监管号). Thresholds are strict: exactly at a limit is not yet over it. Invalid stored
 * dates are ignored; an invalid `today` throws.
 */
export function parcelWarnings(facts: WarningFacts, limits: WarningLimits, today: string): ParcelWarning[] {
  assertIsoDate(today, 'today');
  return [
    reserveWarning(facts, limits, today),
    tempUseWarning(facts, limits, today),
    inspectionWarning(facts, limits, today),
    developmentWarning(facts, limits, today),
    supervisionNoWarning(facts, limits, today),
  ].filter((w): w is ParcelWarning => w !== null);
}

/** The worst level among the warnings, or null when there are none. */
export function warningLevel(warnings: readonly Pick<ParcelWarning, 'level'>[]): 'red' | 'amber' | null {
  if (warnings.some((w) => w.level === 'red')) return 'red';
  return warnings.length > 0 ? 'amber' : null;
}
