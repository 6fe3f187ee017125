/**
 * Polygon ring clipping to an axis-aligned square (Sutherland–Hodgman). Rings are flat arrays
 * [x0, y0, x1, y1, …] without the closing point. A ring clipped by a convex window stays one
 * ring; where a concave ring leaves and re-enters, the result runs along the window's edge
 * (zero-width slivers on the edge), which renders correctly as a fill and lies in the buffer.
 */

export type FlatRing = number[];

function clipAgainst(points: FlatRing, axis: 0 | 1, bound: number, keepGreater: boolean): FlatRing {
  const out: FlatRing = [];
  const n = points.length / 2;
  if (n === 0) return out;
  const inside = (v: number) => (keepGreater ? v >= bound : v <= bound);
  let px = points[2 * (n - 1)];
  let py = points[2 * (n - 1) + 1];
  let pIn = inside(axis === 0 ? px : py);
  for (let i = 0; i < n; i++) {
    const cx = points[2 * i];
    const cy = points[2 * i + 1];
    const cIn = inside(axis === 0 ? cx : cy);
    if (cIn !== pIn) {
      // The edge crosses the boundary: add the crossing point.
      if (axis === 0) {
        const t = (bound - px) / (cx - px);
        out.push(bound, py + t * (cy - py));
      } else {
        const t = (bound - py) / (cy - py);
        out.push(px + t * (cx - px), bound);
      }
    }
    if (cIn) out.push(cx, cy);
    px = cx;
    py = cy;
    pIn = cIn;
  }
  return out;
}

export interface RingBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function ringBounds(points: FlatRing): RingBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/**
 * The part of the ring inside [min, max] × [min, max]. Returns the ring itself when wholly
 * inside, an empty array when wholly outside.
 */
export function clipRing(points: FlatRing, min: number, max: number): FlatRing {
  const b = ringBounds(points);
  if (b.minX >= min && b.maxX <= max && b.minY >= min && b.maxY <= max) return points;
  if (b.maxX < min || b.minX > max || b.maxY < min || b.minY > max) return [];
  let out = points;
  if (b.minX < min) out = clipAgainst(out, 0, min, true);
  if (b.maxX > max) out = clipAgainst(out, 0, max, false);
  if (b.minY < min) out = clipAgainst(out, 1, min, true);
  if (b.maxY > max) out = clipAgainst(out, 1, max, false);
  return out;
}
