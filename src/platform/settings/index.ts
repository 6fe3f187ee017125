import type { Db, Tx } from '../db/client';
import { systemSettings } from './schema';
import { resolveSettings, type TSettings } from './catalog';

export type { TSettings, TSettingKey } from './catalog';

export async function getSettings(db: Db | Tx): Promise<TSettings> {
  return resolveSettings(await db.select({ key: systemSettings.key, value: systemSettings.value }).from(systemSettings));
}
