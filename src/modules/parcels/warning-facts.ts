import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { qualified } from '@/platform/db/qualified';
import { getSettings, type TSettingKey, type TSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { custodyInspections, parcelEvents, parcels, workPackages } from './schema';
import type { TStage } from './stages';
import { CUSTODY_STAGES, parcelWarnings, warningLevel, type ParcelWarning, type WarningLimits } from './rules';

/*
 * What the warning rules read from the database: the limits from the settings and, per parcel,
 * facts as SQL (used by the parcel list, the map and the warning levels), and the warning level
 * of every parcel today (read once per data version by warning-levels.ts).
 */

export type TWarningLevel = ParcelWarning['level'];

/** Stages in which warnings can arise (reserved, developing, ready): the warnings filter pre-selects them in SQL. */
export const WARNING_STAGES: readonly TStage[] = CUSTODY_STAGES;

/*
 * Per-parcel facts the warning rules read, as correlated scalar subqueries (no LATERAL; see
 * COMPAT.md), each served by an index on (parcel_id, …). Qualified, so they are right in any
 * select, single-table ones included (the map's statistics and card use them too).
 */
const parcelIdSql = qualified(parcels.id);
/** Date the parcel entered the reserve: the last event into 已入库. */
export const reservedOnSql = sql<
  string | null
>`(select max(${qualified(parcelEvents.eventDate)}) from ${parcelEvents} where ${qualified(parcelEvents.parcelId)} = ${parcelIdSql} and ${qualified(parcelEvents.toStage)} = '已入库')`;
export const lastInspectionSql = sql<
  string | null
>`(select max(${qualified(custodyInspections.inspectedOn)}) from ${custodyInspections} where ${qualified(custodyInspections.parcelId)} = ${parcelIdSql})`;
export const lastWorkUpdateSql = sql<
  string | null
>`(select max(${qualified(workPackages.updatedOn)}) from ${workPackages} where ${qualified(workPackages.parcelId)} = ${parcelIdSql})`;

/** The configured limits (系统设置) in the shape the warning rules take. */
export function warningLimitsOf(settings: TSettings, sources?: Partial<Record<TSettingKey, string>>): WarningLimits {
  return {
    tempUseLimitSource: sources?.['parcel.tempUseLimitMonths'],
    supervisionNoSource: sources?.['parcel.supervisionNoDays'],
    reserveLimitDays: settings['parcel.reserveLimitDays'],
    reserveDueSoonDays: settings['parcel.reserveDueSoonDays'],
    tempUseLimitMonths: settings['parcel.tempUseLimitMonths'],
    inspectionIntervalDays: settings['parcel.inspectionIntervalDays'],
    stalledDevelopmentDays: settings['parcel.stalledDevelopmentDays'],
    supervisionNoDays: settings['parcel.supervisionNoDays'],
  };
}

/**
 * The warning level of every parcel that has one today (the warning stages only, with just the
 * facts the rules need). Read it through `parcelWarningLevels` (warning-levels.ts), which keeps
 * it per data version and day.
 */
export async function readWarningLevels(db: Db, today: string = todayInShanghai()): Promise<Map<string, TWarningLevel>> {
  const [settings, rows] = await Promise.all([
    getSettings(db),
    db
      .select({
        id: parcels.id,
        stage: parcels.stage,
        stageSince: parcels.stageSince,
        custodyMode: parcels.custodyMode,
        tempUseStart: parcels.tempUseStart,
        tempUseEnd: parcels.tempUseEnd,
        supervisionNo: parcels.supervisionNo,
        reservedOn: reservedOnSql.mapWith(parcelEvents.eventDate),
        lastInspectionOn: lastInspectionSql.mapWith(custodyInspections.inspectedOn),
        lastDevelopmentUpdateOn: lastWorkUpdateSql.mapWith(workPackages.updatedOn),
      })
      .from(parcels)
      .where(inArray(parcels.stage, [...WARNING_STAGES])),
  ]);
  const limits = warningLimitsOf(settings);
  const out = new Map<string, TWarningLevel>();
  for (const r of rows) {
    const level = warningLevel(parcelWarnings({ ...r, stage: r.stage as TStage }, limits, today));
    if (level) out.set(r.id, level);
  }
  return out;
}
