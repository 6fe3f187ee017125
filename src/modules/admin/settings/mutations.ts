import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail } from '@/platform/action';
import { settingConfirmations, systemSettings } from '@/platform/settings/schema';
import { SETTINGS, settingSource, settingValueProblem, type TSettingKey } from '@/platform/settings/catalog';
import { zText } from '@/platform/validation';

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

export const ZConfirmSetting = z.object({
  key: z.enum(SETTING_KEYS, { error: '未知的系统参数' }),
  /** The value the administrator saw: a value changed meanwhile is not confirmed by mistake. */
  value: z.coerce.number({ error: '缺少参数值' }),
  note: zText('核实说明', { max: 200 }),
});

/**
 * Records that a setting's value in force (local practice, or a national text not yet checked)
 * was confirmed, by whom and on what basis (a meeting, a document number). Replaces an earlier
 * confirmation; a later change of the value makes it 待核实 again.
 */
export const confirmSetting = defineMutation({
  name: '核实系统参数依据',
  permission: 'setting:manage',
  objectType: '系统参数',
  schema: ZConfirmSetting,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const def = SETTINGS[input.key];
    const source = settingSource(input.key);
    if (source.kind === 'technical' || (source.kind === 'national' && !source.toConfirm)) fail(`「${def.label}」依据国家规定或为系统技术参数，无需核实`);
    const [row] = await tx.select().from(systemSettings).where(eq(systemSettings.key, input.key)).for('update');
    const inForce = row ? Number(row.value) : def.default;
    if (inForce !== input.value) fail(`「${def.label}」已被他人修改为 ${inForce} ${def.unit}，请刷新后重新核实`, 'CONFLICT');
    const [before] = await tx.select().from(settingConfirmations).where(eq(settingConfirmations.key, input.key)).for('update');
    const values = { value: String(inForce), note: input.note, confirmedBy: actor.userId, confirmedAt: new Date() };
    if (before) await tx.update(settingConfirmations).set(values).where(eq(settingConfirmations.key, input.key));
    else await tx.insert(settingConfirmations).values({ key: input.key, ...values });
    await ctx.audit({
      action: '核实系统参数依据',
      objectType: '系统参数',
      objectId: input.key,
      before: before ? { setting: def.label, value: before.value, confirmNote: before.note } : null,
      after: { setting: def.label, value: String(inForce), confirmNote: input.note },
      message: `核实「${def.label}」${inForce} ${def.unit}：${input.note}`,
    });
    return { key: input.key };
  },
});
