import 'server-only';
import type { Db } from '@/platform/db/client';
import type { Actor } from '@/platform/action';
import { canActOn, flowHistory, flowParticipant, flowState } from '@/platform/flow';
import { formatDateTime } from '@/ui/format';
import { CHANGE_FLOW_OBJECT } from './flow';

export interface ChangeFlowView {
  /** The step it waits at (null: finished or returned). */
  stepName: string | null;
  /** The viewer may approve or return it at that step. */
  canAct: boolean;
  /** 「申请 张三 通过 2026-01-02 10:00；审批 李四 退回：意见」 */
  history: string;
}

/** Each change order's flow as the contract page shows it, for the viewer. */
export async function changeFlowViews(db: Db, changeIds: string[], viewer: Pick<Actor, 'userId' | 'displayName' | 'departmentId'>): Promise<Record<string, ChangeFlowView>> {
  const who = await flowParticipant(db, viewer);
  const out: Record<string, ChangeFlowView> = {};
  for (const id of changeIds) {
    const [state, history] = await Promise.all([flowState(db, CHANGE_FLOW_OBJECT, id), flowHistory(db, CHANGE_FLOW_OBJECT, id)]);
    out[id] = {
      stepName: state && state.status === '进行中' ? (state.currentStep?.name ?? null) : null,
      canAct: !!state && state.status === '进行中' && state.currentStepIndex > 0 && canActOn(state, who),
      history: history.map((h) => `${h.stepName} ${h.actorName}${h.departmentName ? `（${h.departmentName}）` : ''} ${h.decision} ${formatDateTime(h.at)}${h.opinion ? `：${h.opinion}` : ''}`).join('；'),
    };
  }
  return out;
}
