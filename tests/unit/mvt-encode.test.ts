import { describe, expect, it } from 'vitest';
import { PbfReader } from 'pbf';
import { VectorTile, classifyRings } from '@mapbox/vector-tile';
import {
  GEOM_POINT,
  GEOM_POLYGON,
  LayerBuilder,
  PbfWriter,
  TileProjector,
  clipPolygon,
  dropInLineVertices,
  encodeTile,
  isValidTile,
  pointCommands,
  polygonCommands,
  polygonsAreValid,
  polygonsInTile,
  ringArea2,
  simplifyRing,
  tileAt,
  tileBBox,
} from '../../src/platform/geo/mvt';
import type { Polygon } from '../../src/platform/geo/geometry';

const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes));
const pts = (ring: { x: number; y: number }[]) => ring.map((p) => [p.x, p.y]);

describe('protobuf writer', () => {
  it('writes varints that a standard reader reads back', () => {
    const values = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
    const w = new PbfWriter(4);
    values.forEach((v, i) => w.varintField(i + 1, v));
    const r = new PbfReader(w.finish());
    const read: number[] = [];
    r.readFields((_tag, acc: number[], pbf) => acc.push(pbf.readVarint(true)), read);
    expect(read).toEqual(values);
  });

  it('moves a nested message body when its length needs more than one byte', () => {
    for (const size of [10, 127, 128, 200, 16_383, 16_384, 70_000]) {
      const w = new PbfWriter(8);
      w.varintField(1, 42);
      const body = 'é'.repeat(size); // 2 bytes each in UTF-8
      w.messageField(2, () => {
        w.stringField(1, body);
        w.doubleField(2, -12.5);
      });
      w.varintField(3, 7);
      const r = new PbfReader(w.finish());
      const got = { a: 0, s: '', d: 0, c: 0 };
      r.readFields((tag, acc: typeof got, pbf) => {
        if (tag === 1) acc.a = pbf.readVarint();
        else if (tag === 3) acc.c = pbf.readVarint();
        else if (tag === 2)
          pbf.readMessage((t, inner: typeof got, p) => {
            if (t === 1) inner.s = p.readString();
            if (t === 2) inner.d = p.readDouble();
          }, acc);
      }, got);
      expect(got).toEqual({ a: 42, s: body, d: -12.5, c: 7 });
    }
  });

  it('refuses negative or fractional varints', () => {
    expect(() => new PbfWriter().varint(-1)).toThrow(RangeError);
    expect(() => new PbfWriter().varint(1.5)).toThrow(RangeError);
  });
});

describe('tile math', () => {
  it('finds the tile of a point and the point back from the tile corner', () => {
    // 益阳 city centre (赫山区) at zoom 12.
    const t = tileAt(112.355, 28.554, 12);
    expect(t).toEqual({ z: 12, x: 3326, y: 1708 });
    const b = tileBBox(t);
    expect(b.minLon).toBeLessThanOrEqual(112.355);
    expect(b.maxLon).toBeGreaterThan(112.355);
    expect(b.minLat).toBeLessThanOrEqual(28.554);
    expect(b.maxLat).toBeGreaterThan(28.554);
    const p = new TileProjector(t, 4096);
    expect(p.x(b.minLon)).toBeCloseTo(0, 6);
    expect(p.x(b.maxLon)).toBeCloseTo(4096, 6);
    expect(p.y(b.maxLat)).toBeCloseTo(0, 6);
    expect(p.y(b.minLat)).toBeCloseTo(4096, 6);
    const [lon, lat] = p.lonLat(2048, 2048);
    expect(p.x(lon)).toBeCloseTo(2048, 6);
    expect(p.y(lat)).toBeCloseTo(2048, 6);
  });

  it('grows the bbox by the buffer and knows the whole world at zoom 0', () => {
    const world = tileBBox({ z: 0, x: 0, y: 0 });
    expect(world.minLon).toBe(-180);
    expect(world.maxLon).toBe(180);
    expect(world.maxLat).toBeCloseTo(85.0511287798, 8);
    const t = { z: 10, x: 831, y: 427 };
    const plain = tileBBox(t);
    const grown = tileBBox(t, 64 / 4096);
    expect(grown.minLon).toBeLessThan(plain.minLon);
    expect(grown.maxLat).toBeGreaterThan(plain.maxLat);
    expect(grown.maxLon - plain.maxLon).toBeCloseTo(((plain.maxLon - plain.minLon) * 64) / 4096, 9);
  });

  it('accepts only integer coordinates inside the zoom level', () => {
    expect(isValidTile(0, 0, 0, 22)).toBe(true);
    expect(isValidTile(22, 2 ** 22 - 1, 0, 22)).toBe(true);
    expect(isValidTile(23, 0, 0, 22)).toBe(false);
    expect(isValidTile(3, 8, 0, 22)).toBe(false);
    expect(isValidTile(3, 0, -1, 22)).toBe(false);
    expect(isValidTile(3, 1.5, 0, 22)).toBe(false);
    expect(isValidTile(Number.NaN, 0, 0, 22)).toBe(false);
  });
});

