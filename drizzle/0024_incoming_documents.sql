CREATE TABLE "incoming_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"receipt_no" text NOT NULL,
	"receipt_year" integer NOT NULL,
	"receipt_seq" integer NOT NULL,
	"sender_org" text NOT NULL,
	"sender_no" text,
	"title" text NOT NULL,
	"doc_type" text NOT NULL,
	"urgency" text NOT NULL,
	"secrecy" text NOT NULL,
	"received_on" date NOT NULL,
	"written_on" date,
	"page_count" integer,
	"summary" text,
	"plan_id" text,
	"project_id" text,
	"parcel_id" text,
	"state" text NOT NULL,
	"proposal" text,
	"proposed_by" text,
	"proposed_at" timestamp with time zone,
	"instruction" text,
	"instructed_by" text,
	"instructed_at" timestamp with time zone,
	"completion_note" text,
	"reply_doc_id" text,
	"reply_doc_title" text,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"archived_by" text,
	"archived_at" timestamp with time zone,
	"registered_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incoming_documents_type_ck" CHECK ("incoming_documents"."doc_type" in ('请示', '报告', '通知', '函', '批复', '会议纪要', '决定', '意见', '其他')),
	CONSTRAINT "incoming_documents_urgency_ck" CHECK ("incoming_documents"."urgency" in ('特急', '加急', '平件')),
	CONSTRAINT "incoming_documents_secrecy_ck" CHECK ("incoming_documents"."secrecy" in ('公开', '内部')),
	CONSTRAINT "incoming_documents_state_ck" CHECK ("incoming_documents"."state" in ('registered', 'proposed', 'instructed', 'handling', 'completed', 'archived')),
	CONSTRAINT "incoming_documents_pages_ck" CHECK ("incoming_documents"."page_count" is null or "incoming_documents"."page_count" > 0),
	CONSTRAINT "incoming_documents_seq_ck" CHECK ("incoming_documents"."receipt_seq" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_documents_no_uq" ON "incoming_documents" USING btree ("receipt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_documents_year_seq_uq" ON "incoming_documents" USING btree ("receipt_year","receipt_seq");--> statement-breakpoint
CREATE INDEX "incoming_documents_state_idx" ON "incoming_documents" USING btree ("state");--> statement-breakpoint
CREATE INDEX "incoming_documents_received_idx" ON "incoming_documents" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "incoming_documents_project_idx" ON "incoming_documents" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "incoming_documents_parcel_idx" ON "incoming_documents" USING btree ("parcel_id");--> statement-breakpoint
CREATE TABLE "incoming_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"department_id" text NOT NULL,
	"due_on" date NOT NULL,
	"request" text,
	"status" text NOT NULL,
	"assigned_by" text,
	"assigned_at" timestamp with time zone NOT NULL,
	"handling_note" text,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"return_reason" text,
	"returned_by" text,
	"returned_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incoming_assignments_status_ck" CHECK ("incoming_assignments"."status" in ('pending', 'done', 'returned', 'reassigned'))
);
--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incoming_assignments_document_idx" ON "incoming_assignments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "incoming_assignments_department_idx" ON "incoming_assignments" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "incoming_assignments_due_idx" ON "incoming_assignments" USING btree ("status","due_on");--> statement-breakpoint
CREATE TABLE "incoming_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"department_id" text,
	"actor_id" text,
	"actor_name" text,
	"opinion" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incoming_steps" ADD CONSTRAINT "incoming_steps_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incoming_steps_document_idx" ON "incoming_steps" USING btree ("document_id","created_at");
