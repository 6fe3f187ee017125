import { workPackages } from '../schema';
import { amountFor, splitExact, sumOf, type TDec } from './money';
import { contractorCompany, supervisorCompany } from './people';
import { addDays, dateBetween, daysBetween, maxDate, minDate, yearOf, type Rng } from './random';

/**
 * Pre-development work packages (通/平, and 拆除 where buildings stand) of a demo parcel: all
 * accepted when the parcel went on to 可供应; partly done while it is still in 前期开发, with recent progress updates unless the
 * parcel is meant to look stalled (no update for more than 90 days).
 */

type WorkRow = typeof workPackages.$inferInsert;

export interface WorksInput {
  parcelId: string;
  areaM2: string;
  /** Entry into 前期开发. */
  startedOn: string;
  /** Entry into 可供应, or null while development is unfinished. */
  readyOn: string | null;
  /** Today, or the cancellation date. */
  endOn: string;
  stalled: boolean;
  /** Buildings stand on the land: a 拆除 package (净地); otherwise a reason is recorded (net-land.ts). */
  demolition: boolean;
  nextContractNo: (year: number) => number;
}

/** Works besides 拆除 and 平整 (R17 通平 list, F18's 照明 and 绿化). */
const SERVICING_WORKS = ['道路', '供水', '供电', '燃气', '排水', '通信', '照明', '绿化', '围挡'] as const;

/** Days without an update after which development counts as stalled (the default setting is 90). */
const STALL_MARGIN = 95;
const RECENT_DAYS = 60;

type Status = 'accepted' | 'progress' | 'idle';

export function buildWorks(rng: Rng, input: WorksInput): { rows: WorkRow[]; total: TDec } {
  // Levelling always, demolition where buildings stand, and two to four servicing works.
  const types = [...(input.demolition ? ['拆除'] : []), '平整', ...rng.sample(SERVICING_WORKS, rng.int(2, 4))];
  const total = amountFor(input.areaM2, rng.between(40, 150));
  const amounts = splitExact(
    total,
    types.map(() => rng.between(0.4, 1.6)),
  );
  const contractor = contractorCompany(rng);
  const supervisor = supervisorCompany(rng);
  const base = (workType: string, k: number, startedOn: string | null): WorkRow => {
    const year = yearOf(startedOn ?? input.startedOn);
    return {
      parcelId: input.parcelId,
      workType,
      contractor: rng.chance(0.7) ? contractor : contractorCompany(rng),
      supervisor,
      contractNo: `YYKF-${year}-${String(input.nextContractNo(year)).padStart(4, '0')}`,
      contractAmount: amounts[k].toFixed(2),
      startedOn,
    };
  };

  if (input.readyOn) {
    const readyOn = input.readyOn;
    const span = daysBetween(input.startedOn, readyOn);
    const rows = types.map((t, k) => {
      const startedOn = addDays(input.startedOn, rng.int(0, Math.floor(span * 0.4)));
      const acceptedOn = dateBetween(rng, addDays(startedOn, Math.floor(daysBetween(startedOn, readyOn) * 0.6)), readyOn);
      return { ...base(t, k, startedOn), progress: 100, acceptedOn, updatedOn: acceptedOn };
    });
    return { rows, total: sumOf(amounts) };
  }

  // Unfinished: the latest date any package may show, and at least one package not accepted.
  const latest = input.stalled ? addDays(input.endOn, -STALL_MARGIN) : input.endOn;
  const statuses: Status[] = types.map(() => rng.weighted({ accepted: 35, progress: 45, idle: 20 }));
  if (statuses.filter((s) => s === 'accepted').length === statuses.length) statuses[statuses.length - 1] = 'progress';
  if (!input.stalled && !statuses.includes('progress')) statuses[statuses.findIndex((s) => s !== 'accepted')] = 'progress';
  let recentDone = false;
  const rows = types.map((t, k): WorkRow => {
    const status = statuses[k];
    if (status === 'idle' || daysBetween(input.startedOn, latest) < 2) {
      return { ...base(t, k, null), progress: 0, acceptedOn: null, updatedOn: null };
    }
    const startedOn = dateBetween(rng, input.startedOn, addDays(input.startedOn, Math.floor(daysBetween(input.startedOn, latest) * 0.5)));
    if (status === 'accepted') {
      const acceptedOn = dateBetween(rng, startedOn, latest);
      return { ...base(t, k, startedOn), progress: 100, acceptedOn, updatedOn: acceptedOn };
    }
    // In progress: a recent update unless stalled (the first such package surely recent).
    const recentFrom = maxDate(startedOn, addDays(latest, -RECENT_DAYS));
    const updatedOn = input.stalled || recentDone ? dateBetween(rng, startedOn, latest) : dateBetween(rng, recentFrom, latest);
    recentDone = true;
    return { ...base(t, k, startedOn), progress: rng.int(10, 95), acceptedOn: null, updatedOn: minDate(updatedOn, latest) };
  });
  return { rows, total: sumOf(amounts) };
}

/** 开发程度 from the number of work packages done. */
export function servicingFor(packages: number): string {
  return packages >= 6 ? '七通一平' : packages === 5 ? '五通一平' : '三通一平';
}
