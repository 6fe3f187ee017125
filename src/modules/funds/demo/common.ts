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
