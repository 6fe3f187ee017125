CREATE TABLE "bond_allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"bond_id" text NOT NULL,
	"project_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"allocated_on" date NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bond_allocations_amount_ck" CHECK ("bond_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "bond_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"bond_id" text NOT NULL,
	"schedule_id" text NOT NULL,
	"paid_on" date NOT NULL,
	"principal_paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"interest_paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"voucher_no" text,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bond_schedule" (
	"id" text PRIMARY KEY NOT NULL,
	"bond_id" text NOT NULL,
	"seq" integer NOT NULL,
	"period_start" date NOT NULL,
	"due_date" date NOT NULL,
	"days" integer NOT NULL,
	"principal" numeric(18, 2) NOT NULL,
	"interest" numeric(18, 2) NOT NULL,
	"outstanding_after" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bonds" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"annual_rate" numeric(7, 4) NOT NULL,
	"term_years" integer NOT NULL,
	"issue_date" date NOT NULL,
	"first_payment_date" date,
	"repayment_type" text NOT NULL,
	"doc_no" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bonds_repayment_ck" CHECK ("bonds"."repayment_type" in ('bullet', 'amortizing')),
	CONSTRAINT "bonds_amount_ck" CHECK ("bonds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"category" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "budget_lines_amount_ck" CHECK ("budget_lines"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer DEFAULT 0 NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'current' NOT NULL,
	"reason" text,
	"approval_doc_no" text,
	"approved_on" date,
	"total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"created_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_versions_kind_ck" CHECK (("budget_versions"."kind" = 'life' and "budget_versions"."year" = 0) or ("budget_versions"."kind" = 'annual' and "budget_versions"."year" between 2000 and 2100)),
	CONSTRAINT "budget_versions_status_ck" CHECK ("budget_versions"."status" in ('current', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "fund_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"source_code" text NOT NULL,
	"name" text NOT NULL,
	"bank_name" text,
	"account_no" text,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fund_accounts_status_ck" CHECK ("fund_accounts"."status" in ('active', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "fund_counters" (
	"scope" text PRIMARY KEY NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_sources" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_no" text NOT NULL,
	"direction" text NOT NULL,
	"entry_date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"category" text NOT NULL,
	"source_code" text,
	"account_id" text,
	"project_id" text NOT NULL,
	"parcel_id" text,
	"party_id" text,
	"contract_no" text,
	"voucher_no" text,
	"counterparty" text,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"leader_required" boolean DEFAULT false NOT NULL,
	"origin" text DEFAULT 'manual' NOT NULL,
	"reversal_of" text,
	"reversed_by" text,
	"created_by" text,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"leader_by" text,
	"leader_at" timestamp with time zone,
	"return_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_direction_ck" CHECK ("ledger_entries"."direction" in ('income', 'expense')),
	CONSTRAINT "ledger_entries_status_ck" CHECK ("ledger_entries"."status" in ('draft', 'submitted', 'reviewed', 'leader', 'approved', 'returned')),
	CONSTRAINT "ledger_entries_origin_ck" CHECK ("ledger_entries"."origin" in ('manual', 'compensation', 'reversal'))
);
--> statement-breakpoint
CREATE TABLE "ledger_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bond_allocations_uq" ON "bond_allocations" USING btree ("bond_id","project_id");--> statement-breakpoint
CREATE INDEX "bond_allocations_project_idx" ON "bond_allocations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "bond_payments_bond_idx" ON "bond_payments" USING btree ("bond_id");--> statement-breakpoint
CREATE INDEX "bond_payments_schedule_idx" ON "bond_payments" USING btree ("schedule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bond_schedule_uq" ON "bond_schedule" USING btree ("bond_id","seq");--> statement-breakpoint
CREATE INDEX "bond_schedule_due_idx" ON "bond_schedule" USING btree ("due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "bonds_code_uq" ON "bonds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_lines_uq" ON "budget_lines" USING btree ("version_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_versions_uq" ON "budget_versions" USING btree ("project_id","kind","year","version");--> statement-breakpoint
CREATE INDEX "budget_versions_year_idx" ON "budget_versions" USING btree ("year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_accounts_name_uq" ON "fund_accounts" USING btree ("name");--> statement-breakpoint
CREATE INDEX "fund_accounts_source_idx" ON "fund_accounts" USING btree ("source_code");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_no_uq" ON "ledger_entries" USING btree ("entry_no");--> statement-breakpoint
CREATE INDEX "ledger_entries_project_idx" ON "ledger_entries" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "ledger_entries_date_idx" ON "ledger_entries" USING btree ("entry_date");--> statement-breakpoint
CREATE INDEX "ledger_entries_status_idx" ON "ledger_entries" USING btree ("status");--> statement-breakpoint
CREATE INDEX "ledger_entries_parcel_idx" ON "ledger_entries" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_party_idx" ON "ledger_entries" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_reversal_idx" ON "ledger_entries" USING btree ("reversal_of");--> statement-breakpoint
CREATE INDEX "ledger_steps_entry_idx" ON "ledger_steps" USING btree ("entry_id");--> statement-breakpoint
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('fiscal', '财政拨款', 1, '财综〔2018〕8号：财政预算安排的土地储备资金');--> statement-breakpoint
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('bond', '专项债券', 2, '土地储备专项债券资金（财预〔2019〕89号）');--> statement-breakpoint
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('land_income', '出让收入返还', 3, '从国有土地使用权出让收入中安排的土地储备资金');--> statement-breakpoint
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('other', '其他', 4, '经财政部门批准可用于土地储备的其他资金');
