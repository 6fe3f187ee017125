/** Calendar-date helpers for 'YYYY-MM-DD' strings (UTC arithmetic, so no time-zone drift). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written as YYYY-MM-DD (2023-02-29 is false, 2024-02-29 true). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

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
