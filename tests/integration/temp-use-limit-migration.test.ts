import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client';
import { getSettingSourceTexts, getSettings } from '../../src/platform/settings';
import { createDatabaseMigratedBefore } from '../helpers/migrations';

/**
 * Migration 0011_net_land_temp_use: the temporary-use limit moves from days
 * (parcel.tempUseLimitDays) to calendar months (parcel.tempUseLimitMonths). A stored value is
 * converted as round(days × 12 / 365) within 1–120; a confirmation survives only for a value that
 * converts exactly (it was given for that figure).
 */

const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function migratedWith(value: string | null, confirmed: string | null) {
  const database = await createDatabaseMigratedBefore('net_land_temp_use');
  opened.push(database);
  const at = `'2025-06-01T10:00:00+08:00'`;
  if (value !== null) await database.db.execute(sql.raw(`INSERT INTO system_settings (key, value, updated_at) VALUES ('parcel.tempUseLimitDays', '${value}', ${at})`));
  if (confirmed !== null) {
    await database.db.execute(
      sql.raw(`INSERT INTO setting_confirmations (key, value, note, confirmed_at) VALUES ('parcel.tempUseLimitDays', '${confirmed}', '经核对《土地储备管理办法》原文', ${at})`),
    );
  }
  // A setting of another key is left alone.
  await database.db.execute(sql.raw(`INSERT INTO system_settings (key, value, updated_at) VALUES ('parcel.reserveLimitDays', '700', ${at})`));
  const applied = await database.migrateRest();
  const settings = await queryRows<{ key: string; value: string }>(database.db, sql.raw('SELECT key, value FROM system_settings ORDER BY key'));
  const confirmations = await queryRows<{ key: string; value: string; note: string }>(database.db, sql.raw('SELECT key, value, note FROM setting_confirmations ORDER BY key'));
  return { db: database.db, applied, settings, confirmations };
}

describe('migration of parcel.tempUseLimitDays to parcel.tempUseLimitMonths', () => {
  it('converts 730 days to 24 months and keeps its confirmation, which then cites the months value as 已核实', async () => {
    const m = await migratedWith('730', '730');
    expect(m.applied).toContain('0011_net_land_temp_use');
    expect(m.settings).toEqual([
      { key: 'parcel.reserveLimitDays', value: '700' },
      { key: 'parcel.tempUseLimitMonths', value: '24' },
    ]);
    expect(m.confirmations).toEqual([{ key: 'parcel.tempUseLimitMonths', value: '24', note: '经核对《土地储备管理办法》原文' }]);
    expect((await getSettings(m.db))['parcel.tempUseLimitMonths']).toBe(24);
    expect((await getSettingSourceTexts(m.db))['parcel.tempUseLimitMonths']).toContain('（已核实：经核对《土地储备管理办法》原文）');
  });

  it('rounds a value that is not whole months and drops the confirmation given for the old figure', async () => {
    const m = await migratedWith('400', '400');
    expect(m.settings).toContainEqual({ key: 'parcel.tempUseLimitMonths', value: '13' });
    expect(m.confirmations).toEqual([]);
    expect((await getSettingSourceTexts(m.db))['parcel.tempUseLimitMonths']).toMatch(/（待核实）$/);
  });

  it.each<[string, string]>([
    ['30', '1'],
    ['3650', '120'],
  ])('%s days → %s months', async (days, months) => {
    const m = await migratedWith(days, null);
    expect(m.settings).toContainEqual({ key: 'parcel.tempUseLimitMonths', value: months });
    expect(m.settings.some((s) => s.key === 'parcel.tempUseLimitDays')).toBe(false);
  });

  it('drops an unreadable stored value (the default, 24 months, applies) and a confirmation of the default when nothing was stored', async () => {
    const bad = await migratedWith('七百三十', '七百三十');
    expect(bad.settings.map((s) => s.key)).toEqual(['parcel.reserveLimitDays']);
    expect(bad.confirmations).toEqual([]);
    expect((await getSettings(bad.db))['parcel.tempUseLimitMonths']).toBe(24);

    const defaultConfirmed = await migratedWith(null, '730');
    expect(defaultConfirmed.settings.map((s) => s.key)).toEqual(['parcel.reserveLimitDays']);
    expect(defaultConfirmed.confirmations).toEqual([{ key: 'parcel.tempUseLimitMonths', value: '24', note: '经核对《土地储备管理办法》原文' }]);
    expect((await getSettingSourceTexts(defaultConfirmed.db))['parcel.tempUseLimitMonths']).toContain('已核实');
  });
});
