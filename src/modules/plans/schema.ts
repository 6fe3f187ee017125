import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/**
 * Reserve plans (R17 annual, R25 three-year rolling). An adjustment is a new version in the
 * same group; earlier versions are kept with status 'superseded'.
 */
export const plans = pgTable(
  'plans',
  {
    id: idColumn(),
    groupId: text('group_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['current', 'superseded'] }).notNull(),
    planType: text('plan_type', { enum: ['annual', 'rolling'] }).notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    title: text('title').notNull(),
    docNo: text('doc_no'),
    approvedOn: date('approved_on', { mode: 'string' }),
    adjustReason: text('adjust_reason'),
    /** R17 二(五) 1: land carried over from the end of last year — 拟收储 and 入库储备 (annual plans). */
    carryPlannedCount: integer('carry_planned_count').notNull().default(0),
    carryPlannedArea: numeric('carry_planned_area', { precision: 14, scale: 2 }).notNull().default('0'),
    carryReservedCount: integer('carry_reserved_count').notNull().default(0),
    carryReservedArea: numeric('carry_reserved_area', { precision: 14, scale: 2 }).notNull().default('0'),
    /** R17 二(五) 2: new 拟收储 (acquisition started) in the year; acquire_* is the new 入库. */
    newPlannedCount: integer('new_planned_count').notNull().default(0),
    newPlannedArea: numeric('new_planned_area', { precision: 14, scale: 2 }).notNull().default('0'),
    acquireCount: integer('acquire_count').notNull().default(0),
    acquireArea: numeric('acquire_area', { precision: 14, scale: 2 }).notNull().default('0'),
    developCount: integer('develop_count').notNull().default(0),
    developArea: numeric('develop_area', { precision: 14, scale: 2 }).notNull().default('0'),
    supplyCount: integer('supply_count').notNull().default(0),
    supplyArea: numeric('supply_area', { precision: 14, scale: 2 }).notNull().default('0'),
    custodyCount: integer('custody_count').notNull().default(0),
    custodyArea: numeric('custody_area', { precision: 14, scale: 2 }).notNull().default('0'),
    fundNeed: numeric('fund_need', { precision: 18, scale: 2 }).notNull().default('0'),
    createdBy: text('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_group_version_uq').on(t.groupId, t.version),
    index('plans_year_idx').on(t.startYear),
    check('plans_status_ck', sql`${t.status} in ('current', 'superseded')`),
    check('plans_type_ck', sql`${t.planType} in ('annual', 'rolling')`),
    check('plans_years_ck', sql`${t.endYear} >= ${t.startYear}`),
  ],
);
