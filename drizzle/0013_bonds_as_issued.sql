-- Bonds as issued: the issuer (the province issues for the city), the coupon frequency (1 or 2 a
-- year) and, for principal repaid by instalments, one percentage per year. No short first coupon:
-- first_payment_date goes. An existing 'amortizing' bond gets equal yearly percentages (the last
-- taking the remainder); its stored schedule, which payments refer to, is left as it is.
ALTER TABLE "bonds" ADD COLUMN "issuer" text DEFAULT '湖南省' NOT NULL;--> statement-breakpoint
ALTER TABLE "bonds" ADD COLUMN "coupons_per_year" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "bonds" ADD COLUMN "principal_percents" jsonb;--> statement-breakpoint
ALTER TABLE "bonds" DROP COLUMN "first_payment_date";--> statement-breakpoint
ALTER TABLE "bonds" ADD CONSTRAINT "bonds_coupons_ck" CHECK ("bonds"."coupons_per_year" in (1, 2));--> statement-breakpoint
UPDATE "bonds" SET "principal_percents" = CAST('[' || repeat('"' || trunc(100.0 / "term_years", 2) || '",', "term_years" - 1) || '"' || (100 - trunc(100.0 / "term_years", 2) * ("term_years" - 1)) || '"]' AS jsonb) WHERE "repayment_type" = 'amortizing';
