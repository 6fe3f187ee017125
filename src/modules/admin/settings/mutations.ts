import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail } from '@/platform/action';
import { systemSettings } from '@/platform/settings/schema';
import { SETTINGS, settingValueProblem, type TSettingKey } from '@/platform/settings/catalog';

const SETTING_KEYS = Object.keys(SETTINGS) as [TSettingKey, ...TSettingKey[]];

export const ZUpdateSetting = z.object({
  key: z.enum(SETTING_KEYS, { error: '未知的系统参数' }),
  /** A new value, or null to go back to the default. */
  value: z.union([z.string(), z.number()]).nullable().transform((v) => (v === null ? null : String(v).trim())),
});

/**
 * Sets one system parameter (or, with value null, returns it to its default). No upsert in SQL
 * (COMPAT.md): the row is locked, then updated, inserted or deleted. Audited with before/after.
 */
export const updateSetting = defineMutation({
  name: '修改系统参数',
  permission: 'setting:manage',
  objectType: '系统参数',
  schema: ZUpdateSetting,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const def = SETTINGS[input.key];
    if (input.value !== null) {
      const problem = settingValueProblem(input.key, input.value);
      if (problem) fail(problem, 'INVALID_INPUT');
    }
    const [row] = await tx.select().from(systemSettings).where(eq(systemSettings.key, input.key)).for('update');
    const before = row ? row.value : null;
    const after = input.value === null ? null : String(Number(input.value));
    if (after === null) {
      if (row) await tx.delete(systemSettings).where(eq(systemSettings.key, input.key));
    } else if (row) {
      await tx.update(systemSettings).set({ value: after, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(systemSettings.key, input.key));
    } else {
      await tx.insert(systemSettings).values({ key: input.key, value: after, updatedBy: actor.userId, updatedAt: new Date() });
    }
    await ctx.audit({
      action: '修改系统参数',
      objectType: '系统参数',
      objectId: input.key,
      before: { setting: def.label, value: before ?? `${def.default}（默认）` },
      after: { setting: def.label, value: after ?? `${def.default}（默认）` },
      message: `${def.label}：${before ?? `默认 ${def.default}`} → ${after ?? `默认 ${def.default}`} ${def.unit}`,
    });
    return { key: input.key, value: after === null ? def.default : Number(after) };
  },
});
