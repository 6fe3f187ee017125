/**
 * Validity of polygons on the integer tile grid, as MVT 2.1 §4.3.4.4 asks: no ring crosses or
 * touches itself or another ring (no self-intersection, self-tangency or doubled edge), and every
 * hole lies inside its outer ring. Rounding and simplification can break what clipping got right
 * (a thin part collapses onto itself, a hole moves onto its outline); the encoder checks and
 * falls back to less simplification. Exact for integer coordinates of tile size.
 */
import { pointInRing, type FlatRing } from './clip';

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** c lies on the segment a–b, given that it lies on its line. */
const within = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);

/** True when the closed segments a–b and c–d share at least one point. */
export function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (
    (o1 === 0 && within(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && within(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && within(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && within(cx, cy, dx, dy, bx, by))
  );
}

/**
 * True when no two edges of the rings meet, except consecutive edges of one ring at their
 * shared vertex (checked only when they are not in line: callers drop in-line vertices). A
 * sweep along x keeps it near n·log n for parcel outlines.
 */
export function ringsAreSimple(rings: readonly FlatRing[]): boolean {
  let total = 0;
  for (const r of rings) total += r.length / 2;
  const seg = new Float64Array(total * 4);
  const ringOf = new Int32Array(total);
  const indexIn = new Int32Array(total);
  const sizeOf = new Int32Array(total);
  let s = 0;
  rings.forEach((r, k) => {
    const n = r.length / 2;
    for (let i = 0; i < n; i++, s++) {
      const j = (i + 1) % n;
      seg[4 * s] = r[2 * i];
      seg[4 * s + 1] = r[2 * i + 1];
      seg[4 * s + 2] = r[2 * j];
      seg[4 * s + 3] = r[2 * j + 1];
      ringOf[s] = k;
      indexIn[s] = i;
      sizeOf[s] = n;
    }
  });
  const minX = (k: number) => Math.min(seg[4 * k], seg[4 * k + 2]);
  const order = Array.from({ length: total }, (_, k) => k).sort((a, b) => minX(a) - minX(b));
  for (let p = 0; p < total; p++) {
    const a = order[p];
    const aMaxX = Math.max(seg[4 * a], seg[4 * a + 2]);
    const aMinY = Math.min(seg[4 * a + 1], seg[4 * a + 3]);
    const aMaxY = Math.max(seg[4 * a + 1], seg[4 * a + 3]);
    for (let q = p + 1; q < total; q++) {
      const b = order[q];
      if (minX(b) > aMaxX) break;
      if (Math.max(seg[4 * b + 1], seg[4 * b + 3]) < aMinY || Math.min(seg[4 * b + 1], seg[4 * b + 3]) > aMaxY) continue;
      if (ringOf[a] === ringOf[b]) {
        const d = Math.abs(indexIn[a] - indexIn[b]);
        if (d === 1 || d === sizeOf[a] - 1) continue;
      }
      if (segmentsMeet(seg[4 * a], seg[4 * a + 1], seg[4 * a + 2], seg[4 * a + 3], seg[4 * b], seg[4 * b + 1], seg[4 * b + 2], seg[4 * b + 3])) return false;
    }
  }
  return true;
}

/**
 * Valid polygons of one feature: simple rings that do not meet, each hole inside its own outer
 * ring and outside the other holes, and no outer ring inside another polygon.
 */
export function polygonsAreValid(polygons: readonly (readonly FlatRing[])[]): boolean {
  const all: FlatRing[] = [];
  for (const p of polygons) for (const r of p) all.push(r);
  if (!ringsAreSimple(all)) return false;
  // Rings that do not meet are nested or apart; one vertex tells which.
  for (const p of polygons) {
    for (let h = 1; h < p.length; h++) {
      if (!pointInRing(p[h][0], p[h][1], p[0])) return false;
      for (let g = 1; g < p.length; g++) if (g !== h && pointInRing(p[h][0], p[h][1], p[g])) return false;
    }
  }
  for (const p of polygons) {
    for (const q of polygons) {
      if (p === q || !pointInRing(p[0][0], p[0][1], q[0])) continue;
      // Inside another outer ring: valid only on an island in one of its holes.
      if (!q.slice(1).some((hole) => pointInRing(p[0][0], p[0][1], hole))) return false;
    }
  }
  return true;
}
