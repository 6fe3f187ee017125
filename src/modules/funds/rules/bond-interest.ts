import { Dec, dec } from '@/modules/plans/amounts';
import { toAmount } from './money';

/*
 * A special bond's interest payment is the financing cost (融资成本) of the projects the bond is
 * allocated to, each bearing its allocation's share. Pure and client-safe: the ledger posting
 * (ledger/posting.ts) and the demo data use the same split.
 */

export interface BondInterestShare {
  projectId: string;
  projectCode: string;
  projectName: string;
  projectStatus: string;
  /** The project's share of the interest, in 元 with 2 decimals. */
  amount: string;
  /** allocation ÷ bond amount, in percent with 2 decimals (for the description). */
  percent: string;
}

/**
 * A bond's interest split over the projects it is allocated to: interest × allocation ÷ bond
 * amount, rounded to the fen; when the whole bond is allocated the largest share takes the
 * rounding, so the shares add up to the interest exactly. The share of an unallocated part of
 * the bond is borne by no project and returned as `unallocated`. Pure.
 */
export function splitBondInterest(
  interest: string,
  bondAmount: string,
  allocations: readonly { projectId: string; projectCode: string; projectName: string; projectStatus: string; amount: string }[],
): { shares: BondInterestShare[]; unallocated: string } {
  const total = dec(interest);
  const bond = dec(bondAmount);
  const shares = allocations.map((a) => ({
    projectId: a.projectId,
    projectCode: a.projectCode,
    projectName: a.projectName,
    projectStatus: a.projectStatus,
    value: total.mul(dec(a.amount)).div(bond).toDecimalPlaces(2, Dec.ROUND_HALF_UP),
    percent: dec(a.amount).mul(100).div(bond).toFixed(2),
    allocation: dec(a.amount),
  }));
  const allocated = shares.reduce((sum, x) => sum.plus(x.allocation), new Dec(0));
  let posted = shares.reduce((sum, x) => sum.plus(x.value), new Dec(0));
  if (shares.length && allocated.eq(bond) && !posted.eq(total)) {
    const largest = shares.reduce((best, x) => (x.allocation.gt(best.allocation) ? x : best), shares[0]);
    largest.value = largest.value.plus(total.minus(posted));
    posted = total;
  }
  return {
    shares: shares.map((x) => ({ projectId: x.projectId, projectCode: x.projectCode, projectName: x.projectName, projectStatus: x.projectStatus, amount: toAmount(x.value), percent: x.percent })),
    unallocated: toAmount(total.minus(posted)),
  };
}

