/**
 * Calendar dates as people type them. Pure and client-safe: the date field (src/ui/date-field.tsx)
 * reads what was typed or pasted with it, so the form holds exactly the date the user sees.
 */

/** The range of years the system accepts anywhere a person types a date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const DATE_FORMAT_HINT = '请按「年-月-日」填写，如 2025-06-18';

export type TTypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; message: string };

// Full-width digits and separators typed with a Chinese input method count as their ASCII forms.
const FULL_WIDTH = /[\uff10-\uff19\uff0d\uff0f\uff0e]/g;
function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A typed or pasted date: `2025-06-18`, `2025/6/18`, `2025.6.18`, `2025年6月18日`, `20250618`
 * (full-width digits too) → `2025-06-18`; an impossible date or another shape → a Chinese message
 * saying what is wrong; blank → empty.
 */
export function parseTypedDate(raw: string): TTypedDate {
  const text = toHalfWidth(raw).trim();
  if (text === '') return { kind: 'empty' };
  const m = SEPARATED.exec(text) ?? COMPACT.exec(text);
  if (!m) return { kind: 'invalid', message: `「${raw.trim()}」不是日期，${DATE_FORMAT_HINT}` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'invalid', message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` };
  if (month < 1 || month > 12) return { kind: 'invalid', message: `月份应为 1–12，「${raw.trim()}」的月份是 ${month}` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return { kind: 'invalid', message: `${year} 年 ${month} 月只有 ${last} 天，没有 ${day} 日` };
  return { kind: 'date', iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** True for a real calendar date written exactly as YYYY-MM-DD within the accepted years. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parsed = parseTypedDate(value);
  return parsed.kind === 'date' && parsed.iso === value;
}

/**
 * Why `iso` is outside [min, max] (both optional, YYYY-MM-DD), or null. `maxIsToday` words the
 * upper bound as 今天, as the rules that forbid future dates do.
 */
export function dateRangeProblem(iso: string, bounds: { min?: string | null; max?: string | null; maxIsToday?: boolean }): string | null {
  if (bounds.min && iso < bounds.min) return `不能早于 ${bounds.min}`;
  if (bounds.max && iso > bounds.max) return bounds.maxIsToday ? `不能晚于今天（${bounds.max}）` : `不能晚于 ${bounds.max}`;
  return null;
}
