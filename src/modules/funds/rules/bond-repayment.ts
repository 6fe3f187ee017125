import { dec, Dec } from '@/modules/plans/amounts';
import { toAmount, wanPhrase } from './money';
import { addMonths } from './schedule';

/**
 * 财预〔2017〕62号: a bond-funded project's land-sale income repays its bonds first. Two pure
 * rules over a project's share of its bonds' principal: the supply income set against the
 * principal instalments in the order they fall due, and the warning for parcels still unsupplied
 * within a set number of months of a principal date.
 */

/** One principal instalment of a project's share of a bond (principal > 0). */
export interface PrincipalInstalment {
  bondId: string;
  bondCode: string;
  seq: number;
  dueDate: string;
  /** The project's share of the instalment's principal. */
  principal: string;
  /** Whether the bond's instalment is repaid in full. */
  settled: boolean;
}

export interface InstalmentCover extends PrincipalInstalment {
  /** The part of the principal the supply income covers. */
  covered: string;
  uncovered: string;
}

export interface SupplyCover {
  instalments: InstalmentCover[];
  principal: string;
  covered: string;
  uncovered: string;
  /** Supply income beyond all the principal. */
  surplus: string;
}

/**
 * The project's supply income set against its principal instalments, earliest due first (ties:
 * bond code, then seq): each takes what is left of the income up to its principal. Pure.
 */
export function coverPrincipalWithSupply(supplyIncome: string, instalments: readonly PrincipalInstalment[]): SupplyCover {
  const ordered = [...instalments].sort((a, b) => (a.dueDate === b.dueDate ? (a.bondCode === b.bondCode ? a.seq - b.seq : a.bondCode < b.bondCode ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1));
  let left = Dec.max(dec(supplyIncome), 0);
  let principal = new Dec(0);
  let covered = new Dec(0);
  const rows = ordered.map((i): InstalmentCover => {
    const owed = dec(i.principal);
    const part = Dec.min(left, owed);
    left = left.minus(part);
    principal = principal.plus(owed);
    covered = covered.plus(part);
    return { ...i, covered: toAmount(part), uncovered: toAmount(owed.minus(part)) };
  });
  return { instalments: rows, principal: toAmount(principal), covered: toAmount(covered), uncovered: toAmount(principal.minus(covered)), surplus: toAmount(left) };
}

/** A parcel of the project that is neither supplied nor cancelled. */
export interface UnsuppliedParcel {
  code: string;
  stage: string;
}

/**
 * Warnings for a bond-funded project whose parcels are still unsupplied within `months` of a
 * principal date (the setting fund.bondUnsuppliedWarnMonths): one per instalment not yet repaid
 * whose due date is on or before today + `months` (overdue ones included), naming the parcels.
 */
export function unsuppliedBeforePrincipal(input: {
  today: string;
  months: number;
  projectCode: string;
  instalments: readonly PrincipalInstalment[];
  unsupplied: readonly UnsuppliedParcel[];
}): { bondId: string; message: string }[] {
  if (input.unsupplied.length === 0) return [];
  const horizon = addMonths(input.today, input.months);
  const names = input.unsupplied.map((p) => `${p.code}（${p.stage}）`);
  const listed = names.length > 5 ? `${names.slice(0, 5).join('、')} 等 ${names.length} 宗` : `${names.join('、')}`;
  return input.instalments
    .filter((i) => !i.settled && dec(i.principal).gt(0) && i.dueDate <= horizon)
    .sort((a, b) => (a.dueDate === b.dueDate ? a.seq - b.seq : a.dueDate < b.dueDate ? -1 : 1))
    .map((i) => ({
      bondId: i.bondId,
      message: `专项债券 ${i.bondCode} 第 ${i.seq} 期本金（项目应还 ${wanPhrase(i.principal)}）${i.dueDate < input.today ? '已于' : '将于'} ${i.dueDate} 到期，项目 ${input.projectCode} 仍有 ${input.unsupplied.length} 宗地块未供应：${listed}`,
    }));
}
