/**
 * Checks of decoded vector-tile polygons against MVT 2.1 §4.3.4.4, and exact areas of a polygon
 * clipped to a box — written here independently of the encoder (plain O(n²) geometry), so the
 * tests do not grade the encoder with its own code.
 */
import { PbfReader } from 'pbf';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';

export type Pt = [number, number];
export type Ring = Pt[];

/** Twice the signed area by the spec's surveyor's formula (tile coordinates, y down): positive = exterior. */
export function area2(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const onSegment = (a: Pt, b: Pt, p: Pt) => cross(a, b, p) === 0 && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** Do the closed segments a–b and c–d share a point? */
export function segmentsIntersect(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const d1 = Math.sign(cross(a, b, c));
  const d2 = Math.sign(cross(a, b, d));
  const d3 = Math.sign(cross(c, d, a));
  const d4 = Math.sign(cross(c, d, b));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return onSegment(a, b, c) || onSegment(a, b, d) || onSegment(c, d, a) || onSegment(c, d, b);
}

/** Strictly inside (even-odd); a point on the outline is reported as 'edge'. */
export function locate(p: Pt, ring: Ring): 'in' | 'out' | 'edge' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(ring[j], ring[i], p)) return 'edge';
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'in' : 'out';
}

export interface DecodedPolygon {
  exterior: Ring;
  interiors: Ring[];
}

/**
 * The polygons of one decoded feature, after checking every rule of §4.3.4.4 that can be checked
 * on the decoded rings; throws with the broken rule. Returns open rings (no repeated last point).
 */
export function validPolygons(feature: VectorTileFeature): DecodedPolygon[] {
  if (feature.type !== 3) throw new Error(`geometry type ${feature.type}, not a polygon`);
  const decoded = feature.loadGeometry();
  const rings: Ring[] = decoded.map((r, k) => {
    // loadGeometry repeats the first point on ClosePath; without ClosePath the ring stays open.
    const pts = r.map((p) => [p.x, p.y] as Pt);
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (pts.length < 2 || first[0] !== last[0] || first[1] !== last[1]) throw new Error(`ring ${k} is not closed by ClosePath`);
    const open = pts.slice(0, -1);
    const before = open[open.length - 1];
    if (before[0] === first[0] && before[1] === first[1]) throw new Error(`ring ${k} repeats its first point before ClosePath`);
    for (let i = 0; i < open.length; i++) {
      const next = open[(i + 1) % open.length];
      if (open[i][0] === next[0] && open[i][1] === next[1]) throw new Error(`ring ${k} has a zero-length edge`);
    }
    if (new Set(open.map((p) => `${p[0]},${p[1]}`)).size < 3) throw new Error(`ring ${k} has fewer than 3 distinct points`);
    if (area2(open) === 0) throw new Error(`ring ${k} has zero area`);
    return open;
  });
  if (rings.length === 0) throw new Error('no rings');
  const polygons: DecodedPolygon[] = [];
  rings.forEach((ring, k) => {
    if (area2(ring) > 0) polygons.push({ exterior: ring, interiors: [] });
    else if (polygons.length === 0) throw new Error(`ring ${k}: an interior ring before any exterior ring`);
    else polygons[polygons.length - 1].interiors.push(ring);
  });
  // No two edges meet, except consecutive edges of one ring at their shared vertex (and those
  // must not fold back onto each other).
  const edges: { ring: number; i: number; n: number; a: Pt; b: Pt }[] = [];
  rings.forEach((ring, r) => ring.forEach((a, i) => edges.push({ ring: r, i, n: ring.length, a, b: ring[(i + 1) % ring.length] })));
  for (let p = 0; p < edges.length; p++) {
    for (let q = p + 1; q < edges.length; q++) {
      const e = edges[p];
      const f = edges[q];
      if (e.ring === f.ring && (f.i === e.i + 1 || (e.i === 0 && f.i === e.n - 1))) {
        // Consecutive: they share one vertex; the far end of either must not lie on the other.
        const [eFar, fFar] = f.i === e.i + 1 ? [e.a, f.b] : [e.b, f.a];
        if (onSegment(f.a, f.b, eFar) || onSegment(e.a, e.b, fFar)) throw new Error(`ring ${e.ring} folds back at a vertex`);
        continue;
      }
      if (segmentsIntersect(e.a, e.b, f.a, f.b)) {
        const where = e.ring === f.ring ? `ring ${e.ring} intersects itself` : `rings ${e.ring} and ${f.ring} intersect or touch`;
        throw new Error(`${where}: ${JSON.stringify([e.a, e.b])} × ${JSON.stringify([f.a, f.b])}`);
      }
    }
  }
  // Rings that never meet are nested or apart: one vertex each tells which.
  for (const poly of polygons) {
    for (const hole of poly.interiors) {
      if (locate(hole[0], poly.exterior) !== 'in') throw new Error('an interior ring lies outside its exterior ring');
      for (const other of poly.interiors) if (other !== hole && locate(hole[0], other) === 'in') throw new Error('an interior ring lies inside another');
    }
    for (const other of polygons) {
      if (other === poly || locate(poly.exterior[0], other.exterior) !== 'in') continue;
      if (!other.interiors.some((h) => locate(poly.exterior[0], h) === 'in')) throw new Error('an exterior ring lies inside another polygon');
    }
  }
  return polygons;
}

