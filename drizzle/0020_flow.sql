-- Generic approval step-flow engine (src/platform/flow): definitions as data, one flow per object
-- with the steps it started with, and the append-only history of decisions.
CREATE TABLE "flow_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	"updated_by_name" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "flow_definitions_kind_uq" ON "flow_definitions" USING btree ("kind");
--> statement-breakpoint
CREATE TABLE "flow_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"current_step_index" integer NOT NULL,
	"current_step_key" text,
	"current_role_id" text,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"started_by" text NOT NULL,
	"started_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "flow_instances_status_ck" CHECK ("flow_instances"."status" in ('进行中', '已完成', '已退回'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "flow_instances_object_uq" ON "flow_instances" USING btree ("object_type","object_id");
--> statement-breakpoint
CREATE INDEX "flow_instances_role_idx" ON "flow_instances" USING btree ("current_role_id","status");
--> statement-breakpoint
CREATE INDEX "flow_instances_started_by_idx" ON "flow_instances" USING btree ("started_by","status");
--> statement-breakpoint
CREATE TABLE "flow_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"round" integer NOT NULL,
	"step_key" text NOT NULL,
	"step_name" text NOT NULL,
	"department_id" text,
	"department_name" text,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"decision" text NOT NULL,
	"opinion" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "flow_actions_decision_ck" CHECK ("flow_actions"."decision" in ('通过', '退回'))
);
--> statement-breakpoint
ALTER TABLE "flow_actions" ADD CONSTRAINT "flow_actions_instance_id_flow_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."flow_instances"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "flow_actions_instance_idx" ON "flow_actions" USING btree ("instance_id","at");
