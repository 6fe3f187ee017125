/**
 * Rounding to the integer tile grid and simplification in tile space: a vertex closer than
 * `tolerance` units to the last one kept is dropped (1 px of a 512 px tile is 8 units of 4096),
 * vertices in line with their neighbours go (a spike back along the same line would be a doubled
 * edge), and a ring whose area falls under `minArea` square units (or that keeps fewer than three
 * vertices) collapses and is dropped.
 */
import { ringArea2, type FlatRing } from './clip';

/** True when b lies on the line through a and c (or repeats one of them). */
function inLine(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return (bx - ax) * (cy - by) - (by - ay) * (cx - bx) === 0;
}

/**
 * Drops, in place, vertices that repeat their predecessor or lie on the line through their
 * neighbours (straight runs and spikes), around the whole ring. Integer coordinates: exact.
 */
export function dropInLineVertices(ring: number[]): number[] {
  let n = 0;
  for (let i = 0; i < ring.length; i += 2) {
    ring[2 * n] = ring[i];
    ring[2 * n + 1] = ring[i + 1];
    n++;
    while (n >= 3 && inLine(ring[2 * n - 6], ring[2 * n - 5], ring[2 * n - 4], ring[2 * n - 3], ring[2 * n - 2], ring[2 * n - 1])) {
      ring[2 * n - 4] = ring[2 * n - 2];
      ring[2 * n - 3] = ring[2 * n - 1];
      n--;
    }
  }
  // Around the closing point: the last vertex, then the first, may be in line too.
  let start = 0;
  for (let changed = true; changed && n - start >= 3; ) {
    changed = false;
    const s = 2 * start;
    const e = 2 * n;
    if (inLine(ring[e - 4], ring[e - 3], ring[e - 2], ring[e - 1], ring[s], ring[s + 1])) {
      n--;
      changed = true;
    } else if (inLine(ring[e - 2], ring[e - 1], ring[s], ring[s + 1], ring[s + 2], ring[s + 3])) {
      start++;
      changed = true;
    }
  }
  if (n - start < 3) {
    ring.length = 0;
    return ring;
  }
  if (start > 0) ring.copyWithin(0, 2 * start, 2 * n);
  ring.length = 2 * (n - start);
  return ring;
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
  dropInLineVertices(out);
  if (out.length < 6) return null;
  if (Math.abs(ringArea2(out)) / 2 < Math.max(minArea, 0.5)) return null;
  return out;
}
