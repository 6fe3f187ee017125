import { describe, expect, it } from 'vitest';
import { GEOM_POLYGON, LayerBuilder, TileProjector, clippedPolygons, encodeTile, polygonCommands, polygonsInTile, simplifyRing, tileAt, type TileGeometryOptions } from '../../src/platform/geo/mvt';
import type { Polygon } from '../../src/platform/geo/geometry';
import { BASE_TOLERANCE, TILE_BUFFER, buildPolygonTile, type TileParcel } from '../../src/modules/map/tiles/build';
import { TILE_LAYER } from '../../src/modules/map/tiles/contract';
import { Rng } from '../../src/modules/parcels/demo/random';
import { area2, areaInBox, clipConvex, decodeLayer, polygonsArea, validPolygons, type Box, type DecodedPolygon, type Pt, type Ring } from '../helpers/mvt-validity';

const EXTENT = 4096;
const tile = tileAt(112.36, 28.56, 14);
const projector = new TileProjector(tile, EXTENT);
const box: Box = { min: -TILE_BUFFER, max: EXTENT + TILE_BUFFER };
/** As the tile route encodes at its base tolerance. */
const SIMPLIFIED: TileGeometryOptions = { buffer: TILE_BUFFER, tolerance: BASE_TOLERANCE, minArea: BASE_TOLERANCE ** 2 };
/** Rounding only: the area must match the exact intersection to within rounding. */
const ROUNDED: TileGeometryOptions = { buffer: TILE_BUFFER, tolerance: 0, minArea: 0 };

/** A GeoJSON polygon of rings given in this tile's units. */
function polygonAt(rings: readonly Ring[], pr = projector): Polygon {
  return {
    type: 'Polygon',
    coordinates: rings.map((r) => {
      const ll = r.map(([x, y]) => pr.lonLat(x, y));
      return [...ll, ll[0]];
    }),
  };
}

/** Encodes one parcel into a tile and decodes it back: its checked polygons, or null when nothing is left. */
function roundTrip(rings: readonly Ring[], opts: TileGeometryOptions): DecodedPolygon[] | null {
  const layer = new LayerBuilder(TILE_LAYER, EXTENT);
  layer.add({ type: GEOM_POLYGON, geometry: polygonCommands(polygonsInTile(polygonAt(rings), projector, opts)), properties: { id: 'P' } });
  const bytes = encodeTile([layer]);
  if (bytes.length === 0) return null;
  const decoded = decodeLayer(bytes, TILE_LAYER);
  expect(decoded.length).toBe(1);
  return validPolygons(decoded.feature(0));
}

const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

interface Shape {
  name: string;
  rings: Ring[];
  /** Convex pieces with disjoint insides whose union is the outer ring, and the convex holes. */
  pieces: Ring[];
  holes: Ring[];
}

const SHAPES: Shape[] = [
  {
    name: 'holed square',
    rings: [rect(-400, -400, 400, 400), rect(-150, -100, 150, 250)],
    pieces: [rect(-400, -400, 400, 400)],
    holes: [rect(-150, -100, 150, 250)],
  },
  {
    name: 'L',
    rings: [
      [
        [-400, -400],
        [400, -400],
        [400, -100],
        [-100, -100],
        [-100, 400],
        [-400, 400],
      ],
    ],
    pieces: [rect(-400, -400, 400, -100), rect(-400, -100, -100, 400)],
    holes: [],
  },
  {
    name: 'U',
    rings: [
      [
        [-400, -300],
        [-150, -300],
        [-150, 300],
        [150, 300],
        [150, -300],
        [400, -300],
        [400, 500],
        [-400, 500],
      ],
    ],
    pieces: [rect(-400, 300, 400, 500), rect(-400, -300, -150, 300), rect(150, -300, 400, 300)],
    holes: [],
  },
];

/** Rotation by `deg` about the shape's origin, then a move to (dx, dy); quarter turns stay exact. */
function place(ring: Ring, deg: number, dx: number, dy: number): Ring {
  const quarter = deg % 90 === 0;
  const c = quarter ? [1, 0, -1, 0][(deg / 90) % 4] : Math.cos((deg * Math.PI) / 180);
  const s = quarter ? [0, 1, 0, -1][(deg / 90) % 4] : Math.sin((deg * Math.PI) / 180);
  return ring.map(([x, y]) => [x * c - y * s + dx, x * s + y * c + dy] as Pt);
}

