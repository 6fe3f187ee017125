/** Calendar-date helpers for 'YYYY-MM-DD' strings (UTC arithmetic, so no time-zone drift). */
import { isIsoDate } from '@/platform/dates';

const DAY_MS = 86_400_000;

/** A real calendar date written exactly as YYYY-MM-DD (one definition: platform/dates). */
export { isIsoDate };

function toUtcDay(value: string): number {
  const [y, mo, d] = value.split('-').map(Number);
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

/** Whole days from `from` to `to` (positive when `to` is later). Both must be valid ISO dates. */
export function daysBetween(from: string, to: string): number {
  return toUtcDay(to) - toUtcDay(from);
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date((toUtcDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Programmer-supplied dates (today, stored dates) must be valid; a bad one is a bug, not user input. */
export function assertIsoDate(value: string, name: string): void {
  if (!isIsoDate(value)) throw new Error(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The date `months` calendar months after `date`, on the same day of the month or, when that
 * month is shorter, on its last day (2024-02-29 + 24 months = 2026-02-28; 2025-01-31 + 1 month =
 * 2025-02-28): how 《民法典》第二百零二条 counts a period in months or years.
 */
export function addMonths(date: string, months: number): string {
  assertIsoDate(date, 'date');
  if (!Number.isInteger(months)) throw new Error(`months must be a whole number, got ${months}`);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0-based
  const lastDay = month === 1 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month];
  return `${String(year).padStart(4, '0')}-${pad2(month + 1)}-${pad2(Math.min(d, lastDay))}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
