import { inArray } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { roles } from '@/platform/auth/schema';
import { getFlowDefinition, saveFlowDefinition, type FlowDefinition, type FlowStepDef } from '@/platform/flow';

/**
 * Change orders (合同变更 / 签证) are approved through the generic step-flow engine
 * (src/platform/flow), kind `合同变更`, one flow per change (object type 合同变更, object id the
 * change's id). Default flow: 申请 (the requester, who submits it at once) → 审批 (中心领导). An
 * administrator may change the definition (add a 科室负责人 审核 step …): the change counts in
 * the effective amount when its flow finishes, and is 已退回 when any step returns it.
 */
export const CHANGE_FLOW_KIND = '合同变更';
export const CHANGE_FLOW_OBJECT = '合同变更';
export const STEP_REQUEST = 'request';

const DEFAULT_STEPS: { key: string; name: string; role: string }[] = [
  { key: STEP_REQUEST, name: '申请', role: 'clerk' },
  { key: 'approve', name: '审批', role: 'leader' },
];

export async function defaultChangeFlow(db: Db | Tx): Promise<FlowDefinition> {
  const rows = await db
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(inArray(roles.code, DEFAULT_STEPS.map((s) => s.role)));
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  const steps: FlowStepDef[] = DEFAULT_STEPS.map((s) => {
    const roleId = idOf.get(s.role);
    if (!roleId) throw new Error(`built-in role ${s.role} missing`);
    return { key: s.key, name: s.name, roleId, mode: 'single' };
  });
  return { kind: CHANGE_FLOW_KIND, name: '合同变更审批流程', steps };
}

/** Stores the default flow the first time a change is requested (audited by the caller's mutation). */
export async function ensureChangeFlow(tx: Tx, actor: Actor): Promise<FlowDefinition | null> {
  if (await getFlowDefinition(tx, CHANGE_FLOW_KIND)) return null;
  return (await saveFlowDefinition(tx, actor, await defaultChangeFlow(tx))).after;
}
