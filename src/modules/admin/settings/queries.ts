import 'server-only';
import type { Db } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { systemSettings } from '@/platform/settings/schema';
import { SETTING_GROUPS, SETTINGS, settingChoices, settingDecimals, settingSource, settingSourceStatus, type TSettingKey, type TSettingSourceStatus } from '@/platform/settings/catalog';
import { getSettingConfirmations } from '@/platform/settings';
import { resolveSettings } from '@/platform/settings/catalog';

export interface SettingRow {
  key: TSettingKey;
  group: string;
  label: string;
  unit: string;
  defaultValue: number;
  min: number;
  max: number;
  decimals: number;
  /** Named options of a choice setting (the value is the option's number), null for a number. */
  choices: { value: number; label: string }[] | null;
  /** The value in force (the override when valid, else the default). */
  value: number;
  overridden: boolean;
  updatedBy: PersonLabel | null;
  updatedAt: Date | null;
  /** Where the value comes from, and whether it is confirmed for the value in force. */
  source: string;
  sourceStatus: TSettingSourceStatus;
  /** The confirmation in force (for this value): its note, who and when. */
  confirmation: { note: string; by: string | null; at: Date } | null;
}

/** Every setting of the catalogue with its value in force and who changed it last. */
export async function listSettings(db: Db): Promise<SettingRow[]> {
  const rows = await db
    .select({ key: systemSettings.key, value: systemSettings.value, updatedAt: systemSettings.updatedAt, updatedBy: systemSettings.updatedBy })
    .from(systemSettings);
  const people = await findPeople(
    db,
    rows.map((r) => r.updatedBy),
  );
  const inForce = resolveSettings(rows);
  const confirmations = await getSettingConfirmations(db);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (Object.keys(SETTINGS) as TSettingKey[]).map((key) => {
    const def = SETTINGS[key];
    const row = byKey.get(key);
    return {
      key,
      group: SETTING_GROUPS.find((g) => key.startsWith(g.prefix))?.name ?? '其他',
      label: def.label,
      unit: def.unit,
      defaultValue: def.default,
      min: def.min,
      max: def.max,
      decimals: settingDecimals(key),
      choices: settingChoices(key)?.map((c) => ({ ...c })) ?? null,
      value: inForce[key],
      overridden: row !== undefined && inForce[key] !== def.default,
      updatedBy: row ? personLabel(people, row.updatedBy) : null,
      updatedAt: row?.updatedAt ?? null,
      source: settingSource(key).text,
      sourceStatus: settingSourceStatus(key, inForce[key], confirmations.get(key) ?? null),
      confirmation: (() => {
        const c = confirmations.get(key);
        return c && c.value === inForce[key] ? { note: c.note, by: c.confirmedByName, at: c.confirmedAt } : null;
      })(),
    };
  });
}
