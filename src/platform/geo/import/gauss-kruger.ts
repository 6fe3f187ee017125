/**
 * CGCS2000 3° Gauss-Krüger zones: zone n has central meridian n×3°, false easting 500 000 m,
 * scale 1; "prefixed" eastings carry the zone number in front (38 512 345.678 = zone 38,
 * 512 345.678 m). proj4 maps `tmerc` to its extended (Poder/Engsager) Transverse Mercator, which
 * stays sub-millimetre over a 3° zone. No 'server-only' here: the seed script uses it under tsx.
 */
import proj4 from 'proj4';
import type { Converter } from 'proj4';

/** CGCS2000 3° zones covering China (73°E–136°E). */
export const GK_ZONE_MIN = 25;
export const GK_ZONE_MAX = 45;
/** Half width of a 3° zone plus the slack allowed for parcels just across the zone edge. */
export const GK_ZONE_HALF_WIDTH_DEG = 1.5;
export const GK_ZONE_SLACK_DEG = 0.3;

const FALSE_EASTING = 500_000;
const PREFIX_UNIT = 1_000_000;

export function isGkZone(zone: number): boolean {
  return Number.isInteger(zone) && zone >= GK_ZONE_MIN && zone <= GK_ZONE_MAX;
}

export function centralMeridian(zone: number): number {
  return zone * 3;
}

/** Zone number carried in front of an easting, or null when the easting has no prefix. */
export function eastingPrefix(easting: number): number | null {
  return Math.abs(easting) >= PREFIX_UNIT ? Math.floor(easting / PREFIX_UNIT) : null;
}

/** Easting without its zone prefix (unchanged when there is none). */
export function stripEastingPrefix(easting: number): number {
  const prefix = eastingPrefix(easting);
  return prefix === null ? easting : easting - prefix * PREFIX_UNIT;
}

const converters = new Map<number, Converter>();

function converter(zone: number): Converter {
  if (!isGkZone(zone)) throw new RangeError(`带号 ${zone} 不是 CGCS2000 3 度分带的带号（${GK_ZONE_MIN}–${GK_ZONE_MAX}）`);
  let conv = converters.get(zone);
  if (!conv) {
    const gk = `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian(zone)} +k=1 +x_0=${FALSE_EASTING} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
    conv = proj4('+proj=longlat +ellps=GRS80 +no_defs', gk);
    converters.set(zone, conv);
  }
  return conv;
}

/**
 * Plane coordinates of zone `zone` → lon/lat in degrees. The easting may carry the zone prefix;
 * a prefix naming another zone is a RangeError.
 */
export function gkToLonLat(zone: number, northing: number, easting: number): [lon: number, lat: number] {
  const prefix = eastingPrefix(easting);
  if (prefix !== null && prefix !== zone) throw new RangeError(`横坐标的带号前缀 ${prefix} 与带号 ${zone} 不一致`);
  const [lon, lat] = converter(zone).inverse([stripEastingPrefix(easting), northing]);
  return [lon, lat];
}

/** lon/lat in degrees → plane coordinates of zone `zone` (easting with the prefix when asked). */
export function lonLatToGk(
  zone: number,
  lon: number,
  lat: number,
  options: { withPrefix?: boolean } = {},
): { northing: number; easting: number } {
  const [easting, northing] = converter(zone).forward([lon, lat]);
  return { northing, easting: options.withPrefix ? easting + zone * PREFIX_UNIT : easting };
}

/** The 3° zone whose central meridian is nearest to `lon`. */
export function zoneForLongitude(lon: number): number {
  return Math.round(lon / 3);
}

export function gkCrsLabel(zone: number): string {
  return `CGCS2000 3° GK 带号${zone}`;
}