const AREA = (ring: Ring) => Math.abs(area2(ring)) / 2;
const perimeter = (rings: readonly Ring[]) => rings.reduce((s, r) => s + r.reduce((t, p, i) => t + Math.hypot(r[(i + 1) % r.length][0] - p[0], r[(i + 1) % r.length][1] - p[1]), 0), 0);

/** The four edges and four corners of the clip box, with the directions that cross them. */
const EDGE_MID = EXTENT / 2;
const PLACES: { name: string; x: number; y: number; nx: number; ny: number }[] = [
  { name: 'left edge', x: box.min, y: EDGE_MID, nx: 1, ny: 0 },
  { name: 'right edge', x: box.max, y: EDGE_MID, nx: 1, ny: 0 },
  { name: 'top edge', x: EDGE_MID, y: box.min, nx: 0, ny: 1 },
  { name: 'bottom edge', x: EDGE_MID, y: box.max, nx: 0, ny: 1 },
  { name: 'top-left corner', x: box.min, y: box.min, nx: 1, ny: 1 },
  { name: 'top-right corner', x: box.max, y: box.min, nx: 1, ny: 1 },
  { name: 'bottom-left corner', x: box.min, y: box.max, nx: 1, ny: 1 },
  { name: 'bottom-right corner', x: box.max, y: box.max, nx: 1, ny: 1 },
];
/** Shifts across the edge; ±250, 300 and -100 put vertices or whole edges of the shapes exactly on the clip line. */
const SHIFTS = [-250, -100, 0, 150, 250, 300];
const TURNS = [0, 90, 180, 270, 30];

