import { bboxOf, geodesicArea, pointInPolygon, type BBox, type Polygon, type PolygonalGeometry } from '@/platform/geo/geometry';
import type { Rng } from './random';

/**
 * Parcel boundaries for the demo: irregular quadrilaterals and pentagons (some with a hole),
 * 0.5–15 ha, every vertex inside the intended district, the centre's district being that one,
 * and no two parcels' bounding boxes touching.
 */

export interface DistrictShape {
  adcode: string;
  name: string;
  seat: [number, number];
  geometry: PolygonalGeometry;
  bbox: BBox;
}

export interface PlacedParcel {
  geometry: Polygon;
  bbox: BBox;
  center: [number, number];
  /** m² */
  area: number;
}

const MIN_AREA = 5_000;
const MAX_AREA = 150_000;
/** Kept free between neighbouring bounding boxes (about 10 m). */
const GAP_DEG = 0.0001;

type Xy = [number, number];

/** Metres per degree at a latitude (WGS84/CGCS2000 series; ample for synthetic shapes). */
function metresPerDegree(lat: number): { lon: number; lat: number } {
  const phi = (lat * Math.PI) / 180;
  return {
    lat: 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi),
    lon: 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi),
  };
}

/** Distance from the origin to the segment a–b. */
function originToSegment(a: Xy, b: Xy): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}

/**
 * A star-shaped ring around the origin in metres, counter-clockwise: vertices at increasing
 * angles (so the ring is simple), jittered radii, then stretched and rotated (an affine map with
 * positive determinant keeps it simple and counter-clockwise).
 */
function outerRing(rng: Rng, targetArea: number): Xy[] {
  const n = rng.chance(0.6) ? 4 : 5;
  const step = (2 * Math.PI) / n;
  const radius = Math.sqrt((2 * targetArea) / (n * Math.sin(step)));
  const aspect = rng.between(0.7, 1.45);
  const theta = rng.between(0, Math.PI);
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const ring: Xy[] = [];
  for (let i = 0; i < n; i++) {
    const phi = i * step + rng.between(-0.22, 0.22) * step;
    const r = radius * rng.between(0.8, 1.2);
    const [x, y] = [r * Math.cos(phi) * aspect, (r * Math.sin(phi)) / aspect];
    ring.push([x * c - y * s, x * s + y * c]);
  }
  return ring;
}

/** A small clockwise quadrilateral hole well inside the outer ring (kept-out land: a substation, a grave site). */
function holeRing(rng: Rng, outer: Xy[]): Xy[] {
  let inner = Infinity;
  for (let i = 0; i < outer.length; i++) inner = Math.min(inner, originToSegment(outer[i], outer[(i + 1) % outer.length]));
  const r = inner * rng.between(0.18, 0.3);
  const start = rng.between(0, Math.PI / 2);
  return [0, 1, 2, 3].map((k) => {
    const phi = start - (k * Math.PI) / 2 + rng.between(-0.2, 0.2);
    return [r * Math.cos(phi), r * Math.sin(phi)] as Xy;
  });
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function toLonLat(ring: Xy[], lon0: number, lat0: number): [number, number][] {
  const m = metresPerDegree(lat0);
  const out = ring.map(([x, y]) => [round7(lon0 + x / m.lon), round7(lat0 + y / m.lat)] as [number, number]);
  out.push([out[0][0], out[0][1]]);
  return out;
}

const overlaps = (a: BBox, b: BBox) =>
  a.minLon - GAP_DEG < b.maxLon && b.minLon - GAP_DEG < a.maxLon && a.minLat - GAP_DEG < b.maxLat && b.minLat - GAP_DEG < a.maxLat;

/** The district whose polygon holds the point, first by adcode (as the application's lookup does). */
export function districtAt(districts: readonly DistrictShape[], lon: number, lat: number): string | null {
  for (const d of districts) {
    if (lon < d.bbox.minLon || lon > d.bbox.maxLon || lat < d.bbox.minLat || lat > d.bbox.maxLat) continue;
    if (pointInPolygon(lon, lat, d.geometry)) return d.adcode;
  }
  return null;
}

/** Keeps every placed box, so later parcels avoid earlier ones. */
export class ParcelPlacer {
  private readonly placed: BBox[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly districts: readonly DistrictShape[],
  ) {}

  /** A point inside `district` in the window near ± spread, at least `minKm` from the given points. */
  zoneCentre(district: DistrictShape, near: [number, number], spread: [number, number], avoid: readonly [number, number][], minKm: number): [number, number] {
    for (let attempt = 0; attempt < 5_000; attempt++) {
      const widen = 1 + Math.floor(attempt / 500) * 0.5;
      const lon = near[0] + this.rng.between(-1, 1) * spread[0] * widen;
      const lat = near[1] + this.rng.between(-1, 1) * spread[1] * widen;
      if (districtAt(this.districts, lon, lat) !== district.adcode) continue;
      const far = avoid.every(([a, b]) => Math.hypot((a - lon) * 98, (b - lat) * 111) >= minKm / (attempt < 2_500 ? 1 : 2));
      if (far) return [lon, lat];
    }
    throw new Error(`demo seed: no zone centre found in ${district.name}`);
  }

  /**
   * One parcel near `centre` (within `radiusDeg`, widening after failures), of a random area
   * (larger for industrial land), wholly inside `district` and clear of every placed parcel.
   */
  place(district: DistrictShape, centre: [number, number], radiusDeg: number, industrial: boolean): PlacedParcel {
    for (let attempt = 0; attempt < 4_000; attempt++) {
      const r = radiusDeg * (1 + attempt / 150);
      const lon0 = centre[0] + this.rng.between(-r, r);
      const lat0 = centre[1] + this.rng.between(-r, r) * 0.9;
      const target = Math.exp(this.rng.between(Math.log(industrial ? 15_000 : 6_000), Math.log(industrial ? 140_000 : 90_000)));
      const outer = outerRing(this.rng, target);
      const rings = [toLonLat(outer, lon0, lat0)];
      if (target > 20_000 && this.rng.chance(0.09)) rings.push(toLonLat(holeRing(this.rng, outer), lon0, lat0));
      const geometry: Polygon = { type: 'Polygon', coordinates: rings };
      const bbox = bboxOf(geometry);
      if (this.placed.some((b) => overlaps(b, bbox))) continue;
      if (!rings[0].every(([lon, lat]) => pointInPolygon(lon, lat, district.geometry))) continue;
      const center: [number, number] = [round7((bbox.minLon + bbox.maxLon) / 2), round7((bbox.minLat + bbox.maxLat) / 2)];
      if (districtAt(this.districts, center[0], center[1]) !== district.adcode) continue;
      const area = geodesicArea(geometry);
      if (area < MIN_AREA || area > MAX_AREA) continue;
      this.placed.push(bbox);
      return { geometry, bbox, center, area };
    }
    throw new Error(`demo seed: could not place a parcel in ${district.name}`);
  }
}
