-- 公文: the 发文 register (src/modules/documents), its links, number rules and number counters.
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"direction" text DEFAULT '发文' NOT NULL,
	"doc_type" text NOT NULL,
	"title" text NOT NULL,
	"issuing_org" text NOT NULL,
	"main_recipients" text,
	"copy_recipients" text,
	"urgency" text DEFAULT '平件' NOT NULL,
	"secrecy" text DEFAULT '内部' NOT NULL,
	"doc_date" date,
	"body" text DEFAULT '' NOT NULL,
	"doc_no" text,
	"doc_year" integer,
	"doc_seq" integer,
	"status" text DEFAULT '草稿' NOT NULL,
	"department_id" text,
	"drafter_id" text NOT NULL,
	"drafter_name" text NOT NULL,
	"signer_id" text,
	"signer_name" text,
	"signed_at" timestamp with time zone,
	"skip_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_direction_ck" CHECK ("documents"."direction" in ('发文', '收文')),
	CONSTRAINT "documents_urgency_ck" CHECK ("documents"."urgency" in ('平件', '加急', '特急')),
	CONSTRAINT "documents_secrecy_ck" CHECK ("documents"."secrecy" in ('公开', '内部')),
	CONSTRAINT "documents_status_ck" CHECK ("documents"."status" in ('草稿', '审批中', '已退回', '已签发', '已归档'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "documents_doc_no_uq" ON "documents" USING btree ("doc_no");
--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status");
--> statement-breakpoint
CREATE INDEX "documents_type_idx" ON "documents" USING btree ("doc_type");
--> statement-breakpoint
CREATE INDEX "documents_drafter_idx" ON "documents" USING btree ("drafter_id");
--> statement-breakpoint
CREATE INDEX "documents_department_idx" ON "documents" USING btree ("department_id");
--> statement-breakpoint
CREATE TABLE "document_links" (
	"document_id" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	CONSTRAINT "document_links_document_id_target_type_target_id_pk" PRIMARY KEY("document_id","target_type","target_id"),
	CONSTRAINT "document_links_type_ck" CHECK ("document_links"."target_type" in ('plan', 'project', 'parcel'))
);
--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "document_links_target_idx" ON "document_links" USING btree ("target_type","target_id");
--> statement-breakpoint
CREATE TABLE "document_number_rules" (
	"doc_type" text PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	"updated_by_name" text
);
--> statement-breakpoint
CREATE TABLE "document_number_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_number_counters_series_year_pk" PRIMARY KEY("series","year")
);
