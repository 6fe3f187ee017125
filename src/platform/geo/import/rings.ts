/**
 * Validity checks of polygon rings before anything is saved: closed, at least 3 distinct points,
 * no repeated consecutive points, non-zero area, no self-intersection, rings of a feature not
 * crossing each other, holes inside their outer ring and not inside each other, parts not
 * overlapping. Problems are reported, never repaired: a surveyed boundary is the surveyor's.
 *
 * Intersections are found with a sort-and-sweep over segment x-extents, close to O(n log n)
 * for real parcel outlines, so files with many thousands of vertices stay fast.
 */
import { allCollinear, isSpike, locatePoint, segmentsMeet, type Location } from './segments';
import type { SourcePart, SourceRing, XY } from './types';

/** Problems listed per feature before the rest is summarised. */
const MAX_PROBLEMS = 12;
const MAX_DUPLICATES_LISTED = 3;

function pointName(ring: SourceRing, i: number): string {
  const label = ring.pointLabels?.[i];
  return label ? `点 ${label}` : `第 ${i + 1} 个点`;
}

function edgeName(ring: SourceRing, from: number, to: number): string {
  const a = ring.pointLabels?.[from];
  const b = ring.pointLabels?.[to];
  return a && b ? `${a}–${b} 边` : `第 ${from + 1}–${to + 1} 个点之间的边`;
}

function samePoint(a: XY, b: XY): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A ring after closure and removal of repeated points, keeping original indices for messages. */
interface CleanRing {
  source: SourceRing;
  points: XY[];
  /** Index in source.points of each clean point (the closing point maps to 0). */
  origin: number[];
  usable: boolean;
  /** A spike was reported: further self-intersection messages for this ring would repeat it. */
  spiked?: boolean;
}

function cleanRing(ring: SourceRing, problems: string[]): CleanRing {
  const pts = ring.points;
  const points: XY[] = [];
  const origin: number[] = [];
  if (pts.length === 0) {
    problems.push(`${ring.label}没有坐标点`);
    return { source: ring, points, origin, usable: false };
  }
  const closed = pts.length > 1 && samePoint(pts[0], pts[pts.length - 1]);
  if (!closed) {
    problems.push(
      pts.length > 1
        ? `${ring.label}未闭合：首点（${pointName(ring, 0)}）与末点（${pointName(ring, pts.length - 1)}）坐标不同，最后一个点必须与第一个点相同`
        : `${ring.label}未闭合：只有 1 个点`,
    );
  }
  const last = closed ? pts.length - 1 : pts.length;
  const duplicates: number[] = [];
  for (let i = 0; i < last; i++) {
    if (points.length > 0 && samePoint(points[points.length - 1], pts[i])) {
      duplicates.push(i);
      continue;
    }
    points.push(pts[i]);
    origin.push(i);
  }
  // [A, B, C, A, A]: the point before the closing one already closes the ring.
  if (points.length > 1 && samePoint(points[points.length - 1], points[0])) {
    duplicates.push(last);
    points.pop();
    origin.pop();
  }
  if (duplicates.length > 0) {
    const listed = duplicates.slice(0, MAX_DUPLICATES_LISTED).map((i) => pointName(ring, i)).join('、');
    const more = duplicates.length > MAX_DUPLICATES_LISTED ? `等 ${duplicates.length} 处` : '';
    problems.push(`${ring.label}有重复的相邻点：${listed}${more}与前一个点坐标相同`);
  }
  const distinct = points.length;
  points.push(points[0]);
  origin.push(0);
  if (distinct < 3) {
    problems.push(`${ring.label}点数不足：至少需要 3 个不同的点（首尾闭合后 4 个），实际只有 ${distinct} 个`);
    return { source: ring, points, origin, usable: false };
  }
  if (allCollinear(points)) {
    problems.push(`${ring.label}面积为零（所有点在一条直线上）`);
    return { source: ring, points, origin, usable: false };
  }
  for (let i = 0; i < distinct; i++) {
    if (isSpike(points[(i + distinct - 1) % distinct], points[i], points[i + 1])) {
      problems.push(`${ring.label}在${pointName(ring, origin[i])}处折返（前后两条边重叠）`);
      return { source: ring, points, origin, usable: true, spiked: true };
    }
  }
  return { source: ring, points, origin, usable: true };
}

interface Segment {
  ring: number;
  index: number;
  a: XY;
  b: XY;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function segmentsOf(rings: CleanRing[]): Segment[] {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    if (!ring.usable) return;
    for (let i = 0; i + 1 < ring.points.length; i++) {
      const a = ring.points[i];
      const b = ring.points[i + 1];
      segments.push({
        ring: r,
        index: i,
        a,
        b,
        minX: Math.min(a[0], b[0]),
        maxX: Math.max(a[0], b[0]),
        minY: Math.min(a[1], b[1]),
        maxY: Math.max(a[1], b[1]),
      });
    }
  });
  return segments.sort((s, t) => s.minX - t.minX);
}

function segmentEdgeName(ring: CleanRing, index: number): string {
  return edgeName(ring.source, ring.origin[index], ring.origin[index + 1]);
}

