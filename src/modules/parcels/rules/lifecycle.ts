import type { TStage } from '../stages';

/** advance: the normal forward step; cancel: 终止 before supply; abort-trade: 已供应 → 可供应. */
export type TTransitionKind = 'advance' | 'cancel' | 'abort-trade';

export interface TStageTransition {
  to: TStage;
  kind: TTransitionKind;
  label: string;
}

/** The forward chain (DOMAIN.md lifecycle) and the label of the step that enters each stage. */
const ADVANCE: Partial<Record<TStage, TStageTransition>> = {
  拟收储: { to: '收储中', kind: 'advance', label: '启动收储' },
  收储中: { to: '已入库', kind: 'advance', label: '入库' },
  已入库: { to: '前期开发', kind: 'advance', label: '进入前期开发' },
  前期开发: { to: '可供应', kind: 'advance', label: '转为可供应' },
  可供应: { to: '已供应', kind: 'advance', label: '供应' },
};

const CANCEL: TStageTransition = { to: '终止', kind: 'cancel', label: '终止收储' };
const ABORT_TRADE: TStageTransition = { to: '可供应', kind: 'abort-trade', label: '交易中止' };

/** What may follow `stage`: the forward step first, then 终止 / 交易中止. Nothing leaves 终止. */
export function nextStages(stage: TStage): TStageTransition[] {
  if (stage === '终止') return [];
  if (stage === '已供应') return [{ ...ABORT_TRADE }];
  const advance = ADVANCE[stage];
  return advance ? [{ ...advance }, { ...CANCEL }] : [];
}

/** The transition from → to, or null when the lifecycle does not allow it. */
export function findTransition(from: TStage, to: TStage): TStageTransition | null {
  return nextStages(from).find((t) => t.to === to) ?? null;
}

/** The current stage is the target of the last event (highest seq); a parcel without events is 拟收储. */
export function deriveStage(events: readonly { toStage: TStage; seq: number }[]): TStage {
  let last: { toStage: TStage; seq: number } | null = null;
  for (const e of events) if (last === null || e.seq > last.seq) last = e;
  return last ? last.toStage : '拟收储';
}
