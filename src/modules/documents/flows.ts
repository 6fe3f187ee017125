import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { fail } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { roles } from '@/platform/auth/schema';
import { getFlowDefinition, saveFlowDefinition, validateFlow, type FlowDefinition, type FlowStepDef, type StoredFlowDefinition } from '@/platform/flow';
import { flowKindOf, STEP_DRAFT, STEP_ISSUE } from './constants';

/**
 * The default 发文 flow: 拟稿 (经办) → 核稿 (科室负责人) → 签发 (中心领导) → 用印, 分发 (经办, the
 * 办公室 clerk) → 归档 (档案管理员). 会签 needs departments, so an administrator adds it per type
 * on /documents/settings (as an optional step a drafter may skip).
 */
const DEFAULT_STEPS: { key: string; name: string; role: string }[] = [
  { key: STEP_DRAFT, name: '拟稿', role: 'clerk' },
  { key: 'review', name: '核稿', role: 'chief' },
  { key: STEP_ISSUE, name: '签发', role: 'leader' },
  { key: 'seal', name: '用印', role: 'clerk' },
  { key: 'distribute', name: '分发', role: 'clerk' },
  { key: 'archive', name: '归档', role: 'archivist' },
];

export async function defaultDocumentFlow(db: Db | Tx, docType: string): Promise<FlowDefinition> {
  const rows = await db
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(inArray(roles.code, [...new Set(DEFAULT_STEPS.map((s) => s.role))]));
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  const steps: FlowStepDef[] = DEFAULT_STEPS.map((s) => {
    const roleId = idOf.get(s.role);
    if (!roleId) throw new Error(`built-in role ${s.role} missing`);
    return { key: s.key, name: s.name, roleId, mode: 'single' };
  });
  return { kind: flowKindOf(docType), name: `${docType}发文流程`, steps };
}

/** The stored flow of a type, or the default (not yet stored) with `isDefault`. */
export async function documentFlowFor(db: Db | Tx, docType: string): Promise<(FlowDefinition & { isDefault: boolean; updatedByName: string | null; updatedAt: Date | null })> {
  const stored: StoredFlowDefinition | null = await getFlowDefinition(db, flowKindOf(docType));
  if (stored) return { ...stored, isDefault: false };
  return { ...(await defaultDocumentFlow(db, docType)), isDefault: true, updatedByName: null, updatedAt: null };
}

/** Rules a 发文 flow must follow beyond the engine's: it starts with 拟稿 and has a 签发. */
export function documentFlowProblems(steps: FlowStepDef[]): string[] {
  const problems: string[] = [];
  if (steps.length && steps[0].key !== STEP_DRAFT) problems.push('发文流程的第一步须为「拟稿」');
  const issue = steps.findIndex((s) => s.key === STEP_ISSUE);
  if (issue < 0) problems.push('发文流程须包含「签发」步骤（签发时编发文字号）');
  else {
    if (steps[issue].mode !== 'single') problems.push('「签发」须由一人办理，不能是会签');
    if (steps[issue].optional) problems.push('「签发」不能设为可跳过');
  }
  return problems;
}

/** Stores the default flow of a type the first time a document of it is created. */
export async function ensureDocumentFlow(tx: Tx, actor: Actor, docType: string): Promise<{ created: FlowDefinition | null }> {
  if (await getFlowDefinition(tx, flowKindOf(docType))) return { created: null };
  const def = await defaultDocumentFlow(tx, docType);
  const problems = validateFlow(def);
  if (problems.length) fail(problems.join('；'));
  await saveFlowDefinition(tx, actor, def);
  return { created: def };
}

export async function roleNamesById(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: roles.id, name: roles.name }).from(roles).where(inArray(roles.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function roleIdByCode(db: Db | Tx, code: string): Promise<string | null> {
  const [r] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, code));
  return r?.id ?? null;
}
