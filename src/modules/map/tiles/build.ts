/**
 * Building one parcel tile from data already read: polygons at high zooms, aggregated points
 * from the overview at low zooms. Pure: no I/O.
 */
import type { PolygonalGeometry } from '@/platform/geo/geometry';
import { squareMetresToMu } from '@/platform/geo/geometry';
import { GEOM_POINT, GEOM_POLYGON, LayerBuilder, TileProjector, encodeTile, latToWorldY, lonToWorldX, pointCommands, polygonCommands, polygonsInTile, type TileCoord } from '@/platform/geo/mvt';
import { labelPoint } from '@/platform/geo/mvt/label-point';
import { STAGES, type TStage } from '@/modules/parcels/stages';
import type { MapFilters } from '../validation';
import { CLUSTER_CELL, LABEL_MIN_ZOOM, TILE_EXTENT, TILE_LAYER } from './contract';
import { WARN_AMBER, WARN_RED, type ParcelOverview } from './overview';

/** Units of buffer around the tile (64 of 4096: 8 px of a 512 px tile), so outlines join across tiles. */
export const TILE_BUFFER = 64;
/** Vertices closer than this to the last kept one are dropped: 1 px of a 512 px tile. */
export const BASE_TOLERANCE = TILE_EXTENT / 512;
/** The largest tile we send; a denser one is simplified harder until it fits. */
export const MAX_TILE_BYTES = 500 * 1024;

export interface TileParcel {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  warn: 'red' | 'amber' | '';
  areaM2: number;
  project: string;
  geometry: PolygonalGeometry;
}

/** 亩 with 2 decimals, as a number. */
export function areaMuOf(m2: number): number {
  return Math.round(squareMetresToMu(m2) * 100) / 100;
}

/** A stable 52-bit feature id from the parcel id (two FNV-1a hashes), the same in every tile. */
export function featureIdOf(id: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 13;
  }
  return h1 * 2 ** 20 + (h2 >>> 12);
}

/** Label points are placed to within this many pixels (of a 512 px tile). */
const LABEL_PRECISION_PX = 2;

/**
 * The parcel's label point in this tile's units, or null when it lies in another tile. The point
 * is found on the whole polygon (the same in every tile of a zoom, to LABEL_PRECISION_PX) and
 * belongs to the one tile holding it, so each parcel is labelled once however many tiles it
 * crosses. It is searched in degrees with longitudes scaled by cos(latitude): at a parcel's size
 * that is Web Mercator up to a constant (the projection is conformal), without a logarithm per
 * vertex.
 */
export function labelPointInTile(geometry: PolygonalGeometry, tile: TileCoord): [number, number] | null {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const k = Math.cos((parts[0][0][0][1] * Math.PI) / 180);
  const polygons = parts.map((rings) =>
    rings.map((ring) => {
      const flat = new Array<number>(ring.length * 2);
      for (let i = 0; i < ring.length; i++) {
        flat[2 * i] = ring[i][0] * k;
        flat[2 * i + 1] = ring[i][1];
      }
      return flat;
    }),
  );
  const pixel = (360 * k) / (512 * 2 ** tile.z);
  const p = labelPoint(polygons, LABEL_PRECISION_PX * pixel);
  if (!p) return null;
  const scale = 2 ** tile.z * TILE_EXTENT;
  const x = Math.floor(lonToWorldX(p[0] / k) * scale) - tile.x * TILE_EXTENT;
  const y = Math.floor(latToWorldY(p[1]) * scale) - tile.y * TILE_EXTENT;
  return x >= 0 && x < TILE_EXTENT && y >= 0 && y < TILE_EXTENT ? [x, y] : null;
}

function encodePolygons(parcels: readonly TileParcel[], tile: TileCoord, tolerance: number): Uint8Array {
  const projector = new TileProjector(tile, TILE_EXTENT);
  const layer = new LayerBuilder(TILE_LAYER, TILE_EXTENT);
  const opts = { buffer: TILE_BUFFER, tolerance, minArea: tolerance * tolerance };
  const labelled = tile.z >= LABEL_MIN_ZOOM;
  for (const p of parcels) {
    const polygons = polygonsInTile(p.geometry, projector, opts);
    if (polygons.length === 0) continue;
    layer.add({
      id: featureIdOf(p.id),
      type: GEOM_POLYGON,
      geometry: polygonCommands(polygons),
      properties: { id: p.id, code: p.code, name: p.name, stage: p.stage, warn: p.warn, areaMu: areaMuOf(p.areaM2), project: p.project },
    });
    const at = labelled ? labelPointInTile(p.geometry, tile) : null;
    if (at) layer.add({ type: GEOM_POINT, geometry: pointCommands([at]), properties: { id: p.id, code: p.code, name: p.name } });
  }
  return encodeTile([layer]);
}

