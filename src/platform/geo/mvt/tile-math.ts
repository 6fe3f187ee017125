/**
 * Web Mercator tile arithmetic (the XYZ scheme of maplibre and every web map): lon/lat ↔
 * world fraction ↔ tile units. Coordinates are GeoJSON lon/lat degrees (CGCS2000 ≈ WGS84 at
 * map scale). Pure functions.
 */
import type { BBox } from '../geometry';

/** Latitude where Web Mercator's square world ends. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Longitude → x as a fraction of the world width (0 at 180°W, 1 at 180°E). */
export function lonToWorldX(lon: number): number {
  return (lon + 180) / 360;
}

/** Latitude → y as a fraction of the world height (0 at the top, 1 at the bottom). */
export function latToWorldY(lat: number): number {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

export function worldXToLon(x: number): number {
  return x * 360 - 180;
}

export function worldYToLat(y: number): number {
  const n = Math.PI - 2 * Math.PI * y;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** True when z, x, y are integers with 0 ≤ z ≤ maxZoom and 0 ≤ x, y < 2^z. */
export function isValidTile(z: number, x: number, y: number, maxZoom: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > maxZoom) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

/**
 * The tile's extent in lon/lat, grown on every side by `buffer` (a fraction of the tile size,
 * e.g. 64/4096) so that features just outside still reach into the clip buffer.
 */
export function tileBBox(tile: TileCoord, buffer = 0): BBox {
  const n = 2 ** tile.z;
  return {
    minLon: worldXToLon((tile.x - buffer) / n),
    maxLon: worldXToLon((tile.x + 1 + buffer) / n),
    minLat: worldYToLat((tile.y + 1 + buffer) / n),
    maxLat: worldYToLat((tile.y - buffer) / n),
  };
}

/** The tile that holds a point at a zoom. */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return { z, x: clamp(lonToWorldX(lon) * n), y: clamp(latToWorldY(lat) * n) };
}

/** Projects lon/lat into one tile's coordinate space (0…extent, y down; floats). */
export class TileProjector {
  private readonly n: number;

  constructor(
    readonly tile: TileCoord,
    readonly extent: number,
  ) {
    this.n = 2 ** tile.z;
  }

  x(lon: number): number {
    return (lonToWorldX(lon) * this.n - this.tile.x) * this.extent;
  }

  y(lat: number): number {
    return (latToWorldY(lat) * this.n - this.tile.y) * this.extent;
  }

  /** Inverse, for tests and for placing points: tile units → lon/lat. */
  lonLat(px: number, py: number): [number, number] {
    return [worldXToLon((px / this.extent + this.tile.x) / this.n), worldYToLat((py / this.extent + this.tile.y) / this.n)];
  }
}