describe('clipping and simplification', () => {
  const vertexSet = (ring: number[]) => {
    const vertices = new Set<string>();
    for (let i = 0; i < ring.length; i += 2) vertices.add(`${ring[i]},${ring[i + 1]}`);
    return [...vertices].sort();
  };

  it('clips a square that crosses the right edge to the window', () => {
    const ring = [3000, 1000, 5000, 1000, 5000, 2000, 3000, 2000];
    const out = clipPolygon([ring], -64, 4160);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(1);
    expect(vertexSet(out[0][0])).toEqual(['3000,1000', '3000,2000', '4160,1000', '4160,2000']);
    expect(ringArea2(out[0][0])).toBe(2 * 1160 * 1000); // outer ring: positive
  });

  it('clips a triangle across a corner to the part inside the window', () => {
    // The triangle x ≥ 4000, y ≥ 4000, x + y ≤ 8300 holds the whole square [4000, 4096]².
    const [[out]] = clipPolygon([[4000, 4000, 4300, 4000, 4000, 4300]], 0, 4096);
    expect(vertexSet(out)).toEqual(['4000,4000', '4000,4096', '4096,4000', '4096,4096']);
    expect(ringArea2(out) / 2).toBe(96 * 96);
    // A cut through the hypotenuse: window up to 4200 keeps a pentagon of area 300²/2 − 2·(100²/2).
    const [[cut]] = clipPolygon([[4000, 4000, 4300, 4000, 4000, 4300]], 0, 4200);
    expect(cut.length / 2).toBe(5);
    expect(ringArea2(cut) / 2).toBeCloseTo(45_000 - 10_000, 6);
  });

  it('keeps a polygon inside the window as it is, outer ring positive and hole negative, and drops one outside', () => {
    const outer = [10, 10, 10, 20, 20, 20, 20, 10]; // negative: reversed
    const hole = [12, 12, 18, 12, 18, 18, 12, 18]; // positive: reversed
    const [p] = clipPolygon([outer, hole], 0, 4096);
    expect(p).toHaveLength(2);
    expect(ringArea2(p[0])).toBe(200);
    expect(ringArea2(p[1])).toBe(-72);
    expect(vertexSet(p[0])).toEqual(vertexSet(outer));
    expect(outer).toEqual([10, 10, 10, 20, 20, 20, 20, 10]); // the input is left alone
    expect(clipPolygon([[5000, 5000, 5100, 5000, 5100, 5100]], -64, 4160)).toEqual([]);
  });

  it('drops vertices closer than the tolerance and collapses tiny rings', () => {
    const ring = [0, 0, 100, 0, 103, 2, 100, 100, 0, 100, 2, 3];
    expect(simplifyRing(ring, 8, 64)).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
    expect(simplifyRing([0, 0, 4, 0, 4, 4, 0, 4], 8, 64)).toBeNull();
    expect(simplifyRing([0, 0, 40, 0, 40, 1, 0, 1], 1, 64)).toBeNull(); // a sliver: 40 square units
    expect(simplifyRing([0.4, 0.2, 10.6, 0, 10.2, 9.7], 0, 0)).toEqual([0, 0, 11, 0, 10, 10]);
  });
});

