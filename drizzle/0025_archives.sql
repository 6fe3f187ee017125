CREATE TABLE IF NOT EXISTS "archives" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"owner_code" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "archives_owner_type_ck" CHECK ("archives"."owner_type" in ('地块', '项目'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "archives_owner_uq" ON "archives" USING btree ("owner_type", "owner_id");--> statement-breakpoint
CREATE INDEX "archives_owner_code_idx" ON "archives" USING btree ("owner_code");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_items" (
	"id" text PRIMARY KEY NOT NULL,
	"archive_id" text NOT NULL,
	"stage" text NOT NULL,
	"archive_no" text NOT NULL,
	"series" text NOT NULL,
	"seq" integer NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"item_date" date NOT NULL,
	"department" text NOT NULL,
	"retention" text NOT NULL,
	"secrecy" text NOT NULL,
	"page_count" integer,
	"description" text,
	"source_type" text NOT NULL,
	"source_id" text,
	"accepted_by" text NOT NULL,
	"accepted_by_name" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "archive_items_stage_ck" CHECK ("archive_items"."stage" in ('计划', '收储', '入库', '开发', '管护', '供应', '资金', '公文合同')),
	CONSTRAINT "archive_items_retention_ck" CHECK ("archive_items"."retention" in ('永久', '30年', '10年')),
	CONSTRAINT "archive_items_secrecy_ck" CHECK ("archive_items"."secrecy" in ('公开', '内部')),
	CONSTRAINT "archive_items_seq_ck" CHECK ("archive_items"."seq" > 0),
	CONSTRAINT "archive_items_pages_ck" CHECK ("archive_items"."page_count" is null or "archive_items"."page_count" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "archive_items_no_uq" ON "archive_items" USING btree ("archive_no");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_items_series_seq_uq" ON "archive_items" USING btree ("series", "seq");--> statement-breakpoint
CREATE INDEX "archive_items_archive_idx" ON "archive_items" USING btree ("archive_id", "stage");--> statement-breakpoint
CREATE INDEX "archive_items_source_idx" ON "archive_items" USING btree ("source_type", "source_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_item_files" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sm3" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "archive_item_files_item_idx" ON "archive_item_files" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "archive_item_files_sm3_idx" ON "archive_item_files" USING btree ("sm3");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_number_counters" (
	"series" text NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "archive_number_counters_series_pk" PRIMARY KEY("series")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "archive_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"via" text NOT NULL,
	"checked_by" text,
	"files_checked" integer NOT NULL,
	"missing" integer NOT NULL,
	"altered" integer NOT NULL,
	"problems" text NOT NULL
);
