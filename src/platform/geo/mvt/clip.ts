/**
 * Polygon clipping to an axis-aligned square, holes and concave outlines included. Rings are flat
 * arrays [x0, y0, x1, y1, …] without the closing point.
 *
 * Sutherland–Hodgman keeps one ring per input ring: where a concave outline leaves the window and
 * comes back, or a hole crosses its edge, the result runs back and forth along the edge — a
 * self-intersecting ring with doubled edges, and holes cut apart from their outer ring, which
 * MVT 2.1 §4.3.4.4 forbids. Here each side of the window is a half-plane clip in the manner of
 * Weiler–Atherton: every ring of the polygon (outer and holes, oriented so the inside is on the
 * left) is cut into the runs that lie inside, and the runs are joined along the cut line, each
 * exit to the next entry in the direction that keeps the inside on the left. A concave polygon
 * cut apart becomes several outer rings; a hole crossing the edge becomes a notch of its outer
 * ring; rings that do not cross stay as they are.
 */

export type FlatRing = number[];

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

/** Twice the signed area by the surveyor's formula; positive = clockwise with y pointing down. */
export function ringArea2(points: ArrayLike<number>): number {
  const n = points.length / 2;
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += points[2 * j] * points[2 * i + 1] - points[2 * i] * points[2 * j + 1];
  }
  return sum;
}

/** A run of a ring inside the half-plane: starts where the ring enters, ends where it leaves. */
interface Run {
  points: number[];
  /** position of the first / last point along the cut line */
  enter: number;
  exit: number;
}

/** Vertices closer than this to a cut line (tile units) lie on it: floating-point noise of the projection. */
const ON_LINE = 1e-6;

/**
 * Clips rings (inside on the left: outer rings positive, holes negative) to the half-plane
 * `coordinate[axis] ≥ bound` (keepGreater) or `≤ bound`. Returns the rings of the result, with
 * the same orientation rule; rings along the cut line are outer rings.
 *
 * A run holds the vertices strictly inside; a vertex on the line ends or starts one. So an edge
 * lying on the line belongs to no run: the walk along the line covers it where the polygon is on
 * the kept side, and it disappears where the polygon is on the other side.
 */
function clipHalfPlane(rings: readonly FlatRing[], axis: 0 | 1, bound: number, keepGreater: boolean): FlatRing[] {
  const out: FlatRing[] = [];
  const runs: Run[] = [];
  const other = 1 - axis;
  const side = (v: number) => {
    const d = keepGreater ? v - bound : bound - v;
    return Math.abs(d) < ON_LINE ? 0 : d;
  };
  /** The vertex, put exactly on the line when it lies on it. */
  const vertex = (x: number, y: number, s: number): [number, number] => (s !== 0 ? [x, y] : axis === 0 ? [bound, y] : [x, bound]);
  for (const ring of rings) {
    const n = ring.length / 2;
    let start = -1;
    for (let i = 0; i < n; i++) {
      if (side(ring[2 * i + axis]) <= 0) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      out.push(ring);
      continue;
    }
    // Walk once around from a vertex not inside, so every run both starts and ends in this walk.
    let run: number[] | null = null;
    let px = ring[2 * start];
    let py = ring[2 * start + 1];
    let ps = side(ring[2 * start + axis]);
    for (let k = 1; k <= n; k++) {
      const i = (start + k) % n;
      const cx = ring[2 * i];
      const cy = ring[2 * i + 1];
      const cs = side(ring[2 * i + axis]);
      if (cs > 0) {
        if (ps <= 0) {
          // Entering: the crossing point, or the previous vertex when it lies on the line.
          run = ps === 0 ? vertex(px, py, 0) : crossing(px, py, cx, cy, ps, cs, axis, bound);
        }
        run!.push(cx, cy);
      } else if (ps > 0) {
        // Leaving: the crossing point, or this vertex when it lies on the line.
        const r = run!;
        r.push(...(cs === 0 ? vertex(cx, cy, 0) : crossing(px, py, cx, cy, ps, cs, axis, bound)));
        run = null;
        runs.push({ points: r, enter: r[other], exit: r[r.length - 2 + other] });
      }
      px = cx;
      py = cy;
      ps = cs;
    }
  }
  if (runs.length === 0) return out;
  const next = pairRuns(runs, axis === 0 ? (keepGreater ? -1 : 1) : keepGreater ? 1 : -1);
  const used = new Uint8Array(runs.length);
  for (let k = 0; k < runs.length; k++) {
    if (used[k]) continue;
    const ring: number[] = [];
    let r = k;
    while (!used[r]) {
      used[r] = 1;
      const pts = runs[r].points;
      for (let i = 0; i < pts.length; i++) ring.push(pts[i]);
      r = next[r];
    }
    out.push(ring);
  }
  return out;
}

