import type { TAcquisitionRoute, THazardResult } from '../stages';
import type { NetLandFacts } from './net-land';

export type THazardKey = 'hazardSoil' | 'hazardRelics' | 'hazardMinerals' | 'hazardGeology';

export interface TSupplyFacts {
  mode?: string | null;
  dealDate?: string | null;
  dealPrice?: string | null;
  transferee?: string | null;
  contractNo?: string | null;
  startingPrice?: string | null;
  noticeDate?: string | null;
}

/** Everything a transition guard reads; gathered by the caller from the parcel's records. */
export interface TransitionFacts {
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** The date the user enters for this step (user input: validated here). */
  eventDate: string;
  /** Date of the parcel's last event, or null for the first one. */
  lastEventDate: string | null;
  reason?: string | null;
  compensation: {
    parties: number;
    allSigned: boolean;
    /** Every party paid its agreed amount in approved ledger payments. */
    allPaid: boolean;
    /** Registered payments of the parties not yet paid in full that still await approval. */
    unapproved?: { partyName: string; entryNo: string; amount: string; statusLabel: string }[];
  };
  titleRegistered: boolean;
  hazards: Record<THazardKey, THazardResult>;
  workPackages: { workType: string; acceptedOn: string | null }[];
  /** What 可供应 (净地) reads besides the work packages. */
  netLand: NetLandFacts;
  supply?: TSupplyFacts;
  acquisitionRoute: TAcquisitionRoute;
}

/** One reason a transition is refused: what is missing and what to do (Chinese), and its rule source. */
export interface GuardProblem {
  code: string;
  message: string;
  rule: string;
}
