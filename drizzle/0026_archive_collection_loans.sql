CREATE TABLE IF NOT EXISTS "archive_pending" (
	"id" text PRIMARY KEY NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"archive_id" text NOT NULL,
	"stage" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"item_date" date NOT NULL,
	"department" text NOT NULL,
	"retention" text NOT NULL,
	"secrecy" text NOT NULL,
	"page_count" integer,
	"description" text,
	"status" text DEFAULT '待归档' NOT NULL,
	"return_reason" text,
	"decided_by" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"item_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "archive_pending_status_ck" CHECK ("archive_pending"."status" in ('待归档', '已归档', '已退回'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "archive_pending_source_uq" ON "archive_pending" USING btree ("source_type", "source_id");--> statement-breakpoint
CREATE INDEX "archive_pending_status_idx" ON "archive_pending" USING btree ("status", "created_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_pending_files" (
	"id" text PRIMARY KEY NOT NULL,
	"pending_id" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sm3" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "archive_pending_files_pending_idx" ON "archive_pending_files" USING btree ("pending_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_loans" (
	"id" text PRIMARY KEY NOT NULL,
	"borrower_id" text NOT NULL,
	"borrower_name" text NOT NULL,
	"purpose" text NOT NULL,
	"until_date" date NOT NULL,
	"status" text NOT NULL,
	"needs_leader" boolean NOT NULL,
	"approved_by" text,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"leader_by" text,
	"leader_by_name" text,
	"leader_at" timestamp with time zone,
	"refused_reason" text,
	"returned_at" timestamp with time zone,
	"returned_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "archive_loans_status_ck" CHECK ("archive_loans"."status" in ('待审批', '待领导审批', '借阅中', '已归还', '未批准'))
);
--> statement-breakpoint
CREATE INDEX "archive_loans_borrower_idx" ON "archive_loans" USING btree ("borrower_id", "status");--> statement-breakpoint
CREATE INDEX "archive_loans_status_idx" ON "archive_loans" USING btree ("status", "until_date");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_loan_items" (
	"loan_id" text NOT NULL,
	"item_id" text NOT NULL,
	CONSTRAINT "archive_loan_items_loan_id_item_id_pk" PRIMARY KEY("loan_id","item_id")
);
--> statement-breakpoint
CREATE INDEX "archive_loan_items_item_idx" ON "archive_loan_items" USING btree ("item_id");
