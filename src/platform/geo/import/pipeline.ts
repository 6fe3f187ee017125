/**
 * The part every format shares once a reader has found its features: reproject to CGCS2000
 * lon/lat, check the coordinates lie in China and in their Gauss-Krüger zone, check the rings,
 * orient them (RFC 7946) and compute the ellipsoidal area.
 */
import Decimal from 'decimal.js';
import { geodesicArea, type MultiPolygon, type Polygon, type Position } from '../geometry';
import { centralMeridian, gkToLonLat, GK_ZONE_HALF_WIDTH_DEG, GK_ZONE_SLACK_DEG } from './gauss-kruger';
import { checkParts } from './rings';
import { twiceSignedArea } from './segments';
import { makePacer } from './yield';
import type { ImportedFeature, ImportProblem, SourceCrs, SourceFeature, SourcePart, SourceRing, XY } from './types';

/** China's extent used to catch swapped axes, wrong zones and wrong units. */
export const CHINA_EXTENT = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

function inChina(lon: number, lat: number): boolean {
  return lon >= CHINA_EXTENT.minLon && lon <= CHINA_EXTENT.maxLon && lat >= CHINA_EXTENT.minLat && lat <= CHINA_EXTENT.maxLat;
}

function pointName(ring: SourceRing, i: number): string {
  const label = ring.pointLabels?.[i];
  return `${ring.label}${label ? `点 ${label}` : `第 ${i + 1} 个点`}`;
}

function fmt(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

interface Offender {
  name: string;
  lon: number;
  lat: number;
  count: number;
}

interface Offenders {
  unconvertible?: Offender;
  outsideZone?: Offender;
  outsideChina?: Offender;
}

function note(found: Offenders, kind: keyof Offenders, name: string, lon: number, lat: number): void {
  const seen = found[kind];
  found[kind] = seen ? { ...seen, count: seen.count + 1 } : { name, lon, lat, count: 1 };
}

function countText(offender: Offender): string {
  return offender.count > 1 ? `等 ${offender.count} 个点` : '';
}

function zoneMessage(zone: number, offender: Offender): string {
  const cm = centralMeridian(zone);
  const reach = GK_ZONE_HALF_WIDTH_DEG + GK_ZONE_SLACK_DEG;
  return (
    `坐标超出带号 ${zone} 的范围（中央经线 ${cm}°E，有效经度约 ${cm - reach}°E–${cm + reach}°E）：` +
    `${offender.name}（东经 ${fmt(offender.lon, 4)}°）${countText(offender)}，请检查带号和坐标`
  );
}

function chinaMessage(offender: Offender, swapped: boolean): string {
  const { minLon, maxLon, minLat, maxLat } = CHINA_EXTENT;
  return (
    `坐标超出中国范围（经度 ${minLon}°–${maxLon}°、纬度 ${minLat}°–${maxLat}°）：` +
    `${offender.name}（经度 ${fmt(offender.lon, 6)}，纬度 ${fmt(offender.lat, 6)}）${countText(offender)}` +
    (swapped ? '，经度和纬度可能颠倒' : '')
  );
}

/** Reprojects one feature and reports coordinates outside the zone or outside China. */
function reproject(feature: SourceFeature, crs: SourceCrs, problems: string[]): SourcePart[] | null {
  const found: Offenders = {};
  let swapped = crs.kind === 'geographic';
  const parts = feature.parts.map((part) => ({
    rings: part.rings.map((ring) => ({
      ...ring,
      points: ring.points.map((p, i): XY => {
        const [lon, lat] = crs.kind === 'gk' ? gkToLonLat(crs.zone, p[1], p[0]) : [p[0], p[1]];
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
          note(found, 'unconvertible', pointName(ring, i), lon, lat);
        } else if (crs.kind === 'gk' && Math.abs(lon - centralMeridian(crs.zone)) > GK_ZONE_HALF_WIDTH_DEG + GK_ZONE_SLACK_DEG) {
          note(found, 'outsideZone', pointName(ring, i), lon, lat);
        } else if (!inChina(lon, lat)) {
          note(found, 'outsideChina', pointName(ring, i), lon, lat);
        }
        if (!inChina(lat, lon)) swapped = false;
        return [lon, lat];
      }),
    })),
  }));
  if (found.unconvertible) {
    problems.push(`坐标无法换算为经纬度：${found.unconvertible.name}${countText(found.unconvertible)}`);
  }
  if (found.outsideZone && crs.kind === 'gk') problems.push(zoneMessage(crs.zone, found.outsideZone));
  if (found.outsideChina) problems.push(chinaMessage(found.outsideChina, swapped));
  return found.unconvertible ? null : parts;
}

function closedRing(points: readonly XY[]): XY[] {
  const ring = [...points];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  return ring;
}

/** Outer rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6). */
function oriented(points: XY[], outer: boolean): Position[] {
  const ccw = twiceSignedArea(points) > 0;
  const ordered = ccw === outer ? points : [...points].reverse();
  return ordered.map(([x, y]): Position => [x, y]);
}

function geometryOf(parts: SourcePart[]): Polygon | MultiPolygon | null {
  const polygons = parts.map((part) => part.rings.map((ring, k) => oriented(closedRing(ring.points), k === 0)));
  if (polygons.length === 0 || polygons.some((rings) => rings.length === 0 || rings.some((r) => r.length < 4))) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

export function formatArea(m2: number): string {
  return new Decimal(m2).toFixed(2);
}

function finishOne(source: SourceFeature, crs: SourceCrs, features: ImportedFeature[], problems: ImportProblem[]): void {
  const messages: string[] = [];
  const parts = reproject(source, crs, messages);
  if (parts) messages.push(...checkParts(parts));
  const geometry = parts ? geometryOf(parts) : null;
  if (geometry) {
    features.push({
      index: source.index,
      code: source.code,
      name: source.name,
      use: source.use,
      properties: source.properties,
      geometry,
      areaM2: formatArea(geodesicArea(geometry)),
      declaredAreaM2: source.declaredAreaM2,
    });
  }
  for (const message of messages) problems.push({ index: source.index, message });
}

/**
 * Turns the reader's features into ImportedFeatures with per-feature problems. A feature whose
 * geometry cannot even be drawn (a ring with fewer than 3 points, unconvertible coordinates) is
 * left out of `features`; its problems still name its index.
 */
export function finishFeatures(
  sourceFeatures: SourceFeature[],
  crs: SourceCrs,
): { features: ImportedFeature[]; problems: ImportProblem[] } {
  const features: ImportedFeature[] = [];
  const problems: ImportProblem[] = [];
  for (const source of sourceFeatures) finishOne(source, crs, features, problems);
  return { features, problems };
}

/**
 * finishFeatures for a server handling other requests: yields to the event loop every few
 * milliseconds so a large file never holds up other users' requests.
 */
export async function finishFeaturesYielding(
  sourceFeatures: SourceFeature[],
  crs: SourceCrs,
): Promise<{ features: ImportedFeature[]; problems: ImportProblem[] }> {
  const features: ImportedFeature[] = [];
  const problems: ImportProblem[] = [];
  const pace = makePacer();
  for (const source of sourceFeatures) {
    await pace();
    finishOne(source, crs, features, problems);
  }
  return { features, problems };
}
