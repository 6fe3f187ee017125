CREATE TABLE IF NOT EXISTS "contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_no" text NOT NULL,
	"name" text NOT NULL,
	"contract_type" text NOT NULL,
	"our_party" text NOT NULL,
	"counterparty" text NOT NULL,
	"counterparty_credit_code" text,
	"amount" numeric(18, 2) NOT NULL,
	"signed_on" date,
	"start_on" date,
	"end_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"project_id" text,
	"party_id" text,
	"note" text,
	"status_reason" text,
	"origin" text DEFAULT 'manual' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contracts_status_ck" CHECK ("contracts"."status" in ('draft', 'effective', 'completed', 'terminated')),
	CONSTRAINT "contracts_origin_ck" CHECK ("contracts"."origin" in ('manual', 'work-package', 'compensation')),
	CONSTRAINT "contracts_amount_ck" CHECK ("contracts"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_no_uq" ON "contracts" USING btree ("contract_no");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_party_uq" ON "contracts" USING btree ("party_id") WHERE "contracts"."party_id" is not null;--> statement-breakpoint
CREATE INDEX "contracts_project_idx" ON "contracts" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "contracts_end_idx" ON "contracts" USING btree ("end_on");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "contract_parcels" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"parcel_id" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contract_parcels_uq" ON "contract_parcels" USING btree ("contract_id","parcel_id");--> statement-breakpoint
CREATE INDEX "contract_parcels_parcel_idx" ON "contract_parcels" USING btree ("parcel_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "contract_work_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"work_package_id" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contract_work_packages_uq" ON "contract_work_packages" USING btree ("work_package_id");--> statement-breakpoint
CREATE INDEX "contract_work_packages_contract_idx" ON "contract_work_packages" USING btree ("contract_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "contract_milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"due_on" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"payment_condition" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_milestones_amount_ck" CHECK ("contract_milestones"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX "contract_milestones_contract_idx" ON "contract_milestones" USING btree ("contract_id","due_on");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "contract_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"delta" numeric(18, 2) NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"flow_id" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_changes_kind_ck" CHECK ("contract_changes"."kind" in ('变更', '签证')),
	CONSTRAINT "contract_changes_status_ck" CHECK ("contract_changes"."status" in ('pending', 'approved', 'returned'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contract_changes_seq_uq" ON "contract_changes" USING btree ("contract_id","seq");--> statement-breakpoint
CREATE INDEX "contract_changes_status_idx" ON "contract_changes" USING btree ("status");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "contract_id" text;--> statement-breakpoint
CREATE INDEX "ledger_entries_contract_idx" ON "ledger_entries" USING btree ("contract_id","status");
-- Existing contract numbers (work packages, compensation agreements, ledger entries) are turned
-- into contracts and linked by the migrate job in the run that applies this migration
-- (src/modules/contracts/legacy.ts, called from scripts/lib/prepare.ts): ids are generated in code.
