CREATE TABLE "map_layers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"url" text,
	"wms_layers" text,
	"api_key" text,
	"attribution" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "map_layers_kind_ck" CHECK ("map_layers"."kind" in ('xyz-raster', 'wms', 'tianditu-vec', 'tianditu-img')),
	CONSTRAINT "map_layers_role_ck" CHECK ("map_layers"."role" in ('basemap', 'overlay'))
);