describe('rings after rounding', () => {
  it('drops repeated and in-line vertices and spikes, around the closing point too', () => {
    // (50,0) on a straight edge, a spike out to (100,60) and back along x = 100, (0,100) twice, (0,50) in line across the start.
    expect(dropInLineVertices([0, 0, 50, 0, 100, 0, 100, 60, 100, 20, 100, 100, 0, 100, 0, 100, 0, 50])).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
    expect(dropInLineVertices([50, 0, 100, 0, 100, 100, 0, 100, 0, 0])).toEqual([100, 0, 100, 100, 0, 100, 0, 0]);
    expect(dropInLineVertices([100, 0, 100, 100, 0, 100, 0, 0, 150, 0])).toEqual([100, 0, 100, 100, 0, 100, 0, 0]);
    expect(dropInLineVertices([0, 0, 10, 0, 20, 0])).toEqual([]);
    expect(simplifyRing([0, 0, 100, 0, 100, 40, 100, 10, 100, 100, 0, 100], 0, 0)).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
  });

  it('tells valid polygons from rings that cross or touch, and holes out of place', () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    const hole = [20, 20, 20, 40, 40, 40, 40, 20];
    expect(polygonsAreValid([[square, hole]])).toBe(true);
    expect(polygonsAreValid([[[0, 0, 100, 100, 100, 0, 0, 100]]])).toBe(false); // a bow tie
    expect(polygonsAreValid([[square, [0, 20, 0, 40, 40, 40, 40, 20]]])).toBe(false); // hole on the outline
    expect(polygonsAreValid([[square, [20, 20, 20, 40, 40, 40]], [[200, 0, 300, 0, 300, 100, 200, 100], [220, 20, 220, 40, 240, 40, 240, 20]]])).toBe(true);
    expect(polygonsAreValid([[square, [120, 20, 120, 40, 140, 40, 140, 20]]])).toBe(false); // hole outside
    expect(polygonsAreValid([[square, hole, [25, 25, 25, 35, 35, 35, 35, 25]]])).toBe(false); // hole in a hole
    expect(polygonsAreValid([[square], [[10, 10, 90, 10, 90, 90, 10, 90]]])).toBe(false); // a polygon on another
    expect(polygonsAreValid([[square, [10, 10, 10, 90, 90, 90, 90, 10]], [[20, 20, 80, 20, 80, 80, 20, 80]]])).toBe(true); // an island in a hole
    // A ring touching itself at a vertex (self-tangency).
    expect(polygonsAreValid([[[0, 0, 100, 0, 50, 50, 100, 100, 0, 100, 50, 50]]])).toBe(false);
  });
});