/** Area of decoded polygons (holes subtracted). */
export function polygonsArea(polygons: readonly DecodedPolygon[]): number {
  let a = 0;
  for (const p of polygons) {
    a += area2(p.exterior) / 2;
    for (const h of p.interiors) a += area2(h) / 2;
  }
  return a;
}

export function decodeLayer(bytes: Uint8Array, name: string) {
  return new VectorTile(new PbfReader(bytes)).layers[name];
}

export interface Box {
  min: number;
  max: number;
}

/** A convex polygon clipped to the square box (Sutherland–Hodgman: exact for convex input). */
export function clipConvex(poly: Ring, box: Box): Ring {
  let out = poly;
  const planes: ((p: Pt) => number)[] = [(p) => p[0] - box.min, (p) => box.max - p[0], (p) => p[1] - box.min, (p) => box.max - p[1]];
  for (const side of planes) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const a = input[(i + input.length - 1) % input.length];
      const b = input[i];
      const sa = side(a);
      const sb = side(b);
      if (sa >= 0 !== sb >= 0) {
        const t = sa / (sa - sb);
        out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
      if (sb >= 0) out.push(b);
    }
    if (out.length === 0) break;
  }
  return out;
}

/**
 * Exact area of (polygon ∩ box) for any simple polygon with holes (even-odd), by Green's
 * theorem: the outline's parts inside the box plus the box's outline's parts inside the polygon.
 */
export function areaInBox(rings: readonly Ring[], box: Box): number {
  const insidePolygon = (p: Pt) => rings.filter((r) => locate(p, r) === 'in').length % 2 === 1;
  let twice = 0;
  rings.forEach((ring, k) => {
    // Outer ring positive, holes negative: the polygon's inside on the left of every edge.
    const sign = (area2(ring) > 0) === (k === 0) ? 1 : -1;
    for (let i = 0; i < ring.length; i++) {
      let a = ring[i];
      let b = ring[(i + 1) % ring.length];
      if (sign < 0) [a, b] = [b, a];
      // Liang–Barsky: the part of a–b inside the box.
      let t0 = 0;
      let t1 = 1;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const clipT = (p: number, q: number) => {
        if (p === 0) return q >= 0;
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
        return t0 <= t1;
      };
      if (!(clipT(-dx, a[0] - box.min) && clipT(dx, box.max - a[0]) && clipT(-dy, a[1] - box.min) && clipT(dy, box.max - a[1]))) continue;
      const p: Pt = [a[0] + t0 * dx, a[1] + t0 * dy];
      const q: Pt = [a[0] + t1 * dx, a[1] + t1 * dy];
      twice += p[0] * q[1] - q[0] * p[1];
    }
  });
  // The box's outline, positive orientation, split where the polygon's outline crosses it.
  const corners: Pt[] = [
    [box.min, box.min],
    [box.max, box.min],
    [box.max, box.max],
    [box.min, box.max],
  ];
  for (let c = 0; c < 4; c++) {
    const a = corners[c];
    const b = corners[(c + 1) % 4];
    const ts = [0, 1];
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % ring.length];
        const den = (b[0] - a[0]) * (q[1] - p[1]) - (b[1] - a[1]) * (q[0] - p[0]);
        if (den === 0) continue;
        const t = ((p[0] - a[0]) * (q[1] - p[1]) - (p[1] - a[1]) * (q[0] - p[0])) / den;
        const u = ((p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0])) / den;
        if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
      }
    }
    ts.sort((x, y) => x - y);
    for (let k = 0; k + 1 < ts.length; k++) {
      const m = (ts[k] + ts[k + 1]) / 2;
      if (!insidePolygon([a[0] + m * (b[0] - a[0]), a[1] + m * (b[1] - a[1])])) continue;
      const p: Pt = [a[0] + ts[k] * (b[0] - a[0]), a[1] + ts[k] * (b[1] - a[1])];
      const q: Pt = [a[0] + ts[k + 1] * (b[0] - a[0]), a[1] + ts[k + 1] * (b[1] - a[1])];
      twice += p[0] * q[1] - q[0] * p[1];
    }
  }
  return twice / 2;
}
