/**
 * GeoJSON lon/lat polygons → MVT polygon geometry of one tile: projection, clipping to the
 * tile plus a buffer, snapping to the integer grid, simplification, the winding order the MVT
 * specification (2.1, §4.3.4.4) requires, and the command stream.
 */
import type { LinearRing, PolygonalGeometry } from '../geometry';
import { clipRing, type FlatRing } from './clip';
import { reverseRing, ringArea2, simplifyRing } from './simplify';
import type { TileProjector } from './tile-math';

export interface TileGeometryOptions {
  /** Units kept around the tile (0…extent) before clipping, so strokes join across tiles. */
  buffer: number;
  /** Vertices closer than this (tile units) to the previous kept one are dropped. */
  tolerance: number;
  /** Rings smaller than this (square tile units) collapse. */
  minArea: number;
}

/** One polygon in tile space: outer ring first (positive area), then holes (negative area). */
export type TilePolygon = number[][];

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

function tileRing(ring: LinearRing, projector: TileProjector, opts: TileGeometryOptions, outer: boolean): number[] | null {
  const clipped = clipRing(projectRing(ring, projector), -opts.buffer, projector.extent + opts.buffer);
  if (clipped.length < 6) return null;
  const simplified = simplifyRing(clipped, opts.tolerance, opts.minArea);
  if (!simplified) return null;
  const area = ringArea2(simplified);
  if ((outer && area < 0) || (!outer && area > 0)) reverseRing(simplified);
  return simplified;
}

/** The polygons of a parcel inside one tile; empty when nothing of it is left. */
export function polygonsInTile(geometry: PolygonalGeometry, projector: TileProjector, opts: TileGeometryOptions): TilePolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: TilePolygon[] = [];
  for (const rings of polygons) {
    const outer = tileRing(rings[0], projector, opts, true);
    if (!outer) continue;
    const polygon: TilePolygon = [outer];
    for (let i = 1; i < rings.length; i++) {
      const hole = tileRing(rings[i], projector, opts, false);
      if (hole) polygon.push(hole);
    }
    out.push(polygon);
  }
  return out;
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