describe('tile encoding decoded by @mapbox/vector-tile', () => {
  const tile = { z: 14, x: 13306, y: 6834 };
  const projector = new TileProjector(tile, 4096);
  const opts = { buffer: 64, tolerance: 8, minArea: 64 };

  /** A lon/lat ring of the given tile-pixel coordinates (GeoJSON, closed, counter-clockwise on the ground). */
  const ringAt = (pixels: [number, number][]) => {
    const ring = pixels.map(([x, y]) => projector.lonLat(x, y));
    ring.push(ring[0]);
    return ring;
  };

  it('encodes a polygon with a hole to the pixel, outer ring clockwise and hole counter-clockwise (y down)', () => {
    // Counter-clockwise on the ground = clockwise on screen? No: the projection flips y, so give
    // the outer ring in screen-clockwise order and let the encoder fix whatever it receives.
    const outerPx: [number, number][] = [
      [1000, 1000],
      [1000, 3000],
      [3000, 3000],
      [3000, 1000],
    ]; // screen counter-clockwise: must be reversed
    const holePx: [number, number][] = [
      [1500, 1500],
      [2500, 1500],
      [2500, 2500],
      [1500, 2500],
    ]; // screen clockwise: must be reversed too
    const geometry: Polygon = { type: 'Polygon', coordinates: [ringAt(outerPx), ringAt(holePx)] };
    const layer = new LayerBuilder('parcels');
    const polys = polygonsInTile(geometry, projector, opts);
    layer.add({ id: 7, type: GEOM_POLYGON, geometry: polygonCommands(polys), properties: { id: 'P1', stage: '已入库', areaMu: 12.34, count: 3, neg: -5, ok: true, none: null } });
    const vt = decode(encodeTile([layer]));
    const l = vt.layers.parcels;
    expect(l.extent).toBe(4096);
    expect(l.version).toBe(2);
    expect(l.length).toBe(1);
    const f = l.feature(0);
    expect(f.type).toBe(3);
    expect(f.id).toBe(7);
    expect(f.properties).toEqual({ id: 'P1', stage: '已入库', areaMu: 12.34, count: 3, neg: -5, ok: true });
    const rings = f.loadGeometry();
    expect(rings).toHaveLength(2);
    // Rings come back closed; the outer one reversed to clockwise on screen.
    expect(pts(rings[0])).toEqual([
      [1000, 1000],
      [3000, 1000],
      [3000, 3000],
      [1000, 3000],
      [1000, 1000],
    ]);
    expect(pts(rings[1])).toEqual([
      [1500, 1500],
      [1500, 2500],
      [2500, 2500],
      [2500, 1500],
      [1500, 1500],
    ]);
    const classified = classifyRings(rings);
    expect(classified).toHaveLength(1);
    expect(classified[0]).toHaveLength(2);
  });

  it('clips a parcel that crosses the tile edge to the buffer, and returns it in lon/lat', () => {
    const geometry: Polygon = {
      type: 'Polygon',
      coordinates: [
        ringAt([
          [3800, 200],
          [5000, 200],
          [5000, 900],
          [3800, 900],
        ]),
      ],
    };
    const layer = new LayerBuilder('parcels');
    layer.add({ type: GEOM_POLYGON, geometry: polygonCommands(polygonsInTile(geometry, projector, opts)), properties: { code: 'A' } });
    const f = decode(encodeTile([layer])).layers.parcels.feature(0);
    const xs = f.loadGeometry()[0].map((p) => p.x);
    expect(Math.max(...xs)).toBe(4096 + 64);
    expect(Math.min(...xs)).toBe(3800);
    const gj = f.toGeoJSON(tile.x, tile.y, tile.z);
    expect(gj.geometry.type).toBe('Polygon');
    const ring = (gj.geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring).toHaveLength(5);
    // Each corner comes back in lon/lat: the parcel's own two, and two on the buffer's edge.
    for (const [x, y] of [[3800, 200], [3800, 900], [4160, 200], [4160, 900]]) {
      const [lon0, lat0] = projector.lonLat(x, y);
      expect(ring.some(([lon, lat]) => Math.abs(lon - lon0) < 1e-6 && Math.abs(lat - lat0) < 1e-6), `${x},${y}`).toBe(true);
    }
  });

  it('drops a parcel wholly outside the buffer and a sub-pixel one', () => {
    const far: Polygon = { type: 'Polygon', coordinates: [ringAt([[5000, 5000], [5400, 5000], [5400, 5400], [5000, 5400]])] };
    const tiny: Polygon = { type: 'Polygon', coordinates: [ringAt([[100, 100], [104, 100], [104, 104], [100, 104]])] };
    expect(polygonsInTile(far, projector, opts)).toEqual([]);
    expect(polygonsInTile(tiny, projector, opts)).toEqual([]);
  });

  it('encodes multipolygons and points, and shares repeated values', () => {
    const geometry = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [ringAt([[100, 100], [600, 100], [600, 600], [100, 600]])],
        [ringAt([[1000, 100], [1600, 100], [1600, 600], [1000, 600]])],
      ],
    };
    const layer = new LayerBuilder('parcels');
    layer.add({ type: GEOM_POLYGON, geometry: polygonCommands(polygonsInTile(geometry, projector, opts)), properties: { stage: '可供应' } });
    layer.add({ type: GEOM_POINT, geometry: pointCommands([[10, 20]]), properties: { stage: '可供应', count: 4 } });
    layer.add({ type: GEOM_POINT, geometry: pointCommands([[30, 40], [50, 60]]), properties: { stage: '终止' } });
    const bytes = encodeTile([layer, new LayerBuilder('empty')]);
    const vt = decode(bytes);
    expect(Object.keys(vt.layers)).toEqual(['parcels']);
    const l = vt.layers.parcels;
    expect(l.length).toBe(3);
    expect(classifyRings(l.feature(0).loadGeometry())).toHaveLength(2);
    expect(l.feature(1).type).toBe(1);
    expect(pts(l.feature(1).loadGeometry()[0])).toEqual([[10, 20]]);
    expect(l.feature(2).loadGeometry().map(pts)).toEqual([[[30, 40]], [[50, 60]]]);
    expect(l.feature(1).properties).toEqual({ stage: '可供应', count: 4 });
    // '可供应' is stored once in the value table.
    const text = new TextDecoder().decode(bytes);
    expect(text.split('可供应').length - 1).toBe(1);
  });

  it('writes an empty tile as zero bytes', () => {
    expect(encodeTile([new LayerBuilder('parcels')]).length).toBe(0);
  });
});
