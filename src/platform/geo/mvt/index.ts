/** Vector tiles (Mapbox Vector Tile 2.1) generated in code: no native dependency, no PostGIS. */
export { PbfWriter } from './pbf-writer';
export { MAX_MERCATOR_LAT, TileProjector, isValidTile, latToWorldY, lonToWorldX, tileAt, tileBBox, worldXToLon, worldYToLat, type TileCoord } from './tile-math';
export { clipPolygon, groupRings, orientRing, pointInRing, reverseRing, ringArea2, ringBounds, type FlatRing } from './clip';
export { dropInLineVertices, simplifyRing } from './simplify';
export { polygonsAreValid, ringsAreSimple, segmentsMeet } from './validity';
export { MAX_AREA_CHANGE, clippedPolygons, pointCommands, polygonCommands, polygonsInTile, type TileGeometryOptions, type TilePolygon } from './geometry';
export { GEOM_LINESTRING, GEOM_POINT, GEOM_POLYGON, LayerBuilder, encodeTile, type TGeomType, type TPropertyValue, type TileFeature } from './encode';
