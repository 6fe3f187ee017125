import { custodyInspections } from '../schema';
import type { TCustodyMode } from '../stages';
import { INSPECTION_ISSUES, INSPECTION_OK, INSPECTORS } from './catalog';
import { propertyCompany, tempUser } from './people';
import { addDays, daysBetween, type Rng } from './random';

/**
 * Custody (管护) of a demo parcel from entry into reserve: the mode and custodian, a temporary-use
 * term for some, and patrols about every 30 days with the odd gap. Parcels meant to raise
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
  today: string;
}

export interface CustodyResult {
  custodyMode: TCustodyMode;
  custodian: string;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  inspections: InspectionRow[];
}

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

export function buildCustody(rng: Rng, input: CustodyInput): CustodyResult {
  const temp = input.inCustodyNow ? temporaryUse(rng, input) : null;
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
  return { custodyMode: mode, custodian, tempUseStart: temp?.start ?? null, tempUseEnd: temp?.end ?? null, inspections };
}
