/**
 * Planar primitives for the ring checks: orientation, segment meeting, point location.
 * Coordinates are lon/lat degrees or metres; only ratios matter, so no unit is assumed.
 */
import type { XY } from './types';

/** Relative tolerance under which three points count as collinear (≈ 1e-10 rad). */
const COLLINEAR_TOLERANCE = 1e-10;

export function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function length(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Sign of orient(a, b, c) with near-zero values (collinear within tolerance) read as 0. */
export function orientSign(a: XY, b: XY, c: XY): -1 | 0 | 1 {
  const value = orient(a, b, c);
  if (Math.abs(value) <= COLLINEAR_TOLERANCE * length(a, b) * length(a, c)) return 0;
  return value > 0 ? 1 : -1;
}

function within(a: XY, b: XY, p: XY): boolean {
  return (
    p[0] >= Math.min(a[0], b[0]) &&
    p[0] <= Math.max(a[0], b[0]) &&
    p[1] >= Math.min(a[1], b[1]) &&
    p[1] <= Math.max(a[1], b[1])
  );
}

export type Meeting = 'none' | 'cross' | 'touch' | 'overlap';

/**
 * How segments p1p2 and q1q2 meet: a proper crossing, a touch at one point (an end on the other
 * segment), a collinear overlap of positive length, or not at all.
 */
export function segmentsMeet(p1: XY, p2: XY, q1: XY, q2: XY): Meeting {
  const d1 = orientSign(q1, q2, p1);
  const d2 = orientSign(q1, q2, p2);
  const d3 = orientSign(p1, p2, q1);
  const d4 = orientSign(p1, p2, q2);
  if (d1 * d2 < 0 && d3 * d4 < 0) return 'cross';
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    const axis = Math.abs(p2[0] - p1[0]) + Math.abs(q2[0] - q1[0]) >= Math.abs(p2[1] - p1[1]) + Math.abs(q2[1] - q1[1]) ? 0 : 1;
    const lo = Math.max(Math.min(p1[axis], p2[axis]), Math.min(q1[axis], q2[axis]));
    const hi = Math.min(Math.max(p1[axis], p2[axis]), Math.max(q1[axis], q2[axis]));
    if (hi > lo) return 'overlap';
    return hi === lo ? 'touch' : 'none';
  }
  if (
    (d1 === 0 && within(q1, q2, p1)) ||
    (d2 === 0 && within(q1, q2, p2)) ||
    (d3 === 0 && within(p1, p2, q1)) ||
    (d4 === 0 && within(p1, p2, q2))
  ) {
    return 'touch';
  }
  return 'none';
}

export type Location = 'inside' | 'outside' | 'boundary';

/** Where p lies relative to a closed ring (first = last). */
export function locatePoint(ring: readonly XY[], p: XY): Location {
  let inside = false;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1];
    const b = ring[i];
    if (orientSign(a, b, p) === 0 && within(a, b, p)) return 'boundary';
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/** Twice the signed area of a closed ring (positive = counter-clockwise), relative to its first point. */
export function twiceSignedArea(ring: readonly XY[]): number {
  if (ring.length < 3) return 0;
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return sum;
}

/** True when every point lies on one straight line (the ring encloses nothing). */
export function allCollinear(ring: readonly XY[]): boolean {
  const a = ring[0];
  let far = a;
  let farDistance = 0;
  for (const p of ring) {
    const d = Math.hypot(p[0] - a[0], p[1] - a[1]);
    if (d > farDistance) {
      far = p;
      farDistance = d;
    }
  }
  return farDistance === 0 || ring.every((p) => orientSign(a, far, p) === 0);
}

/** True when the ring turns back on itself at `cur`: prev → cur → next run along one line in opposite directions. */
export function isSpike(prev: XY, cur: XY, next: XY): boolean {
  if (orientSign(prev, cur, next) !== 0) return false;
  return (cur[0] - prev[0]) * (next[0] - cur[0]) + (cur[1] - prev[1]) * (next[1] - cur[1]) < 0;
}