/**
 * For each run, the run whose entry follows its exit along the cut line, walking in direction
 * `dir` (the kept side on the left). Along the line, exits and entries alternate; where several
 * fall on one point (a ring touching the line, or pinched on it), they are taken in the order
 * that keeps them alternating: an exit still open takes an entry there first.
 */
function pairRuns(runs: readonly Run[], dir: 1 | -1): Int32Array {
  const events: { at: number; exit: boolean; run: number }[] = [];
  runs.forEach((r, k) => {
    events.push({ at: dir * r.enter, exit: false, run: k });
    events.push({ at: dir * r.exit, exit: true, run: k });
  });
  events.sort((a, b) => a.at - b.at);
  const next = new Int32Array(runs.length).fill(-1);
  let open = -1;
  for (let i = 0; i < events.length; ) {
    let j = i;
    const exits: number[] = [];
    const entries: number[] = [];
    for (; j < events.length && events[j].at === events[i].at; j++) (events[j].exit ? exits : entries).push(events[j].run);
    while (exits.length > 0 || entries.length > 0) {
      if (open >= 0 && entries.length > 0) {
        next[open] = entries.shift()!;
        open = -1;
      } else if (exits.length > 0) {
        open = exits.shift()!; // (an exit still open here had no entry: invalid input, left to close on itself)
      } else {
        entries.shift(); // an entry before any exit: invalid input
      }
    }
    i = j;
  }
  for (let k = 0; k < next.length; k++) if (next[k] < 0) next[k] = k;
  return next;
}

function crossing(px: number, py: number, cx: number, cy: number, ps: number, cs: number, axis: 0 | 1, bound: number): [number, number] {
  const t = ps / (ps - cs);
  return axis === 0 ? [bound, py + t * (cy - py)] : [px + t * (cx - px), bound];
}

/** True when (x, y) lies inside the ring (even-odd; points on the outline count either way). */
export function pointInRing(x: number, y: number, ring: FlatRing): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ax = ring[2 * i];
    const ay = ring[2 * i + 1];
    const bx = ring[2 * j];
    const by = ring[2 * j + 1];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
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

/** Puts the ring in the orientation of an outer ring (positive area) or of a hole (negative). */
export function orientRing(points: number[], outer: boolean): number[] {
  const a = ringArea2(points);
  if ((outer && a < 0) || (!outer && a > 0)) reverseRing(points);
  return points;
}

/**
 * The part of one polygon (outer ring first, then holes; any orientation) inside
 * [min, max] × [min, max], as polygons (outer ring positive, its holes negative after it). A
 * polygon wholly inside comes back as it is, reoriented; one wholly outside gives none.
 */
export function clipPolygon(rings: readonly FlatRing[], min: number, max: number): FlatRing[][] {
  if (rings.length === 0 || rings[0].length < 6) return [];
  const b = ringBounds(rings[0]);
  if (b.maxX < min || b.minX > max || b.maxY < min || b.minY > max) return [];
  const oriented = rings.map((r, i) => orientRing(r.slice(), i === 0));
  if (b.minX >= min && b.maxX <= max && b.minY >= min && b.maxY <= max) return [oriented];
  let out = oriented;
  if (b.minX < min) out = clipHalfPlane(out, 0, min, true);
  if (b.maxX > max) out = clipHalfPlane(out, 0, max, false);
  if (b.minY < min) out = clipHalfPlane(out, 1, min, true);
  if (b.maxY > max) out = clipHalfPlane(out, 1, max, false);
  return groupRings(out);
}

/** Outer rings (positive area) each followed by the holes (negative area) inside it; zero-area rings are left out. */
export function groupRings(rings: readonly FlatRing[]): FlatRing[][] {
  const outers: FlatRing[][] = [];
  const holes: FlatRing[] = [];
  for (const r of rings) {
    if (r.length < 6) continue;
    const a = ringArea2(r);
    if (a > 0) outers.push([r]);
    else if (a < 0) holes.push(r);
  }
  if (outers.length === 0) return [];
  for (const hole of holes) {
    if (outers.length === 1) {
      outers[0].push(hole);
      continue;
    }
    const home = outers.find((p) => holeInside(hole, p[0]));
    if (home) home.push(hole);
  }
  return outers;
}

/** A hole belongs to the outer ring holding its vertices (one on the outline may be either). */
function holeInside(hole: FlatRing, outer: FlatRing): boolean {
  let votes = 0;
  const n = Math.min(hole.length / 2, 3);
  for (let i = 0; i < n; i++) votes += pointInRing(hole[2 * i], hole[2 * i + 1], outer) ? 1 : -1;
  return votes > 0;
}
