import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '@/platform/db/columns';

/*
 * What 可供应 (净地) needs besides accepted works: a reason where demolition or levelling is not
 * needed, the cancellation of each issued 不动产权证书, and the parcel's place in the year's
 * supply plan. One row per fact; the rules read them (parcels/rules/net-land.ts).
 */

/** "No works needed" for 拆除 or 平整 on a parcel, with the reason. */
export const workExemptions = pgTable(
  'work_exemptions',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    workType: text('work_type').notNull(),
    reason: text('reason').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('work_exemptions_parcel_type_uq').on(t.parcelId, t.workType)],
);

/** A 不动产权证书 on the parcel cancelled (注销登记): its number and the date. */
export const titleCancellations = pgTable(
  'title_cancellations',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    certNo: text('cert_no').notNull(),
    cancelledOn: date('cancelled_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('title_cancellations_parcel_cert_uq').on(t.parcelId, t.certNo)],
);

/**
 * The parcel listed in a year's supply plan (R17: 纳入当地市、县土地供应计划): the year, the
 * plan's document number and the date it was listed. Kept by year, not by plan row, so a plan
 * adjustment (a new version) does not drop it; the annual plan page lists the year's rows.
 */
export const supplyPlanListings = pgTable(
  'supply_plan_listings',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    planYear: integer('plan_year').notNull(),
    docNo: text('doc_no').notNull(),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('supply_plan_listings_parcel_year_uq').on(t.parcelId, t.planYear), index('supply_plan_listings_year_idx').on(t.planYear)],
);
