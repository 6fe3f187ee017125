/**
 * The parcel vector tiles as the map page reads them (client-safe constants, no I/O).
 *
 * GET /api/tiles/parcels/{z}/{x}/{y} → application/vnd.mapbox-vector-tile, one layer
 * `parcels`, extent 4096. 400 for coordinates that are not integers or lie outside zoom 0–22,
 * 401 without a session, 403 without parcel:view (JSON `{ error }` in Chinese).
 *
 * - z ≥ POLYGON_MIN_ZOOM: one Polygon/MultiPolygon feature per parcel, clipped to the tile
 *   with a 64-unit buffer into valid polygons (MVT 2.1 §4.3.4.4: a parcel cut apart by the
 *   edge is a MultiPolygon) and simplified (vertices closer than 1 px dropped, as long as the
 *   area changes by at most 5%), with the
 *   properties of ParcelTileProps. The feature id is a stable 52-bit hash of the parcel id (the
 *   same in every tile; `promoteId: 'id'` gives the exact id).
 * - z ≥ LABEL_MIN_ZOOM: also one Point feature per parcel (properties `id`, `code`, `name`; no
 *   feature id) at its label point (the pole of inaccessibility of its largest part, found on the
 *   whole polygon), in the one tile holding that point: maplibre labels a polygon once per tile
 *   it is clipped into, so a parcel crossing a tile border was labelled twice.
 * - z < POLYGON_MIN_ZOOM: too many parcels per tile for polygons, so they are aggregated: one
 *   Point feature per grid cell (CLUSTER_CELL tile units), at the area-weighted centre of its
 *   parcels, with the properties of ClusterTileProps (`count` present, no `id`; `stage` is the
 *   stage most of them are in).
 *   Each parcel is counted in the one tile holding its centre. A click on a cluster should
 *   zoom in rather than open a parcel card.
 * - An empty tile (no parcel in it) answers 204 with no body.
 * - Headers: ETag (a digest of the bytes; If-None-Match → 304) and
 *   `Cache-Control: private, no-cache` (the browser revalidates, so a change shows at once).
 *
 * Filters (query string; unknown parameters and malformed values are ignored):
 *   stage=已入库&stage=可供应 or stage=已入库,可供应 · district=430903 (adcode) · project=<id>
 *   year=2024 (the year of the parcel's FIRST lifecycle event, i.e. when it was registered as
 *   拟收储) · use=<planned use, exact> · warn=1 (only parcels with a warning today).
 */

export const TILE_LAYER = 'parcels';
export const TILE_EXTENT = 4096;
/** Highest zoom the endpoint accepts. */
export const TILE_MAX_ZOOM = 22;
/** From this zoom on, tiles hold parcel polygons; below it, aggregated points. */
export const POLYGON_MIN_ZOOM = 13;
/** From this zoom on, polygon tiles also carry each parcel's label point (and the map labels parcels). */
export const LABEL_MIN_ZOOM = 15;
/** Side of an aggregation cell at low zooms, in tile units (of 4096): 64 px on a 512 px tile. */
export const CLUSTER_CELL = 512;
/** URL template for maplibre's vector source (relative to the app). */
export const PARCEL_TILE_URL = '/api/tiles/parcels/{z}/{x}/{y}';

/** Properties of a parcel polygon feature. */
export interface ParcelTileProps {
  /** parcel id (links to /parcels/{id}) */
  id: string;
  code: string;
  name: string;
  /** Chinese stage name, one of STAGES */
  stage: string;
  /** worst warning today: 'red', 'amber' or '' */
  warn: 'red' | 'amber' | '';
  /** area in 亩, 2 decimals */
  areaMu: number;
  /** project code ('' when unknown) */
  project: string;
}

/** Properties of an aggregated point feature (z < POLYGON_MIN_ZOOM). */
export interface ClusterTileProps {
  /** the stage most of the cell's parcels are in (ties: the earlier stage) */
  stage: string;
  /** worst warning among the cell's parcels */
  warn: 'red' | 'amber' | '';
  /** number of parcels */
  count: number;
  /** number of parcels with a red / an amber warning */
  red: number;
  amber: number;
  /** total area in 亩, 2 decimals */
  areaMu: number;
}
