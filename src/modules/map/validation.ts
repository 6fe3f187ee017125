import { STAGES, type TStage } from '@/modules/parcels/stages';

/**
 * The battle map's URL state and request parameters: filters (shared with the tile endpoint's
 * query string, see tiles/contract.ts), the view (centre and zoom), the statistics bbox and the
 * search text. Client-safe, no I/O. Anything malformed or unknown is ignored, never an error:
 * a shared link with a stale or mistyped parameter still opens the map.
 */

/** Reads a query string the same way on the server (URLSearchParams) and in the browser. */
export type TQueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(input: TQueryInput, key: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const v = input[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function firstOf(input: TQueryInput, key: string): string | undefined {
  const v = valuesOf(input, key)[0];
  return v === undefined ? undefined : v.trim();
}

export interface MapFilters {
  /** Empty: every stage. */
  stages: TStage[];
  /** District adcode. */
  district?: string;
  /** Project id. */
  project?: string;
  /** Year of the parcel's first lifecycle event (registration as 拟收储), as the tiles read it. */
  year?: number;
  /** Planned use, exact. */
  use?: string;
  /** Only parcels with a warning today. */
  warn: boolean;
}

export const EMPTY_FILTERS: MapFilters = { stages: [], warn: false };

const ADCODE = /^[0-9A-Z]{6}$/;
const ID = /^[0-9A-Za-z_-]{1,64}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Map filters from a query string: `stage` repeatable or comma-separated; malformed values dropped. */
export function parseMapFilters(input: TQueryInput): MapFilters {
  const stages = valuesOf(input, 'stage')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s): s is TStage => (STAGES as readonly string[]).includes(s));
  const unique = STAGES.filter((s) => stages.includes(s));
  const district = firstOf(input, 'district');
  const project = firstOf(input, 'project');
  const yearText = firstOf(input, 'year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const use = firstOf(input, 'use');
  return {
    stages: unique,
    district: district && ADCODE.test(district) ? district : undefined,
    project: project && ID.test(project) ? project : undefined,
    year: year !== undefined && year >= 1990 && year <= 2100 ? year : undefined,
    use: use && use.length <= 64 && !CONTROL_CHARS.test(use) ? use : undefined,
    warn: firstOf(input, 'warn') === '1',
  };
}

/** The filters as query-string pairs (stages comma-joined, in lifecycle order); empty ones left out. */
export function mapFilterEntries(f: MapFilters): [string, string][] {
  const out: [string, string][] = [];
  if (f.stages.length) out.push(['stage', STAGES.filter((s) => f.stages.includes(s)).join(',')]);
  if (f.district) out.push(['district', f.district]);
  if (f.project) out.push(['project', f.project]);
  if (f.year !== undefined) out.push(['year', String(f.year)]);
  if (f.use) out.push(['use', f.use]);
  if (f.warn) out.push(['warn', '1']);
  return out;
}

export function mapFilterQuery(f: MapFilters): string {
  return new URLSearchParams(mapFilterEntries(f)).toString();
}

export function hasActiveFilters(f: MapFilters): boolean {
  return mapFilterEntries(f).length > 0;
}

/** Centre and zoom of the map, kept in the URL as `c=lon,lat&z=zoom`. */
export interface MapViewState {
  lon: number;
  lat: number;
  zoom: number;
}

export const MIN_ZOOM = 5;
export const MAX_ZOOM = 20;

/** The view from `c` and `z`, or null when either is missing or malformed. */
export function parseMapView(input: TQueryInput): MapViewState | null {
  const c = firstOf(input, 'c');
  const z = firstOf(input, 'z');
  if (!c || !z) return null;
  const parts = c.split(',');
  if (parts.length !== 2 || !parts.every((p) => /^-?\d{1,3}(\.\d+)?$/.test(p.trim()))) return null;
  if (!/^\d{1,2}(\.\d+)?$/.test(z)) return null;
  const lon = Number(parts[0]);
  const lat = Number(parts[1]);
  const zoom = Number(z);
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return { lon, lat, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) };
}

/** `c` and `z` for the URL: 5 decimals of a degree (about 1 m) and 2 of zoom. */
export function mapViewEntries(v: MapViewState): [string, string][] {
  return [
    ['c', `${v.lon.toFixed(5)},${v.lat.toFixed(5)}`],
    ['z', v.zoom.toFixed(2)],
  ];
}

/** The whole URL query of the map page: view first, then filters. */
export function mapPageQuery(view: MapViewState | null, f: MapFilters): string {
  return new URLSearchParams([...(view ? mapViewEntries(view) : []), ...mapFilterEntries(f)]).toString();
}

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * `bbox=minLon,minLat,maxLon,maxLat` in degrees, clamped to the valid range; null when missing,
 * malformed or empty. A view larger than the limits is fine (the query reads the bbox columns).
 */
export function parseBBox(input: TQueryInput): BBox | null {
  const raw = firstOf(input, 'bbox');
  if (!raw) return null;
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length !== 4 || !parts.every((p) => /^-?\d+(\.\d+)?$/.test(p))) return null;
  const [a, b, c, d] = parts.map(Number);
  const box = {
    minLon: Math.max(-180, a),
    minLat: Math.max(-90, b),
    maxLon: Math.min(180, c),
    maxLat: Math.min(90, d),
  };
  return box.minLon < box.maxLon && box.minLat < box.maxLat ? box : null;
}

export const SEARCH_MAX_LENGTH = 64;
export const SEARCH_LIMIT = 10;

/** The search text (`q`), trimmed; null when empty, too long or containing control characters. */
export function parseSearchText(input: TQueryInput): string | null {
  const q = firstOf(input, 'q');
  if (!q || q.length > SEARCH_MAX_LENGTH || CONTROL_CHARS.test(q)) return null;
  return q;
}