/**
 * The polygon tile: larger parcels first (smaller ones draw on top). Sub-pixel parts collapse
 * and are left out. Over MAX_TILE_BYTES, the tolerance doubles until the tile fits (up to
 * 32 px, which no realistic density needs).
 */
export function buildPolygonTile(parcels: readonly TileParcel[], tile: TileCoord): Uint8Array {
  const ordered = [...parcels].sort((a, b) => b.areaM2 - a.areaM2 || (a.id < b.id ? -1 : 1));
  let tolerance = BASE_TOLERANCE;
  let bytes = encodePolygons(ordered, tile, tolerance);
  while (bytes.length > MAX_TILE_BYTES && tolerance < 32 * BASE_TOLERANCE) {
    tolerance *= 2;
    bytes = encodePolygons(ordered, tile, tolerance);
  }
  return bytes;
}

const CELLS = TILE_EXTENT / CLUSTER_CELL;
const STAGE_COUNT = STAGES.length;

/**
 * The aggregated tile: the parcels whose centre lies in the tile, grouped by grid cell; one
 * point per cell at the area-weighted centre of its parcels, with their count, area and
 * warnings, coloured (`stage`) by the stage most of them are in (ties: the earlier stage). One
 * point per cell rather than per stage keeps the city view legible at 100,000 parcels (seven
 * circles per cell piled up); the view statistics give the split by stage. At most
 * (4096/CLUSTER_CELL)² = 64 features, so the size stays bounded.
 */
export function buildClusterTile(overview: ParcelOverview, tile: TileCoord, f: MapFilters): Uint8Array {
  const [start, end] = overview.range(tile);
  const layer = new LayerBuilder(TILE_LAYER, TILE_EXTENT);
  if (start === end) return encodeTile([layer]);
  const cells = CELLS * CELLS;
  const count = new Uint32Array(cells);
  const byStage = new Uint32Array(cells * STAGE_COUNT);
  const red = new Uint32Array(cells);
  const amber = new Uint32Array(cells);
  const area = new Float64Array(cells);
  const sx = new Float64Array(cells);
  const sy = new Float64Array(cells);
  const weight = new Float64Array(cells);
  const projector = new TileProjector(tile, TILE_EXTENT);
  const matches = overview.matcher(f);
  for (let k = start; k < end; k++) {
    if (!matches(k)) continue;
    const px = projector.x(overview.lon[k]);
    const py = projector.y(overview.lat[k]);
    const cx = Math.max(0, Math.min(CELLS - 1, Math.floor(px / CLUSTER_CELL)));
    const cy = Math.max(0, Math.min(CELLS - 1, Math.floor(py / CLUSTER_CELL)));
    const cell = cy * CELLS + cx;
    const a = overview.areaM2[k];
    const wgt = a > 0 ? a : 1;
    count[cell]++;
    byStage[cell * STAGE_COUNT + overview.stage[k]]++;
    area[cell] += a;
    sx[cell] += px * wgt;
    sy[cell] += py * wgt;
    weight[cell] += wgt;
    if (overview.warn[k] === WARN_RED) red[cell]++;
    else if (overview.warn[k] === WARN_AMBER) amber[cell]++;
  }
  const clamp = (v: number) => Math.max(0, Math.min(TILE_EXTENT - 1, Math.round(v)));
  for (let cell = 0; cell < cells; cell++) {
    if (count[cell] === 0) continue;
    let top = 0;
    for (let st = 1; st < STAGE_COUNT; st++) if (byStage[cell * STAGE_COUNT + st] > byStage[cell * STAGE_COUNT + top]) top = st;
    layer.add({
      type: GEOM_POINT,
      geometry: pointCommands([[clamp(sx[cell] / weight[cell]), clamp(sy[cell] / weight[cell])]]),
      properties: {
        stage: STAGES[top],
        warn: red[cell] > 0 ? 'red' : amber[cell] > 0 ? 'amber' : '',
        count: count[cell],
        red: red[cell],
        amber: amber[cell],
        areaMu: areaMuOf(area[cell]),
      },
    });
  }
  return encodeTile([layer]);
}
