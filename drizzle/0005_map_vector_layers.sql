ALTER TABLE "map_layers" DROP CONSTRAINT "map_layers_kind_ck";--> statement-breakpoint
ALTER TABLE "map_layers" ADD COLUMN "source_layers" text;--> statement-breakpoint
ALTER TABLE "map_layers" ADD CONSTRAINT "map_layers_kind_ck" CHECK ("map_layers"."kind" in ('xyz-raster', 'xyz-vector', 'vector-style', 'wms', 'tianditu-vec', 'tianditu-img'));