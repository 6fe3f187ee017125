/**
 * Where a polygon's label goes: its pole of inaccessibility (the inside point farthest from the
 * outline, found by the grid search of Mapbox's polylabel), computed once on the whole polygon.
 * maplibre would otherwise place one label per clipped piece, i.e. one per tile a parcel
 * crosses. Coordinates are planar (tile or world units, y down); rings as flat [x0, y0, x1, y1…].
 */
import type { FlatRing } from './clip';

interface Cell {
  x: number;
  y: number;
  /** half the cell's side */
  h: number;
  /** signed distance from the centre to the outline (positive inside) */
  d: number;
  /** the best distance any point of the cell can have */
  max: number;
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax;
  let y = ay;
  let dx = bx - x;
  let dy = by - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = by;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon's outline: positive inside (even-odd over all rings). */
function signedDistance(x: number, y: number, rings: readonly FlatRing[]): number {
  let inside = false;
  let min2 = Infinity;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ax = ring[2 * i];
      const ay = ring[2 * i + 1];
      const bx = ring[2 * j];
      const by = ring[2 * j + 1];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      min2 = Math.min(min2, segmentDistance2(x, y, ax, ay, bx, by));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min2);
}

function cell(x: number, y: number, h: number, rings: readonly FlatRing[]): Cell {
  const d = signedDistance(x, y, rings);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

/** A max-heap of cells by `max`. */
class CellQueue {
  private readonly items: Cell[] = [];

  get length(): number {
    return this.items.length;
  }

  push(c: Cell): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].max >= a[i].max) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): Cell {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].max > a[m].max) m = l;
        if (r < a.length && a[r].max > a[m].max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** The area-weighted centroid of the outer ring (a good first guess), or its first vertex when degenerate. */
function centroidCell(rings: readonly FlatRing[]): Cell {
  const ring = rings[0];
  const n = ring.length / 2;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const f = ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
    cx += (ring[2 * i] + ring[2 * j]) * f;
    cy += (ring[2 * i + 1] + ring[2 * j + 1]) * f;
    area += f * 3;
  }
  return area === 0 ? cell(ring[0], ring[1], 0, rings) : cell(cx / area, cy / area, 0, rings);
}

/**
 * The pole of inaccessibility of one polygon (outer ring first, then holes), to within
 * `precision` units.
 */
export function poleOfInaccessibility(rings: readonly FlatRing[], precision: number): [number, number] {
  const outer = rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    minX = Math.min(minX, outer[i]);
    maxX = Math.max(maxX, outer[i]);
    minY = Math.min(minY, outer[i + 1]);
    maxY = Math.max(maxY, outer[i + 1]);
  }
  const size = Math.min(maxX - minX, maxY - minY);
  if (!(size > 0)) return [minX, minY];
  const h = size / 2;
  const queue = new CellQueue();
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h, rings));
  let best = centroidCell(rings);
  const middle = cell(minX + (maxX - minX) / 2, minY + (maxY - minY) / 2, 0, rings);
  if (middle.d > best.d) best = middle;
  while (queue.length > 0) {
    const c = queue.pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const q = c.h / 2;
    queue.push(cell(c.x - q, c.y - q, q, rings));
    queue.push(cell(c.x + q, c.y - q, q, rings));
    queue.push(cell(c.x - q, c.y + q, q, rings));
    queue.push(cell(c.x + q, c.y + q, q, rings));
  }
  return [best.x, best.y];
}

/** Twice the signed area of a flat ring (shoelace). */
function area2(ring: FlatRing): number {
  let a = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) a += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1];
  return a;
}

/** The label point of a (multi)polygon: the pole of inaccessibility of its largest part. */
export function labelPoint(polygons: readonly (readonly FlatRing[])[], precision: number): [number, number] | null {
  let largest: readonly FlatRing[] | null = null;
  let largestArea = -1;
  for (const rings of polygons) {
    if (rings.length === 0 || rings[0].length < 6) continue;
    const a = Math.abs(area2(rings[0]));
    if (a > largestArea) {
      largest = rings;
      largestArea = a;
    }
  }
  return largest ? poleOfInaccessibility(largest, precision) : null;
}
