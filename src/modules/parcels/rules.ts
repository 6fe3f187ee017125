/**
 * Pure parcel rules (no I/O, client-safe): the lifecycle state machine and its guards, supply
 * prices, warnings, and masking of personal data. Implementation split under ./rules/.
 */
export { nextStages, findTransition, deriveStage, type TTransitionKind, type TStageTransition } from './rules/lifecycle';
export type { TransitionFacts, GuardProblem, GuardWarning, TSupplyFacts, TSupplyContext, THazardKey } from './rules/types';
export { checkTransition, problemFieldErrors, REASON_MAX_LENGTH, type TTransitionCheck } from './rules/transition';
export {
  supplyProblems,
  supplyModeProblems,
  supplyWarnings,
  supplyTermsForMode,
  unacknowledgedWarnings,
  allocationItemsFor,
  bidStartLabel,
  isSupplyMode,
  COMPETITIVE_SUPPLY_MODES,
  NOTICE_LEAD_DAYS,
  LISTING_MIN_DAYS,
} from './rules/supply';
export { ALLOCATION_CATALOGUE, allocationItemLabel, findAllocationItem, type AllocationItem } from './rules/allocation-catalogue';
export { LAND_USES, findLandUse, type LandUseEntry } from './rules/land-use';
export { premiumRate, parseMoney, Money, type TMoney, type TMoneyParse } from './rules/money';
export { RULE_SOURCES } from './rules/sources';
export {
  parcelWarnings,
  warningLevel,
  CUSTODY_STAGES,
  TEMP_USE_DUE_SOON_DAYS,
  type WarningFacts,
  type WarningLimits,
  type ParcelWarning,
  type TWarningCode,
} from './rules/warnings';
export { maskIdNumber, maskPhone, isValidIdNumber, isValidPhone, idNumberCheckChar } from './rules/personal-data';
export { isIsoDate, daysBetween, addDays, addMonths } from './rules/dates';
export { tempUseTermProblem, tempUseLatestEnd, monthsText } from './rules/temp-use';
export { netLandProblems, normaliseCertNo, isNetLandWorkType, NET_LAND_WORK_TYPES, type NetLandFacts, type TNetLandWorkType, type TNetLandInput } from './rules/net-land';
