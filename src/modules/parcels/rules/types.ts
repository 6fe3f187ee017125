import type { TAcquisitionRoute, THazardKey, THazardReasonKey, THazardResult } from '../stages';
import type { NetLandFacts } from './net-land';

export type { THazardKey, THazardReasonKey } from '../stages';

/** The version in force of the reserve plan a project belongs to (its group's current version). */
export interface TPlanFacts {
  title: string;
  planType: 'annual' | 'rolling';
  startYear: number;
  endYear: number;
  docNo: string | null;
}

export interface TSupplyFacts {
  mode?: string | null;
  dealDate?: string | null;
  dealPrice?: string | null;
  transferee?: string | null;
  contractNo?: string | null;
  startingPrice?: string | null;
  noticeDate?: string | null;
  /** 招标: 投标开始日; 拍卖: 拍卖会日期; 挂牌: 挂牌起始日 (令39号 第十条 counts the notice lead to it). */
  bidStartDate?: string | null;
  /** 挂牌截止日 (挂牌 only). */
  listingEndDate?: string | null;
  /** 划拨: the 《划拨用地目录》 item relied on, as its label （五）非营利性教育设施用地. */
  allocationCategory?: string | null;
  /** 协议: the 基准地价 of the parcel's grade, 元/m². */
  benchmarkPrice?: string | null;
}

/** What the supply rules read from the parcel and the settings (gathered by the caller). */
export interface TSupplyContext {
  /** The parcel's 规划用途 as recorded (null: none recorded). */
  plannedUse: string | null;
  /** The parcel's area in m² (decimal string). */
  areaM2: string;
  /** 协议出让最低价占基准地价的比例 (%), and its source as rules cite it (with 待核实 / 已核实). */
  agreementFloor: { percent: number; source: string };
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
  /** The document number typed for this step (启动收储: the government approval when not in the plan). */
  docNo?: string | null;
  /** The project's reserve plan (current version), or null when the project is in none. */
  plan: TPlanFacts | null;
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
  /** Why a check is 不涉及 (blank or absent: no reason recorded). */
  hazardReasons: Partial<Record<THazardReasonKey, string | null>>;
  plannedUse: string | null;
  /** Site of a 土壤污染重点监管单位 (土壤污染防治法 第67条). */
  soilKeySupervised: boolean;
  /** 征地批复 / 收回决定书 / 协议 number recorded on the parcel. */
  acquisitionDocNo: string | null;
  supervisionNo: string | null;
  /** Setting parcel.supervisionNoDays (0: 入库 needs the number) and its source with status. */
  supervisionNoDays: number;
  supervisionNoSource: string;
  workPackages: { workType: string; acceptedOn: string | null }[];
  /** What 可供应 (净地) reads besides the work packages. */
  netLand: NetLandFacts;
  supply?: TSupplyFacts;
  /** For 可供应 → 已供应: the parcel's planned use and area, and the settings the supply rules cite. */
  supplyContext?: TSupplyContext;
  acquisitionRoute: TAcquisitionRoute;
}

/** A point a person must acknowledge before the step goes ahead (not a refusal). */
export interface GuardWarning {
  code: string;
  message: string;
  rule: string;
}

/** One reason a transition is refused: what is missing and what to do (Chinese), and its rule source. */
export interface GuardProblem {
  code: string;
  message: string;
  rule: string;
}
