import { doublePrecision, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/** County-level districts (reference data), GeoJSON geometry plus bbox for window queries. */
export const districts = pgTable(
  'districts',
  {
    adcode: text('adcode').primaryKey(),
    name: text('name').notNull(),
    centerLon: doublePrecision('center_lon').notNull(),
    centerLat: doublePrecision('center_lat').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    geometry: jsonb('geometry').notNull(),
    source: text('source').notNull(),
  },
  (t) => [index('districts_bbox_idx').on(t.minLon, t.minLat, t.maxLon, t.maxLat)],
);
