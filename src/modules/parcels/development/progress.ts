import { Money } from '../rules';

/** Pure summary of a parcel's work packages (client-safe). */
export interface WorkPackageSummary {
  count: number;
  acceptedCount: number;
  /** Overall progress in %, one decimal ('62.5'); '0.0' with no packages. */
  overallProgress: string;
  /** True when the contract amounts weight the average (false: every amount is 0, plain mean). */
  weighted: boolean;
  totalAmount: string;
  /** Every package accepted (false with no packages): what 可供应 needs. */
  allAccepted: boolean;
}

export function summariseWorkPackages(packages: readonly { contractAmount: string; progress: number; acceptedOn: string | null }[]): WorkPackageSummary {
  const count = packages.length;
  const acceptedCount = packages.filter((p) => !!p.acceptedOn).length;
  const totalAmount = packages.reduce((acc, p) => acc.plus(p.contractAmount), new Money(0));
  const weighted = totalAmount.greaterThan(0);
  let overall = new Money(0);
  if (count > 0) {
    overall = weighted
      ? packages.reduce((acc, p) => acc.plus(new Money(p.contractAmount).times(p.progress)), new Money(0)).dividedBy(totalAmount)
      : packages.reduce((acc, p) => acc.plus(p.progress), new Money(0)).dividedBy(count);
  }
  return {
    count,
    acceptedCount,
    overallProgress: overall.toFixed(1),
    weighted,
    totalAmount: totalAmount.toFixed(2),
    allAccepted: count > 0 && acceptedCount === count,
  };
}
