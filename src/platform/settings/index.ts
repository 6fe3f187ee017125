import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users } from '../auth/schema';
import { settingConfirmations, systemSettings } from './schema';
import { resolveSettings, SETTINGS, settingSourceText, type TSettingConfirmation, type TSettingKey, type TSettings } from './catalog';

export type { TSettings, TSettingKey } from './catalog';

export async function getSettings(db: Db | Tx): Promise<TSettings> {
  return resolveSettings(await db.select({ key: systemSettings.key, value: systemSettings.value }).from(systemSettings));
}

/** The stored confirmations, by key. */
export async function getSettingConfirmations(db: Db | Tx): Promise<Map<TSettingKey, TSettingConfirmation>> {
  const rows = await db
    .select({ key: settingConfirmations.key, value: settingConfirmations.value, note: settingConfirmations.note, at: settingConfirmations.confirmedAt, by: users.displayName })
    .from(settingConfirmations)
    .leftJoin(users, eq(users.id, settingConfirmations.confirmedBy));
  const out = new Map<TSettingKey, TSettingConfirmation>();
  for (const r of rows) {
    if (r.key in SETTINGS) out.set(r.key as TSettingKey, { value: Number(r.value), note: r.note, confirmedByName: r.by ?? null, confirmedAt: r.at });
  }
  return out;
}

/** Every setting's source as rules cite it (with 待核实 / 已核实), for the values in force. */
export async function getSettingSourceTexts(db: Db | Tx, settings?: TSettings): Promise<Record<TSettingKey, string>> {
  const values = settings ?? (await getSettings(db));
  const confirmations = await getSettingConfirmations(db);
  return Object.fromEntries(
    (Object.keys(SETTINGS) as TSettingKey[]).map((k) => [k, settingSourceText(k, values[k], confirmations.get(k) ?? null)]),
  ) as Record<TSettingKey, string>;
}
