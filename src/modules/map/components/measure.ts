/** Distances for the measuring tool: great-circle (haversine) on the mean Earth radius. Pure. */

const EARTH_RADIUS_M = 6371008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Metres between two lon/lat points (haversine; within ~0.5 % of the ellipsoid at these latitudes). */
export function distanceMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a path through the points, in metres. */
export function pathLength(points: readonly (readonly [number, number])[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distanceMetres(points[i - 1], points[i]);
  return total;
}

const group = (n: number, digits: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const measureText = {
  /** '850.3 米' below 1 km, else '12.35 公里'. */
  distance: (m: number) => (m < 1000 ? `${group(m, 1)} 米` : `${group(m / 1000, 2)} 公里`),
  /** '12,345 ㎡（18.52 亩）', in 公顷 beyond 100 ha. */
  area: (m2: number, toMu: (m2: number) => number) => (m2 >= 1_000_000 ? `${group(m2 / 10_000, 2)} 公顷（${group(toMu(m2), 0)} 亩）` : `${group(m2, 0)} ㎡（${group(toMu(m2), 2)} 亩）`),
};
