import type { supplyPlanListings, titleCancellations, workExemptions } from '../net-land/schema';
import { addDays, dateBetween, maxDate, yearOf, type Rng } from './random';

/**
 * The 净地 records of a demo parcel: the reason no demolition was needed (land without
 * buildings), the cancellation of its 不动产权证书 and its place in the year's supply plan —
 * each dated on or before the day it became 可供应, as the guard asks.
 */

export interface NetLandInput {
  parcelId: string;
  currentUse: string;
  demolition: boolean;
  titleCertNo: string | null;
  titleRegisteredOn: string | null;
  /** Entry into 前期开发, or null. */
  developingOn: string | null;
  /** First entry into 可供应, or null. */
  readyOn: string | null;
  /** Today, or the cancellation date. */
  endOn: string;
  createdBy: string | null;
}

export interface NetLandRecords {
  exemptions: (typeof workExemptions.$inferInsert)[];
  cancellations: (typeof titleCancellations.$inferInsert)[];
  listings: (typeof supplyPlanListings.$inferInsert)[];
}

/** Current uses whose land carries buildings to pull down before supply. */
export const BUILT_USES: ReadonlySet<string> = new Set(['村庄', '工矿仓储用地', '城镇住宅用地', '商服用地']);

/** The year's 国有建设用地供应计划 of the demo city (one document a year). */
export function supplyPlanDocNo(year: number): string {
  return `益自然资发〔${year}〕${8 + (year % 9)}号`;
}

export function buildNetLand(rng: Rng, input: NetLandInput): NetLandRecords {
  const out: NetLandRecords = { exemptions: [], cancellations: [], listings: [] };
  if (!input.developingOn) return out;
  const until = input.readyOn ?? input.endOn;
  if (!input.demolition) {
    out.exemptions.push({
      parcelId: input.parcelId,
      workType: '拆除',
      reason: `现状为${input.currentUse}，地上无建（构）筑物，无须拆除（演示）`,
      recordedOn: dateBetween(rng, input.developingOn, until),
      createdBy: input.createdBy,
    });
  }
  if (!input.readyOn) return out;
  const readyOn = input.readyOn;
  if (input.titleCertNo && input.titleRegisteredOn) {
    out.cancellations.push({
      parcelId: input.parcelId,
      certNo: input.titleCertNo,
      cancelledOn: dateBetween(rng, maxDate(input.titleRegisteredOn, addDays(readyOn, -90)), addDays(readyOn, -1)),
      note: `注销登记受理号 ZX${yearOf(readyOn)}${rng.digits(5)}（演示）`,
      createdBy: input.createdBy,
    });
  }
  const year = yearOf(readyOn);
  out.listings.push({
    parcelId: input.parcelId,
    planYear: year,
    docNo: supplyPlanDocNo(year),
    listedOn: dateBetween(rng, maxDate(`${year}-01-01`, input.developingOn), readyOn),
    createdBy: input.createdBy,
  });
  return out;
}
