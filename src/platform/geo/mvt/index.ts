/** Vector tiles (Mapbox Vector Tile 2.1) generated in code: no native dependency, no PostGIS. */
export { PbfWriter } from './pbf-writer';
export { MAX_MERCATOR_LAT, TileProjector, isValidTile, latToWorldY, lonToWorldX, tileAt, tileBBox, worldXToLon, worldYToLat, type TileCoord } from './tile-math';
export { clipRing, ringBounds, type FlatRing } from './clip';
export { reverseRing, ringArea2, simplifyRing } from './simplify';
export { pointCommands, polygonCommands, polygonsInTile, type TileGeometryOptions, type TilePolygon } from './geometry';
export { GEOM_LINESTRING, GEOM_POINT, GEOM_POLYGON, LayerBuilder, encodeTile, type TGeomType, type TPropertyValue, type TileFeature } from './encode';
