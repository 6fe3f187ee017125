import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/**
 * Map layers registered by the system administrator: at most one enabled base map (none = the
 * offline map), and overlays (intranet WMS/XYZ) listed in the map's layers panel. Kinds and
 * their fields: rules.ts (LAYER_KINDS).
 */
export const mapLayers = pgTable(
  'map_layers',
  {
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    role: text('role').notNull(),
    url: text('url'),
    wmsLayers: text('wms_layers'),
    /** xyz-vector: the source-layer names in the tiles, `a,b`. */
    sourceLayers: text('source_layers'),
    apiKey: text('api_key'),
    attribution: text('attribution'),
    enabled: boolean('enabled').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('map_layers_kind_ck', sql`${t.kind} in ('xyz-raster', 'xyz-vector', 'vector-style', 'wms', 'tianditu-vec', 'tianditu-img')`),
    check('map_layers_role_ck', sql`${t.role} in ('basemap', 'overlay')`),
  ],
);
