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
