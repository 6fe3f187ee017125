CREATE TABLE "supply_plan_listings" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"plan_year" integer NOT NULL,
	"doc_no" text NOT NULL,
	"listed_on" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "title_cancellations" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"cert_no" text NOT NULL,
	"cancelled_on" date NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_exemptions" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"work_type" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_on" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "temp_use_consent_no" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "temp_use_purpose" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "temp_use_no_permanent" boolean;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "temp_use_ended_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "supply_plan_listings_parcel_year_uq" ON "supply_plan_listings" USING btree ("parcel_id","plan_year");--> statement-breakpoint
CREATE INDEX "supply_plan_listings_year_idx" ON "supply_plan_listings" USING btree ("plan_year");--> statement-breakpoint
CREATE UNIQUE INDEX "title_cancellations_parcel_cert_uq" ON "title_cancellations" USING btree ("parcel_id","cert_no");--> statement-breakpoint
CREATE UNIQUE INDEX "work_exemptions_parcel_type_uq" ON "work_exemptions" USING btree ("parcel_id","work_type");--> statement-breakpoint
-- data migration (hand-written)
-- The temporary-use limit moves from days to calendar months: parcel.tempUseLimitDays becomes
-- parcel.tempUseLimitMonths, a stored value converted as round(days * 12 / 365), kept within
-- 1..120 (730 -> 24). A confirmation is kept only for a value that converts exactly (365, 730,
-- 1095 ...): any other one was given for a different figure and the setting is 待核实 again.
DELETE FROM "setting_confirmations" WHERE "key" = 'parcel.tempUseLimitDays' AND (CASE WHEN "value" ~ '^[0-9]{1,6}$' THEN MOD(CAST("value" AS integer) * 12, 365) ELSE 1 END) <> 0;
--> statement-breakpoint
UPDATE "setting_confirmations" SET "key" = 'parcel.tempUseLimitMonths', "value" = CAST(CAST("value" AS integer) * 12 / 365 AS text) WHERE "key" = 'parcel.tempUseLimitDays';
--> statement-breakpoint
DELETE FROM "system_settings" WHERE "key" = 'parcel.tempUseLimitDays' AND NOT ("value" ~ '^[0-9]{1,6}$');
--> statement-breakpoint
UPDATE "system_settings" SET "key" = 'parcel.tempUseLimitMonths', "value" = CAST(GREATEST(1, LEAST(120, CAST(ROUND(CAST("value" AS numeric) * 12 / 365) AS integer))) AS text) WHERE "key" = 'parcel.tempUseLimitDays';
