/**
 * GeoJSON lon/lat polygons → MVT polygon geometry of one tile: projection, clipping to the
 * tile plus a buffer (holes and concave outlines included, see clip.ts), snapping to the integer
 * grid, simplification that keeps every visible feature's area within MAX_AREA_CHANGE and its
 * rings valid, the winding order the MVT specification (2.1, §4.3.4.4) requires, and the
 * command stream.
 */
import type { LinearRing, PolygonalGeometry } from '../geometry';
import { clipPolygon, ringArea2, type FlatRing } from './clip';
import { simplifyRing } from './simplify';
import type { TileProjector } from './tile-math';
import { polygonsAreValid } from './validity';

export interface TileGeometryOptions {
  /** Units kept around the tile (0…extent) before clipping, so strokes join across tiles. */
  buffer: number;
  /** Vertices closer than this (tile units) to the previous kept one are dropped. */
  tolerance: number;
  /** Rings smaller than this (square tile units) collapse; so does a feature this small. */
  minArea: number;
}

/** One polygon in tile space: outer ring first (positive area), then holes (negative area). */
export type TilePolygon = number[][];

/** The most simplification may change the area of a feature (of its part in the tile). */
export const MAX_AREA_CHANGE = 0.05;

function projectRing(ring: LinearRing, projector: TileProjector): FlatRing {
  const n = ring.length;
  // GeoJSON rings repeat the first position at the end; the tile encoding closes rings itself.
  const last = ring[n - 1];
  const closed = n > 1 && last[0] === ring[0][0] && last[1] === ring[0][1];
  const count = closed ? n - 1 : n;
  const out: FlatRing = new Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[2 * i] = projector.x(ring[i][0]);
    out[2 * i + 1] = projector.y(ring[i][1]);
  }
  return out;
}

/** The parcel's polygons inside the tile and its buffer, in (fractional) tile units. */
export function clippedPolygons(geometry: PolygonalGeometry, projector: TileProjector, buffer: number): FlatRing[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const min = -buffer;
  const max = projector.extent + buffer;
  const out: FlatRing[][] = [];
  for (const rings of polygons) {
    const projected = rings.map((ring) => projectRing(ring, projector));
    for (const p of clipPolygon(projected, min, max)) {
      for (const ring of p) keepOffEdge(ring, min, max);
      out.push(p);
    }
  }
  return out;
}

/**
 * A vertex just inside the clip box would round onto its edge, onto the run along the edge that
 * clipping may have made there (a ring touching itself): it rounds one unit inside instead.
 */
function keepOffEdge(ring: FlatRing, min: number, max: number): void {
  for (let i = 0; i < ring.length; i++) {
    const c = ring[i];
    if (c > min && c < min + 0.5) ring[i] = min + 1;
    else if (c < max && c >= max - 0.5) ring[i] = max - 1;
  }
}

/** Rounded and simplified polygons; an outer ring that collapses takes its holes with it. */
function snapPolygons(clipped: readonly FlatRing[][], tolerance: number, minArea: number): TilePolygon[] {
  const out: TilePolygon[] = [];
  for (const rings of clipped) {
    const outer = simplifyRing(rings[0], tolerance, minArea);
    // A ring that turned over while collapsing is no outer ring any more.
    if (!outer || ringArea2(outer) <= 0) continue;
    const polygon: TilePolygon = [outer];
    for (let i = 1; i < rings.length; i++) {
      const hole = simplifyRing(rings[i], tolerance, minArea);
      if (hole && ringArea2(hole) < 0) polygon.push(hole);
    }
    out.push(polygon);
  }
  return out;
}

/** Twice the area of polygons (holes subtracted). */
function area2Of(polygons: readonly TilePolygon[]): number {
  let a = 0;
  for (const p of polygons) for (const r of p) a += ringArea2(r);
  return a;
}

/**
 * The polygons of a parcel inside one tile; empty when nothing visible (at least `minArea`) is
 * left. Simplification is accepted only when it keeps the area within MAX_AREA_CHANGE of the
 * unsimplified (rounded) polygons and the rings valid; otherwise a smaller tolerance is tried,
 * then rounding only. Where rounding itself breaks a ring (a part thinner than a unit folds onto
 * itself), coarser tolerances are tried, and the valid result nearest in area is sent.
 */
export function polygonsInTile(geometry: PolygonalGeometry, projector: TileProjector, opts: TileGeometryOptions): TilePolygon[] {
  const clipped = clippedPolygons(geometry, projector, opts.buffer);
  if (clipped.length === 0) return [];
  const rounded = snapPolygons(clipped, 0, 0);
  const area2 = area2Of(rounded);
  if (area2 / 2 < Math.max(opts.minArea, 0.5)) return [];
  const t0 = opts.tolerance;
  if (t0 <= 0) return rounded;
  let nearest: TilePolygon[] = rounded;
  let nearestChange = Infinity;
  for (const t of [t0, t0 / 2, t0 / 4, t0 / 8, 0, 2 * t0, 4 * t0]) {
    const candidate = t === 0 ? rounded : snapPolygons(clipped, t, opts.minArea * (t / t0) ** 2);
    if (candidate.length === 0) continue;
    const change = Math.abs(area2Of(candidate) - area2) / area2;
    if (change > MAX_AREA_CHANGE && change >= nearestChange) continue;
    if (!polygonsAreValid(candidate)) continue;
    if (change <= MAX_AREA_CHANGE) return candidate;
    nearest = candidate;
    nearestChange = change;
  }
  return nearest;
}

const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;

const command = (id: number, count: number) => ((count << 3) | id) >>> 0;
const zigzag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

/** Command stream of polygons (MoveTo, LineTo…, ClosePath per ring; the cursor carries over). */
export function polygonCommands(polygons: readonly TilePolygon[]): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const n = ring.length / 2;
      out.push(command(MOVE_TO, 1), zigzag(ring[0] - cx), zigzag(ring[1] - cy));
      cx = ring[0];
      cy = ring[1];
      out.push(command(LINE_TO, n - 1));
      for (let i = 1; i < n; i++) {
        const x = ring[2 * i];
        const y = ring[2 * i + 1];
        out.push(zigzag(x - cx), zigzag(y - cy));
        cx = x;
        cy = y;
      }
      out.push(command(CLOSE_PATH, 1));
    }
  }
  return out;
}

/** Command stream of one or more points (integer tile units). */
export function pointCommands(points: readonly (readonly [number, number])[]): number[] {
  const out: number[] = [command(MOVE_TO, points.length)];
  let cx = 0;
  let cy = 0;
  for (const [x, y] of points) {
    out.push(zigzag(x - cx), zigzag(y - cy));
    cx = x;
    cy = y;
  }
  return out;
}
