import type { TDec } from '@/modules/plans/amounts';
import { addDays } from '@/modules/parcels/demo/random';

/** Helpers shared by the funds demo builders. */

export const FIRST_DAY = '2022-01-01';

/** The last day the demo records anything on: yesterday, so that every step of that day is over. */
export const lastDayOf = (input: { today: string }) => addDays(input.today, -1);

/** A moment on `date` in Asia/Shanghai, `minutes` after midnight. */
export const momentOn = (date: string, minutes: number) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + minutes * 60_000);

export const roundUp = (v: TDec, step: number): TDec => v.div(step).ceil().mul(step);
export const roundDown = (v: TDec, step: number): TDec => v.div(step).floor().mul(step);

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const OPENS = 8 * 60 + 30;
const CLOSES = 17 * 60 + 30;

/**
 * `minutes` of office time (08:30–17:30 Asia/Shanghai) after the moment `at` (epoch ms): work left
 * at closing time goes on the next morning, so the demo's steps happen in office hours.
 */
export function addOfficeMinutes(at: number, minutes: number): number {
  const local = at + SHANGHAI_MS;
  let dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  let minute = (local - dayStart) / 60_000;
  if (minute < OPENS) minute = OPENS;
  if (minute > CLOSES) [dayStart, minute] = [dayStart + DAY_MS, OPENS];
  let left = minutes;
  while (minute + left > CLOSES) {
    left -= CLOSES - minute;
    [dayStart, minute] = [dayStart + DAY_MS, OPENS];
  }
  return dayStart + (minute + left) * 60_000 - SHANGHAI_MS;
}
