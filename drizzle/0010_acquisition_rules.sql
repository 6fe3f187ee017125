CREATE TABLE "parcel_costs" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"category" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcel_costs_category_ck" CHECK ("parcel_costs"."category" in ('耕地开垦费', '耕地占用税', '评估费', '不可预见费'))
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_flood" text DEFAULT '未查' NOT NULL;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_soil_reason" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_relics_reason" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_minerals_reason" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_flood_reason" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "hazard_geology_reason" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "soil_key_supervised" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "acquisition_doc_no" text;--> statement-breakpoint
CREATE INDEX "parcel_costs_parcel_idx" ON "parcel_costs" USING btree ("parcel_id");--> statement-breakpoint
-- data migration (hand-written)
-- 耕地开垦费, 耕地占用税, 评估费 and 不可预见费 are project costs, not money owed to a party: each such
-- compensation item becomes a parcel cost (same id, amount and date; the note names the party it
-- was listed under), the party's agreed amount drops by what left it, and the items go.
INSERT INTO "parcel_costs" ("id", "parcel_id", "category", "amount", "note", "created_at")
SELECT i."id", i."parcel_id", i."category", i."amount",
  '原列为补偿对象「' || coalesce(p."name", '（已删除）') || '」的补偿明细' || CASE WHEN i."note" IS NULL OR i."note" = '' THEN '' ELSE '：' || i."note" END,
  i."created_at"
FROM "compensation_items" i LEFT JOIN "compensation_parties" p ON p."id" = i."party_id"
WHERE i."category" IN ('耕地开垦费', '耕地占用税', '评估费', '不可预见费');
--> statement-breakpoint
UPDATE "compensation_parties" SET "amount_agreed" = "amount_agreed" - (
  SELECT sum(i."amount") FROM "compensation_items" i
  WHERE i."party_id" = "compensation_parties"."id" AND i."category" IN ('耕地开垦费', '耕地占用税', '评估费', '不可预见费')
)
WHERE "id" IN (SELECT "party_id" FROM "compensation_items" WHERE "category" IN ('耕地开垦费', '耕地占用税', '评估费', '不可预见费'));
--> statement-breakpoint
DELETE FROM "compensation_items" WHERE "category" IN ('耕地开垦费', '耕地占用税', '评估费', '不可预见费');
