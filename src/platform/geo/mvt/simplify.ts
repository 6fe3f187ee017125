/**
 * Rounding to the integer tile grid and simplification in tile space: a vertex closer than
 * `tolerance` units to the last one kept is dropped (1 px of a 512 px tile is 8 units of 4096),
 * and a ring whose area falls under `minArea` square units (or that keeps fewer than three
 * vertices) collapses and is dropped.
 */
import type { FlatRing } from './clip';

/** Twice the signed area by the surveyor's formula; positive = clockwise with y pointing down. */
export function ringArea2(points: ArrayLike<number>): number {
  const n = points.length / 2;
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += points[2 * j] * points[2 * i + 1] - points[2 * i] * points[2 * j + 1];
  }
  return sum;
}

/** Integer ring, simplified, or null when it collapses. */
export function simplifyRing(points: FlatRing, tolerance: number, minArea: number): number[] | null {
  const tol2 = tolerance * tolerance;
  const out: number[] = [];
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < points.length; i += 2) {
    const x = Math.round(points[i]);
    const y = Math.round(points[i + 1]);
    if (out.length > 0) {
      const dx = x - lx;
      const dy = y - ly;
      const d2 = dx * dx + dy * dy;
      if (d2 === 0 || d2 < tol2) continue;
    }
    out.push(x, y);
    lx = x;
    ly = y;
  }
  // The ring closes on its first vertex: drop trailing vertices that sit on top of it.
  while (out.length >= 4) {
    const dx = out[out.length - 2] - out[0];
    const dy = out[out.length - 1] - out[1];
    const d2 = dx * dx + dy * dy;
    if (d2 !== 0 && d2 >= tol2) break;
    out.length -= 2;
  }
  if (out.length < 6) return null;
  if (Math.abs(ringArea2(out)) / 2 < Math.max(minArea, 0.5)) return null;
  return out;
}

/** Reverses a flat ring in place (keeps the first vertex first). */
export function reverseRing(points: number[]): number[] {
  const n = points.length / 2;
  for (let i = 1, j = n - 1; i < j; i++, j--) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    points[2 * i] = points[2 * j];
    points[2 * i + 1] = points[2 * j + 1];
    points[2 * j] = x;
    points[2 * j + 1] = y;
  }
  return points;
}
