import type { TStage } from '../stages';

/** Compensation records are frozen once the parcel is supplied or cancelled. */
export const COMPENSATION_FROZEN_STAGES: readonly TStage[] = ['已供应', '终止'];
export const COMPENSATION_FROZEN_MESSAGE = '地块已供应/终止，不能再修改补偿信息';

export function compensationEditable(stage: TStage): boolean {
  return !COMPENSATION_FROZEN_STAGES.includes(stage);
}
