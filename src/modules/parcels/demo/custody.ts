import { custodyInspections } from '../schema';
import type { TCustodyMode } from '../stages';
import { INSPECTION_ISSUES, INSPECTION_OK, INSPECTORS } from './catalog';
import { propertyCompany, tempUser } from './people';
import { addDays, daysBetween, yearOf, type Rng } from './random';

/**
 * Custody (管护) of a demo parcel from entry into reserve: the mode and custodian, a temporary-use
 * term for some (with the consent number, use and no permanent structures; one of a parcel now
 * 可供应 ended before it became ready, so the parcel is 净地), and patrols about every 30 days with the odd gap. Parcels meant to raise
 * warnings get a lapsed patrol record or a temporary use beyond the two-year limit.
 */

type InspectionRow = typeof custodyInspections.$inferInsert;

export interface CustodyInput {
  parcelId: string;
  districtName: string;
  reservedOn: string;
  /** Today for parcels in custody now; the supply or cancellation date otherwise. */
  endOn: string;
  inCustodyNow: boolean;
  /** Patrols stopped 45–150 days before today (overdue-inspection warning). */
  lapsed: boolean;
  /** 'over': temporary use beyond the limit; 'normal': within it; null: no temporary use. */
  tempUse: 'normal' | 'over' | null;
  /** Entry into 可供应 (净地): a temporary use of such a parcel ended before it. */
  readyOn: string | null;
  today: string;
}

export interface CustodyResult {
  custodyMode: TCustodyMode;
  custodian: string;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  tempUseConsentNo: string | null;
  tempUsePurpose: string | null;
  tempUseNoPermanent: boolean | null;
  tempUseEndedOn: string | null;
  inspections: InspectionRow[];
}

const TEMP_PURPOSES = ['临时停车场', '苗木临时种植', '建材临时堆场', '农作物临时种植', '施工项目部临时用地'] as const;

export const CENTRE_NAME = '益阳市土地储备发展中心（演示）';

function temporaryUse(rng: Rng, input: CustodyInput): { start: string; end: string } | null {
  const { reservedOn, today } = input;
  if (input.tempUse === 'over' && daysBetween(reservedOn, today) >= 790) {
    const start = addDays(reservedOn, rng.int(10, Math.min(40, daysBetween(reservedOn, today) - 760)));
    return { start, end: addDays(start, rng.chance(0.5) ? 730 : rng.int(900, 1_100)) };
  }
  if (input.tempUse === 'normal' && daysBetween(reservedOn, today) >= 60) {
    const earliest = addDays(reservedOn, 20);
    const from = daysBetween(earliest, addDays(today, -600)) > 0 ? addDays(today, -600) : earliest;
    const start = addDays(from, rng.int(0, Math.max(0, Math.min(100, daysBetween(from, today) - 10))));
    const shortest = Math.max(365, daysBetween(start, today) + 61);
    return { start, end: addDays(start, rng.int(shortest, Math.max(shortest, 730))) };
  }
  return null;
}

/** A temporary use of a parcel that went on to 可供应: it ended (land taken back) before that day. */
function endedTemporaryUse(rng: Rng, reservedOn: string, readyOn: string): { start: string; end: string; endedOn: string } | null {
  const span = daysBetween(reservedOn, readyOn);
  if (span < 120) return null;
  const start = addDays(reservedOn, rng.int(10, Math.min(60, span - 100)));
  const endedOn = addDays(readyOn, -rng.int(5, 60));
  const end = addDays(start, rng.int(Math.max(365, daysBetween(start, endedOn)), 720));
  return { start, end, endedOn };
}

export function buildCustody(rng: Rng, input: CustodyInput): CustodyResult {
  const designated = input.inCustodyNow ? temporaryUse(rng, input) : null;
  const ended = designated && input.readyOn ? endedTemporaryUse(rng, input.reservedOn, input.readyOn) : null;
  const temp = input.readyOn ? null : designated;
  const record = temp ?? ended;
  const mode: TCustodyMode = temp ? '临时利用' : rng.chance(0.7) ? '自管' : '委托';
  const custodian =
    mode === '临时利用' ? tempUser(rng) : mode === '委托' ? (rng.chance(0.6) ? propertyCompany(rng) : `${input.districtName}某某街道办事处（演示）`) : CENTRE_NAME;

  const stopAt = input.inCustodyNow && input.lapsed ? addDays(input.today, -rng.int(45, 150)) : input.endOn;
  const inspections: InspectionRow[] = [];
  const add = (inspectedOn: string) => {
    const issue = rng.chance(0.14) ? rng.pick(INSPECTION_ISSUES) : null;
    const fixDays = rng.int(2, 15);
    const rectifiedOn = issue && daysBetween(addDays(inspectedOn, fixDays), input.today) >= 0 ? addDays(inspectedOn, fixDays) : null;
    inspections.push({
      parcelId: input.parcelId,
      inspectedOn,
      inspector: rng.pick(INSPECTORS),
      findings: issue ? issue.findings : rng.pick(INSPECTION_OK),
      rectification: issue && rectifiedOn ? issue.rectification : null,
      rectifiedOn,
    });
  };
  let next = addDays(input.reservedOn, rng.int(3, 20));
  while (daysBetween(next, stopAt) >= 0) {
    add(next);
    next = addDays(next, rng.chance(0.04) ? rng.int(40, 80) : rng.int(24, 34));
  }
  // Parcels in custody and not meant to lapse are patrolled within the last interval.
  if (input.inCustodyNow && !input.lapsed) {
    const last = inspections.at(-1)?.inspectedOn ?? input.reservedOn;
    const recent = addDays(input.today, -rng.int(0, 20));
    if (daysBetween(last, input.today) > 25 && daysBetween(last, recent) > 0) add(recent);
  }
  return {
    custodyMode: mode,
    custodian,
    tempUseStart: record?.start ?? null,
    tempUseEnd: record?.end ?? null,
    // The land authority's consent (R17), the use, and no permanent structures agreed.
    tempUseConsentNo: record ? `益资规函〔${yearOf(record.start)}〕${rng.int(3, 96)}号` : null,
    tempUsePurpose: record ? rng.pick(TEMP_PURPOSES) : null,
    tempUseNoPermanent: record ? true : null,
    tempUseEndedOn: ended?.endedOn ?? null,
    inspections,
  };
}
