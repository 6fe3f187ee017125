CREATE TABLE "system_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"parcel_id" text,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sm3" text NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compensation_items" (
	"id" text PRIMARY KEY NOT NULL,
	"party_id" text NOT NULL,
	"parcel_id" text NOT NULL,
	"category" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compensation_parties" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"party_type" text NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text,
	"id_number_masked" text,
	"phone_enc" text,
	"phone_masked" text,
	"agreement_no" text,
	"agreement_signed_on" date,
	"amount_agreed" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount_paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector" text NOT NULL,
	"findings" text,
	"rectification" text,
	"rectified_on" date,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcel_events" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"event_date" date NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"amount" numeric(18, 2),
	"doc_no" text,
	"reason" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"supervision_no" text,
	"location" text,
	"district_code" text,
	"project_id" text NOT NULL,
	"geometry" jsonb,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"center_lon" double precision,
	"center_lat" double precision,
	"area_m2" numeric(14, 2) DEFAULT '0' NOT NULL,
	"current_use" text,
	"planned_use" text,
	"plot_ratio" numeric(6, 2),
	"servicing" text,
	"title_cert_no" text,
	"title_registered_on" date,
	"hazard_soil" text DEFAULT '未查' NOT NULL,
	"hazard_relics" text DEFAULT '未查' NOT NULL,
	"hazard_minerals" text DEFAULT '未查' NOT NULL,
	"hazard_geology" text DEFAULT '未查' NOT NULL,
	"custody_mode" text,
	"custodian" text,
	"temp_use_start" date,
	"temp_use_end" date,
	"stage" text DEFAULT '拟收储' NOT NULL,
	"stage_since" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcels_stage_ck" CHECK ("parcels"."stage" in ('拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止'))
);
--> statement-breakpoint
CREATE TABLE "reserve_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"zone" text,
	"plan_id" text,
	"acquisition_route" text NOT NULL,
	"impl_doc_no" text,
	"estimated_cost" numeric(18, 2) DEFAULT '0' NOT NULL,
	"expected_income" numeric(18, 2) DEFAULT '0' NOT NULL,
	"national_code" text,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reserve_projects_route_ck" CHECK ("reserve_projects"."acquisition_route" in ('收回', '收购', '征收', '优先购买')),
	CONSTRAINT "reserve_projects_status_ck" CHECK ("reserve_projects"."status" in ('active', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "supplies" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"mode" text NOT NULL,
	"notice_date" date,
	"starting_price" numeric(18, 2),
	"deal_price" numeric(18, 2),
	"transferee" text,
	"contract_no" text,
	"deal_date" date,
	"handover_date" date,
	"status" text DEFAULT '成交' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplies_status_ck" CHECK ("supplies"."status" in ('成交', '中止'))
);
--> statement-breakpoint
CREATE TABLE "work_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"work_type" text NOT NULL,
	"contractor" text,
	"supervisor" text,
	"contract_no" text,
	"contract_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"started_on" date,
	"accepted_on" date,
	"updated_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_packages_progress_ck" CHECK ("work_packages"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"plan_type" text NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"title" text NOT NULL,
	"doc_no" text,
	"approved_on" date,
	"adjust_reason" text,
	"acquire_count" integer DEFAULT 0 NOT NULL,
	"acquire_area" numeric(14, 2) DEFAULT '0' NOT NULL,
	"develop_count" integer DEFAULT 0 NOT NULL,
	"develop_area" numeric(14, 2) DEFAULT '0' NOT NULL,
	"supply_count" integer DEFAULT 0 NOT NULL,
	"supply_area" numeric(14, 2) DEFAULT '0' NOT NULL,
	"custody_count" integer DEFAULT 0 NOT NULL,
	"custody_area" numeric(14, 2) DEFAULT '0' NOT NULL,
	"fund_need" numeric(18, 2) DEFAULT '0' NOT NULL,
	"created_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plans_status_ck" CHECK ("plans"."status" in ('current', 'superseded')),
	CONSTRAINT "plans_type_ck" CHECK ("plans"."plan_type" in ('annual', 'rolling')),
	CONSTRAINT "plans_years_ck" CHECK ("plans"."end_year" >= "plans"."start_year")
);
--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "attachments_parcel_idx" ON "attachments" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "compensation_items_party_idx" ON "compensation_items" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "compensation_items_parcel_idx" ON "compensation_items" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "compensation_parties_parcel_idx" ON "compensation_parties" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "custody_inspections_parcel_idx" ON "custody_inspections" USING btree ("parcel_id","inspected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "parcel_events_parcel_seq_uq" ON "parcel_events" USING btree ("parcel_id","seq");--> statement-breakpoint
CREATE INDEX "parcel_events_date_idx" ON "parcel_events" USING btree ("event_date","to_stage");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_code_uq" ON "parcels" USING btree ("code");--> statement-breakpoint
CREATE INDEX "parcels_project_idx" ON "parcels" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "parcels_stage_idx" ON "parcels" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "parcels_district_idx" ON "parcels" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "parcels_bbox_idx" ON "parcels" USING btree ("min_lon","min_lat","max_lon","max_lat");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_projects_code_uq" ON "reserve_projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "reserve_projects_plan_idx" ON "reserve_projects" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "supplies_parcel_idx" ON "supplies" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "work_packages_parcel_idx" ON "work_packages" USING btree ("parcel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_group_version_uq" ON "plans" USING btree ("group_id","version");--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("start_year");