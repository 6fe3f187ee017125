/**
 * The overview: every parcel's centre, extent, area, stage, warning level and filter keys in
 * typed arrays, sorted along a Z-order (Morton) curve of its zoom-16 tile. Any tile of zoom ≤ 16
 * is then one contiguous range of the arrays, found by binary search, so a low-zoom tile over the
 * whole city reads its parcels from memory instead of the database; the map's opening view is
 * fitted to the extent of the parcels a filter keeps, also read from here. Built once per data
 * version (see service.ts). Pure: no I/O.
 */
import { STAGES, type TStage } from '@/modules/parcels/stages';
import type { BBox } from '@/platform/geo/geometry';
import { latToWorldY, lonToWorldX, type TileCoord } from '@/platform/geo/mvt';
import { mapFilterQuery, type MapFilters } from '../validation';

/** Zoom of the Morton key: tiles up to this zoom are contiguous ranges. */
export const OVERVIEW_ZOOM = 16;
const SIDE = 2 ** OVERVIEW_ZOOM;

export const WARN_NONE = 0;
export const WARN_AMBER = 1;
export const WARN_RED = 2;
export type TWarnCode = typeof WARN_NONE | typeof WARN_AMBER | typeof WARN_RED;

export interface OverviewParcel {
  id: string;
  centerLon: number;
  centerLat: number;
  /** Half the parcel's width and height around its centre, degrees (the larger side when the centre is off-middle). */
  halfLon: number;
  halfLat: number;
  areaM2: number;
  stage: TStage;
  warn: TWarnCode;
  districtCode: string | null;
  projectId: string;
  plannedUse: string | null;
  /** Year of the first lifecycle event, null when unknown. */
  firstEventYear: number | null;
}

/** Spreads the 16 low bits of v to the even bits of a 32-bit integer. */
function spread(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

const morton = (x: number, y: number) => (spread(x) | (spread(y) << 1)) >>> 0;

const clampSide = (v: number) => Math.max(0, Math.min(SIDE - 1, Math.floor(v)));

/** Index of a string in a dictionary (0 = null). */
class Dictionary {
  private readonly index = new Map<string, number>();

  id(value: string | null): number {
    if (value === null) return 0;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.index.size + 1;
      this.index.set(value, i);
    }
    return i;
  }

  /** -1 when the value never occurs (a filter that matches nothing). */
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
}

/** Indices of the keys in ascending order (a native numeric sort of key·2^20 + index when it fits). */
function sortedOrder(keys: Uint32Array): ArrayLike<number> {
  const n = keys.length;
  if (n > 2 ** 20) return Array.from({ length: n }, (_, k) => k).sort((a, b) => keys[a] - keys[b]);
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) packed[k] = keys[k] * 2 ** 20 + k;
  packed.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = packed[k] % 2 ** 20;
  return order;
}

const STAGE_INDEX = new Map<string, number>(STAGES.map((s, i) => [s, i]));

/** Filter combinations whose extent an overview keeps (each a few numbers). */
const EXTENTS_KEPT = 64;

export class ParcelOverview {
  readonly size: number;
  private readonly keys: Uint32Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  private readonly halfLon: Float32Array;
  private readonly halfLat: Float32Array;
  readonly areaM2: Float64Array;
  readonly stage: Uint8Array;
  readonly warn: Uint8Array;
  private readonly ids: string[];
  private readonly byId = new Map<string, number>();
  private readonly district: Uint16Array;
  private readonly project: Uint32Array;
  private readonly use: Uint16Array;
  private readonly year: Uint16Array;
  private readonly districts = new Dictionary();
  private readonly projects = new Dictionary();
  private readonly uses = new Dictionary();
  private readonly extents = new Map<string, BBox | null>();