/** Reports self-intersections and crossings between rings, at most one per ring pair. */
function checkIntersections(rings: CleanRing[], problems: string[]): Set<string> {
  const reported = new Set<string>();
  rings.forEach((ring, r) => {
    if (ring.spiked) reported.add(`${r}:${r}`);
  });
  const segments = segmentsOf(rings);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length && segments[j].minX <= s.maxX; j++) {
      const t = segments[j];
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const key = s.ring < t.ring ? `${s.ring}:${t.ring}` : `${t.ring}:${s.ring}`;
      if (reported.has(key)) continue;
      if (s.ring === t.ring) {
        const message = selfMeeting(rings[s.ring], s, t);
        if (message) {
          reported.add(key);
          problems.push(message);
        }
        continue;
      }
      const meeting = segmentsMeet(s.a, s.b, t.a, t.b);
      if (meeting === 'cross' || meeting === 'overlap') {
        reported.add(key);
        const [first, second] = s.ring < t.ring ? [rings[s.ring], rings[t.ring]] : [rings[t.ring], rings[s.ring]];
        problems.push(`${first.source.label}与${second.source.label}相交${meeting === 'overlap' ? '（边界重叠）' : ''}`);
      }
    }
  }
  return reported;
}

function selfMeeting(ring: CleanRing, s: Segment, t: Segment): string | null {
  const count = ring.points.length - 1;
  const [lo, hi] = s.index < t.index ? [s, t] : [t, s];
  const adjacent = hi.index - lo.index === 1 || (lo.index === 0 && hi.index === count - 1);
  // Adjacent edges share a vertex; their only possible fault, doubling back, is found in cleanRing.
  if (adjacent || segmentsMeet(s.a, s.b, t.a, t.b) === 'none') return null;
  return `${ring.source.label}自相交：${segmentEdgeName(ring, lo.index)}与${segmentEdgeName(ring, hi.index)}相交`;
}

/** Location of ring `inner` relative to ring `outer`, decided by its first vertex off the boundary. */
function ringLocation(inner: CleanRing, outer: CleanRing): Location {
  for (const p of inner.points) {
    const where = locatePoint(outer.points, p);
    if (where !== 'boundary') return where;
  }
  return 'boundary';
}

function hasOutsideVertex(inner: CleanRing, outer: CleanRing): boolean {
  return inner.points.some((p) => locatePoint(outer.points, p) === 'outside');
}

/**
 * Checks the rings of one feature (all its parts). Returns the problems, in Chinese, each
 * starting with the ring's label.
 */
export function checkParts(parts: readonly SourcePart[]): string[] {
  const problems: string[] = [];
  const rings: CleanRing[] = [];
  const partOf: number[] = [];
  parts.forEach((part, p) => {
    for (const ring of part.rings) {
      rings.push(cleanRing(ring, problems));
      partOf.push(p);
    }
  });
  const crossed = checkIntersections(rings, problems);
  const pairCrossed = (a: number, b: number) => crossed.has(a < b ? `${a}:${b}` : `${b}:${a}`);

  // Holes inside their outer ring and not inside one another.
  let first = 0;
  const outers: number[] = [];
  parts.forEach((part) => {
    const outer = first;
    outers.push(outer);
    const holes = part.rings.map((_, k) => first + k).slice(1);
    for (const h of holes) {
      if (!rings[outer].usable || !rings[h].usable || pairCrossed(outer, h)) continue;
      if (hasOutsideVertex(rings[h], rings[outer])) {
        problems.push(`${rings[h].source.label}不在${rings[outer].source.label}之内（内环必须位于外环内部）`);
      }
    }
    for (const h of holes) {
      for (const k of holes) {
        if (h >= k || !rings[h].usable || !rings[k].usable || pairCrossed(h, k)) continue;
        if (ringLocation(rings[h], rings[k]) === 'inside' || ringLocation(rings[k], rings[h]) === 'inside') {
          problems.push(`${rings[h].source.label}与${rings[k].source.label}重叠（内环之间不能相互包含）`);
        }
      }
    }
    first += part.rings.length;
  });

  // Parts of a multi-part feature must not overlap (an island inside another part's hole is fine).
  const containedIn = (x: number, y: number): boolean =>
    ringLocation(rings[outers[x]], rings[outers[y]]) === 'inside' &&
    !rings.some((ring, r) => partOf[r] === y && r !== outers[y] && ring.usable && ringLocation(rings[outers[x]], ring) === 'inside');
  for (let p = 0; p < outers.length; p++) {
    for (let q = p + 1; q < outers.length; q++) {
      const a = outers[p];
      const b = outers[q];
      if (!rings[a].usable || !rings[b].usable || pairCrossed(a, b)) continue;
      if (containedIn(p, q) || containedIn(q, p)) {
        problems.push(`${rings[a].source.label}与${rings[b].source.label}重叠（同一地块的各部分不能相互覆盖）`);
      }
    }
  }

  if (problems.length > MAX_PROBLEMS) {
    const rest = problems.length - MAX_PROBLEMS;
    return [...problems.slice(0, MAX_PROBLEMS), `另有 ${rest} 处问题未列出`];
  }
  return problems;
}
