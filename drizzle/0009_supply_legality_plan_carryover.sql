ALTER TABLE "supplies" ADD COLUMN "bid_start_date" date;--> statement-breakpoint
ALTER TABLE "supplies" ADD COLUMN "listing_end_date" date;--> statement-breakpoint
ALTER TABLE "supplies" ADD COLUMN "allocation_category" text;--> statement-breakpoint
ALTER TABLE "supplies" ADD COLUMN "benchmark_price" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "supplies" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "carry_planned_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "carry_planned_area" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "carry_reserved_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "carry_reserved_area" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "new_planned_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "new_planned_area" numeric(14, 2) DEFAULT '0' NOT NULL;
-- data migration (hand-written)
-- Annual plans get last year's carry-over (R17 二(五) 1) from the records: parcels whose last
-- event on or before 31 December of the year before the plan left them in 拟收储/收储中 (拟收储土地)
-- or in 已入库/前期开发/可供应 (入库储备土地). Same counting as getCarryOver in plans/queries.ts.
--> statement-breakpoint
UPDATE "plans" SET
  "carry_planned_count" = (SELECT count(*) FROM "parcels" p WHERE (SELECT e."to_stage" FROM "parcel_events" e WHERE e."parcel_id" = p."id" AND e."event_date" <= CAST(CAST("plans"."start_year" - 1 AS text) || '-12-31' AS date) ORDER BY e."seq" DESC LIMIT 1) IN ('拟收储', '收储中')),
  "carry_planned_area" = (SELECT coalesce(sum(p."area_m2"), 0) FROM "parcels" p WHERE (SELECT e."to_stage" FROM "parcel_events" e WHERE e."parcel_id" = p."id" AND e."event_date" <= CAST(CAST("plans"."start_year" - 1 AS text) || '-12-31' AS date) ORDER BY e."seq" DESC LIMIT 1) IN ('拟收储', '收储中')),
  "carry_reserved_count" = (SELECT count(*) FROM "parcels" p WHERE (SELECT e."to_stage" FROM "parcel_events" e WHERE e."parcel_id" = p."id" AND e."event_date" <= CAST(CAST("plans"."start_year" - 1 AS text) || '-12-31' AS date) ORDER BY e."seq" DESC LIMIT 1) IN ('已入库', '前期开发', '可供应')),
  "carry_reserved_area" = (SELECT coalesce(sum(p."area_m2"), 0) FROM "parcels" p WHERE (SELECT e."to_stage" FROM "parcel_events" e WHERE e."parcel_id" = p."id" AND e."event_date" <= CAST(CAST("plans"."start_year" - 1 AS text) || '-12-31' AS date) ORDER BY e."seq" DESC LIMIT 1) IN ('已入库', '前期开发', '可供应'))
WHERE "plan_type" = 'annual';