  constructor(parcels: readonly OverviewParcel[]) {
    const n = parcels.length;
    this.size = n;
    const rawKeys = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const p = parcels[k];
      rawKeys[k] = morton(clampSide(lonToWorldX(p.centerLon) * SIDE), clampSide(latToWorldY(p.centerLat) * SIDE));
    }
    const order = sortedOrder(rawKeys);
    this.keys = new Uint32Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.halfLon = new Float32Array(n);
    this.halfLat = new Float32Array(n);
    this.areaM2 = new Float64Array(n);
    this.stage = new Uint8Array(n);
    this.warn = new Uint8Array(n);
    this.ids = new Array<string>(n);
    this.district = new Uint16Array(n);
    this.project = new Uint32Array(n);
    this.use = new Uint16Array(n);
    this.year = new Uint16Array(n);
    for (let k = 0; k < n; k++) {
      const src = order[k];
      const p = parcels[src];
      this.keys[k] = rawKeys[src];
      this.lon[k] = p.centerLon;
      this.lat[k] = p.centerLat;
      this.halfLon[k] = p.halfLon;
      this.halfLat[k] = p.halfLat;
      this.areaM2[k] = p.areaM2;
      this.stage[k] = STAGE_INDEX.get(p.stage) ?? 0;
      this.warn[k] = p.warn;
      this.ids[k] = p.id;
      this.byId.set(p.id, k);
      this.district[k] = this.districts.id(p.districtCode);
      this.project[k] = this.projects.id(p.projectId);
      this.use[k] = this.uses.id(p.plannedUse);
      this.year[k] = p.firstEventYear ?? 0;
    }
  }

  /** First index whose key is ≥ key. */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** [start, end) of the parcels whose centre lies in the tile (zoom ≤ OVERVIEW_ZOOM). */
  range(tile: TileCoord): [number, number] {
    if (tile.z > OVERVIEW_ZOOM) throw new RangeError(`overview serves zoom ≤ ${OVERVIEW_ZOOM}`);
    const shift = OVERVIEW_ZOOM - tile.z;
    const first = morton(tile.x << shift, tile.y << shift);
    const count = 4 ** shift;
    return [this.lowerBound(first), this.lowerBound(first + count)];
  }

  /**
   * A predicate for the filters, over array indices. Values that never occur (an unknown
   * project) make it match nothing, as the SQL would.
   */
  matcher(f: MapFilters): (k: number) => boolean {
    let stageMask = 0;
    for (const s of f.stages) stageMask |= 1 << (STAGE_INDEX.get(s) ?? 0);
    const district = f.district ? this.districts.find(f.district) : 0;
    const project = f.project ? this.projects.find(f.project) : 0;
    const use = f.use ? this.uses.find(f.use) : 0;
    const year = f.year ?? 0;
    const warn = f.warn;
    return (k) =>
      (stageMask === 0 || (stageMask & (1 << this.stage[k])) !== 0) &&
      (district === 0 || this.district[k] === district) &&
      (project === 0 || this.project[k] === project) &&
      (use === 0 || this.use[k] === use) &&
      (year === 0 || this.year[k] === year) &&
      (!warn || this.warn[k] !== WARN_NONE);
  }

  /**
   * The extent of the parcels the filters keep (their bounding boxes), null when none: the map
   * opens fitted to it. One pass over the arrays, kept per filter combination.
   */
  extent(f: MapFilters): BBox | null {
    const key = mapFilterQuery(f);
    if (this.extents.has(key)) return this.extents.get(key)!;
    const matches = this.matcher(f);
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    for (let k = 0; k < this.size; k++) {
      if (!matches(k)) continue;
      minLon = Math.min(minLon, this.lon[k] - this.halfLon[k]);
      maxLon = Math.max(maxLon, this.lon[k] + this.halfLon[k]);
      minLat = Math.min(minLat, this.lat[k] - this.halfLat[k]);
      maxLat = Math.max(maxLat, this.lat[k] + this.halfLat[k]);
    }
    const extent = minLon <= maxLon ? { minLon, minLat, maxLon, maxLat } : null;
    if (this.extents.size >= EXTENTS_KEPT) this.extents.delete(this.extents.keys().next().value!);
    this.extents.set(key, extent);
    return extent;
  }

  /** The warning level of a parcel by id; undefined when the overview does not hold it. */
  warnOfId(id: string): TWarnCode | undefined {
    const k = this.byId.get(id);
    return k === undefined ? undefined : (this.warn[k] as TWarnCode);
  }

  /** The stage of a parcel by id, undefined when the overview does not hold it. */
  stageOfId(id: string): TStage | undefined {
    const k = this.byId.get(id);
    return k === undefined ? undefined : STAGES[this.stage[k]];
  }

  stageOf(k: number): TStage {
    return STAGES[this.stage[k]];
  }
}
