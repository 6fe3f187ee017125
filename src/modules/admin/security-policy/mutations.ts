import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail } from '@/platform/action';
import { securityPolicy } from '@/platform/auth/schema';
import { SECURITY_POLICY, policyDefault, resolvePolicy, type TPolicyDef, type TPolicyKey } from '@/platform/auth/security-policy';
import { policyValueProblem, policyValueText } from './rules';

const POLICY_KEYS = Object.keys(SECURITY_POLICY) as [TPolicyKey, ...TPolicyKey[]];

export const ZUpdatePolicy = z.object({
  key: z.enum(POLICY_KEYS, { error: '未知的安全策略项' }),
  /** A new value, or null to go back to the default. */
  value: z
    .union([z.string().max(32, '输入过长'), z.number()], { error: '请填写策略值' })
    .nullable()
    .transform((v) => (v === null ? null : String(v).trim())),
});
export type TUpdatePolicy = z.input<typeof ZUpdatePolicy>;

/**
 * The 安全管理员 sets one value of the 安全策略 (or, with null, returns it to its default). 三员分立:
 * only `security:policy` (the 安全管理员's) may; the 系统管理员, who manages the accounts, may not.
 * No upsert in SQL (COMPAT.md): the row is locked, then updated, inserted or deleted. Audited
 * with the value before and after; in force at the next login attempt, and within a few seconds
 * for open sessions (auth/policy-in-force.ts).
 */
export const updateSecurityPolicy = defineMutation({
  name: '修改安全策略',
  permission: 'security:policy',
  objectType: '安全策略',
  schema: ZUpdatePolicy,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const def = SECURITY_POLICY[input.key] as TPolicyDef;
    if (input.value !== null) {
      const problem = policyValueProblem(input.key, input.value);
      if (problem) fail(problem, 'INVALID_INPUT', { value: problem });
    }
    const [row] = await tx.select().from(securityPolicy).where(eq(securityPolicy.key, input.key)).for('update');
    const beforeValue = resolvePolicy(row ? [row] : [])[input.key];
    const after = input.value === null ? null : String(Number(input.value));
    if (after === null) {
      if (row) await tx.delete(securityPolicy).where(eq(securityPolicy.key, input.key));
    } else if (row) {
      await tx.update(securityPolicy).set({ value: after, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(securityPolicy.key, input.key));
    } else {
      await tx.insert(securityPolicy).values({ key: input.key, value: after, updatedBy: actor.userId, updatedAt: new Date() });
    }
    const afterValue = after === null ? policyDefault(input.key) : Number(after);
    const shown = (n: number, isDefault: boolean) => `${policyValueText(input.key, n)}${isDefault ? '（默认）' : ''}`;
    const beforeText = shown(beforeValue, !row);
    const afterText = shown(afterValue, after === null);
    await ctx.audit({
      action: '修改安全策略',
      objectType: '安全策略',
      objectId: input.key,
      before: { setting: def.label, value: beforeText },
      after: { setting: def.label, value: afterText },
      message: `${def.label}：${beforeText} → ${afterText}`,
    });
    return { key: input.key, value: afterValue };
  },
});