describe('polygons clipped at the tile edge are valid (MVT 2.1 §4.3.4.4)', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: across each edge and corner, turned and shifted — valid, and the area of the exact intersection`, () => {
      let cut = 0;
      for (const at of PLACES) {
        for (const deg of TURNS) {
          for (const shift of SHIFTS) {
            const dx = at.x + shift * at.nx;
            const dy = at.y + shift * at.ny;
            const label = `${shape.name} at the ${at.name}, turned ${deg}°, shifted ${shift}`;
            const rings = shape.rings.map((r) => place(r, deg, dx, dy));
            const expected =
              shape.pieces.reduce((s, p) => s + AREA(clipConvex(place(p, deg, dx, dy), box)), 0) - shape.holes.reduce((s, h) => s + AREA(clipConvex(place(h, deg, dx, dy), box)), 0);
            // Quarter turns keep every vertex and every crossing on the integer grid.
            const rounding = deg % 90 === 0 ? 1 : perimeter(rings) / 2;
            for (const [opts, slack] of [
              [ROUNDED, 0],
              [SIMPLIFIED, 0.05],
            ] as const) {
              let polygons: DecodedPolygon[] | null;
              try {
                polygons = roundTrip(rings, opts);
              } catch (e) {
                throw new Error(`${label} (tolerance ${opts.tolerance}): ${(e as Error).message}`);
              }
              const area = polygons ? polygonsArea(polygons) : 0;
              expect(Math.abs(area - expected), `${label} (tolerance ${opts.tolerance}): ${area} vs ${expected}`).toBeLessThanOrEqual(rounding + slack * expected);
              if (opts === ROUNDED && polygons && polygons.length > 1) cut++;
            }
          }
        }
      }
      // The L and the U are cut into several pieces in some placements, and those come out as a MultiPolygon.
      if (shape.name !== 'holed square') expect(cut).toBeGreaterThan(0);
    });
  }

  it('makes a hole that crosses the edge a notch of its outer ring, not a ring of its own', () => {
    const [outer, hole] = SHAPES[0].rings;
    for (const at of PLACES.slice(0, 4)) {
      const rings = [place(outer, 0, at.x, at.y), place(hole, 0, at.x, at.y)];
      const polygons = roundTrip(rings, SIMPLIFIED)!;
      expect(polygons, at.name).toHaveLength(1);
      expect(polygons[0].interiors, at.name).toHaveLength(0);
      // The square's half (or the other half) and its part of the hole: 8 corners, none doubled.
      expect(polygons[0].exterior, at.name).toHaveLength(8);
    }
    // Shifted so that the hole stays inside: it stays an interior ring.
    const polygons = roundTrip([place(outer, 0, box.max - 200, EDGE_MID), place(hole, 0, box.max - 200, EDGE_MID)], SIMPLIFIED)!;
    expect(polygons).toHaveLength(1);
    expect(polygons[0].interiors).toHaveLength(1);
    expect(AREA(polygons[0].interiors[0])).toBe(300 * 350);
  });

  it('cuts a U whose arms cross the edge into two polygons, one per arm, on each edge', () => {
    const [u] = SHAPES[2].rings;
    // Turned so that the base lies outside the box and the arms reach in across the line.
    const turns: Record<string, number> = { 'left edge': 90, 'right edge': 270, 'top edge': 180, 'bottom edge': 0 };
    for (const at of PLACES.slice(0, 4)) {
      const polygons = roundTrip([place(u, turns[at.name], at.x, at.y)], SIMPLIFIED)!;
      expect(polygons, at.name).toHaveLength(2);
      for (const p of polygons) {
        expect(p.interiors).toHaveLength(0);
        expect(p.exterior).toHaveLength(4);
        expect(AREA(p.exterior), at.name).toBe(250 * 300);
      }
    }
  });

  it('clips a polygon wrapped around the whole tile to the box, with its holes inside the tile kept', () => {
    const polygons = roundTrip([rect(-1000, -1000, 5000, 5000), rect(100, 100, 300, 300), rect(4000, -500, 4500, 200)], SIMPLIFIED)!;
    expect(polygons).toHaveLength(1);
    expect(polygons[0].interiors).toHaveLength(1);
    expect(polygonsArea(polygons)).toBe(4224 * 4224 - 200 * 200 - 160 * 264);
    // A hole holding the whole tile leaves nothing.
    expect(roundTrip([rect(-2000, -2000, 6000, 6000), rect(-1000, -1000, 5000, 5000)], SIMPLIFIED)).toBeNull();
  });
});

/** A star-shaped ring (simple, usually concave) of n vertices with radii in [r0, r1]. */
function star(rng: Rng, cx: number, cy: number, n: number, r0: number, r1: number, turn = 0): Ring {
  return Array.from({ length: n }, (_, k) => {
    const a = turn + (2 * Math.PI * (k + rng.between(-0.3, 0.3))) / n;
    const r = rng.between(r0, r1);
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as Pt;
  });
}

describe('random concave parcels with holes across the tile edges', () => {
  it('come out valid, with the area of their exact intersection with the box', () => {
    const rng = new Rng(2026_12_07);
    let crossing = 0;
    for (let k = 0; k < 400; k++) {
      const near = () => rng.pick([box.min, box.max, rng.between(0, EXTENT)]) + rng.between(-500, 500);
      const cx = near();
      const cy = near();
      const r1 = rng.between(150, 900);
      // At least 8 vertices, so no edge comes nearer the centre than 0.35·cos(36°) ≈ 0.28 of r1.
      const outer = star(rng, cx, cy, rng.int(8, 30), r1 * 0.35, r1);
      const rings = [outer];
      // Holes well inside the outer ring (within 0.22 of r1 from the centre), apart from each other.
      const holes = rng.int(0, 2);
      for (let h = 0; h < holes; h++) {
        const hx = cx + (h === 0 ? -1 : 1) * r1 * 0.12;
        rings.push(star(rng, hx, cy, rng.int(3, 12), r1 * 0.03, r1 * 0.1));
      }
      const expected = areaInBox(rings, box);
      if (expected > 0 && expected < Math.abs(area2(outer)) / 2 - 1) crossing++;
      for (const opts of [ROUNDED, SIMPLIFIED]) {
        let polygons: DecodedPolygon[] | null;
        try {
          polygons = roundTrip(rings, opts);
        } catch (e) {
          throw new Error(`parcel ${k} (tolerance ${opts.tolerance}): ${(e as Error).message}\n${JSON.stringify(rings)}`);
        }
        const area = polygons ? polygonsArea(polygons) : 0;
        const slack = perimeter(rings) / 2 + (opts === SIMPLIFIED ? 0.05 * expected + BASE_TOLERANCE ** 2 : 0);
        expect(Math.abs(area - expected), `parcel ${k} (tolerance ${opts.tolerance})`).toBeLessThanOrEqual(slack);
      }
    }
    expect(crossing).toBeGreaterThan(150);
  });
});

describe('simplification keeps every visible parcel within 5% of its area (z13)', () => {
  const z13 = tileAt(112.36, 28.56, 13);
  const pr = new TileProjector(z13, EXTENT);

  /** A thin strip of the given width along a line, with a vertex every `step` units on both sides. */
  function strip(rng: Rng, width: number, length: number, step: number): Ring {
    const cx = rng.between(-100, EXTENT + 100);
    const cy = rng.between(-100, EXTENT + 100);
    const a = rng.between(0, Math.PI);
    const [ux, uy] = [Math.cos(a), Math.sin(a)];
    const side: Pt[] = [];
    for (let t = -length / 2; t <= length / 2; t += step) side.push([t, rng.between(-0.4, 0.4)]);
    const ring = [...side.map(([t, j]) => [t, -width / 2 + j] as Pt), ...side.reverse().map(([t, j]) => [t, width / 2 + j] as Pt)];
    return ring.map(([t, w]) => [cx + t * ux - w * uy, cy + t * uy + w * ux] as Pt);
  }

  function generated(): TileParcel[] {
    const rng = new Rng(13);
    const out: TileParcel[] = [];
    const parcel = (kind: string, rings: Ring[]) =>
      out.push({ id: `${kind}-${out.length}`, code: `${kind}${out.length}`, name: kind, stage: '已入库', warn: '', areaM2: Math.abs(area2(rings[0])), project: '', geometry: polygonAt(rings, pr) });
    const anywhere = () => rng.between(-200, EXTENT + 200);
    for (let k = 0; k < 300; k++) parcel('regular', [star(rng, anywhere(), anywhere(), rng.int(4, 12), 40, rng.between(60, 300))]);
    for (let k = 0; k < 300; k++) parcel('small', [star(rng, anywhere(), anywhere(), rng.int(4, 10), 3, rng.between(6, 25))]);
    for (let k = 0; k < 200; k++) parcel('thin', [strip(rng, rng.between(3, 14), rng.between(40, 600), rng.between(2, 7))]);
    // Many close vertices (surveyed outlines): a ring of 3–7 unit steps around a small parcel.
    for (let k = 0; k < 200; k++) {
      const r = rng.between(8, 40);
      parcel('jagged', [star(rng, anywhere(), anywhere(), Math.max(6, Math.round((2 * Math.PI * r) / rng.between(3, 7))), r * 0.7, r)]);
    }
    // Holes within 0.4 of r, outer edges no nearer than 0.6·cos(36°) ≈ 0.49 of r (8+ vertices).
    for (let k = 0; k < 100; k++) {
      const cx = anywhere();
      const cy = anywhere();
      const r = rng.between(30, 120);
      parcel('holed', [star(rng, cx, cy, rng.int(8, 14), r * 0.6, r), star(rng, cx, cy, rng.int(3, 8), r * 0.15, r * 0.4)]);
    }
    return out;
  }

  it('in a tile of regular, small, thin, jagged and holed parcels', () => {
    const parcels = generated();
    const layer = decodeLayer(buildPolygonTile(parcels, z13), TILE_LAYER);
    const byId = new Map<string, DecodedPolygon[]>();
    for (let k = 0; k < layer.length; k++) {
      const f = layer.feature(k);
      if (f.type !== GEOM_POLYGON) continue;
      try {
        byId.set(String(f.properties.id), validPolygons(f));
      } catch (e) {
        throw new Error(`${String(f.properties.id)}: ${(e as Error).message}`);
      }
    }
    let visible = 0;
    let unguarded = 0;
    for (const p of parcels) {
      // The unsimplified parcel: clipped and rounded to the grid only.
      const rounded = polygonsInTile(p.geometry, pr, ROUNDED);
      const reference = rounded.reduce((s, poly) => s + poly.reduce((t, r) => t + area2(pairs(r)) / 2, 0), 0);
      if (reference < BASE_TOLERANCE ** 2) continue; // under one pixel: not visible
      visible++;
      const got = byId.get(p.id);
      expect(got, `${p.id} is visible (${reference} units²) but was left out`).toBeDefined();
      const area = polygonsArea(got!);
      expect(Math.abs(area - reference) / reference, `${p.id}: ${area} vs ${reference}`).toBeLessThanOrEqual(0.05);
      // What simplification at the base tolerance alone does to it (the guard's reason to exist).
      let plain = 0;
      for (const poly of clippedPolygons(p.geometry, pr, TILE_BUFFER)) {
        poly.forEach((r, i) => {
          const s = simplifyRing(r, BASE_TOLERANCE, BASE_TOLERANCE ** 2);
          if (s && (i > 0 || area2(pairs(s)) > 0)) plain += area2(pairs(s)) / 2;
        });
      }
      if (Math.abs(plain - reference) > 0.05 * reference) unguarded++;
    }
    expect(visible).toBeGreaterThan(700);
    // The set holds parcels that plain simplification would change by more than 5%.
    expect(unguarded).toBeGreaterThan(10);
  });
});

function pairs(flat: readonly number[]): Ring {
  const out: Ring = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}
