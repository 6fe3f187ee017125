import { describe, expect, it } from 'vitest';
import { PbfReader } from 'pbf';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { TileProjector, tileAt, type TileCoord } from '../../src/platform/geo/mvt';
import { labelPoint, poleOfInaccessibility } from '../../src/platform/geo/mvt/label-point';
import { pointInPolygon, type LinearRing, type PolygonalGeometry } from '../../src/platform/geo/geometry';
import { buildPolygonTile, type TileParcel } from '../../src/modules/map/tiles/build';
import { TILE_LAYER } from '../../src/modules/map/tiles/contract';
import { buildMapStyle, LABEL_MIN_ZOOM, LAYERS } from '../../src/modules/map/style';
import { EMPTY_FILTERS } from '../../src/modules/map/validation';

/*
 * Each parcel is labelled once: the label layer of the map's style, applied to the decoded tiles
 * that cover a parcel, finds one feature for it, however many tiles the parcel crosses.
 */

const style = buildMapStyle({ origin: 'http://localhost', filters: EMPTY_FILTERS });
const labelLayer = style.layers.find((l) => l.id === LAYERS.parcelLabel) as { filter: FilterSpecification; minzoom?: number };

interface Anchor {
  properties: Record<string, unknown>;
  /** tile units */
  x: number;
  y: number;
}

/** Twice the signed area of a decoded ring. */
const ringArea2 = (ring: { x: number; y: number }[]) => ring.reduce((a, p, i) => a + (ring[(i + ring.length - 1) % ring.length].x * p.y - p.x * ring[(i + ring.length - 1) % ring.length].y), 0);

/**
 * The labels the label layer places in a tile at zoom z (filters evaluated by maplibre's own
 * code): one per point of a point feature, one per part (outer ring) of a polygon feature, as
 * maplibre's symbol layout does (a polygon's anchor stands at its first vertex here).
 */
function labelAnchors(bytes: Uint8Array, z: number): Anchor[] {
  if (z < (labelLayer.minzoom ?? 0) || bytes.length === 0) return [];
  const layer = new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER];
  const filter = featureFilter(labelLayer.filter, `layers[${style.layers.indexOf(labelLayer as never)}].filter`);
  const out: Anchor[] = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const f: VectorTileFeature = layer.feature(i);
    if (!filter.filter({ zoom: z }, f as never)) continue;
    const rings = f.loadGeometry();
    if (f.type === 1) for (const [p] of rings) out.push({ properties: f.properties, x: p.x, y: p.y });
    else if (f.type === 3) {
      const sign = Math.sign(ringArea2(rings[0]));
      for (const ring of rings) if (Math.sign(ringArea2(ring)) === sign) out.push({ properties: f.properties, x: ring[0].x, y: ring[0].y });
    }
  }
  return out;
}

/** Every tile of zoom z the geometry's bbox touches. */
function tilesOver(geometry: PolygonalGeometry, z: number): TileCoord[] {
  const coords = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
  const lons = coords.map((c) => c[0]);
  const lats = coords.map((c) => c[1]);
  const a = tileAt(Math.min(...lons), Math.max(...lats), z);
  const b = tileAt(Math.max(...lons), Math.min(...lats), z);
  const out: TileCoord[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

function parcel(id: string, geometry: PolygonalGeometry): TileParcel {
  return { id, code: `430903-2026-${id}`, name: `${id}号地块`, stage: '已入库', warn: '', areaM2: 20_000, project: 'P', geometry };
}

/** A square of `half` degrees around the north-west corner of tile t (so it straddles four tiles). */
function squareOnCorner(t: TileCoord, half: number): PolygonalGeometry {
  const [lon, lat] = new TileProjector(t, 4096).lonLat(0, 0);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  };
}


describe('parcel labels', () => {
  const corner = tileAt(112.35, 28.55, 16);

  it('labels a parcel that crosses four tiles once, at a point inside it, at every labelled zoom', () => {
    const geometry = squareOnCorner(corner, 0.0015);
    for (const z of [LABEL_MIN_ZOOM, 16]) {
      const tiles = tilesOver(geometry, z);
      if (z === 16) expect(tiles).toHaveLength(4);
      const found = tiles.flatMap((t) => labelAnchors(buildPolygonTile([parcel('0001', geometry)], t), z).map((a) => ({ a, t })));
      expect(found, `zoom ${z}`).toHaveLength(1);
      const { a, t } = found[0];
      expect(a.properties).toEqual({ id: '0001', code: '430903-2026-0001', name: '0001号地块' });
      const [lon, lat] = new TileProjector(t, 4096).lonLat(a.x, a.y);
      expect(pointInPolygon(lon, lat, geometry)).toBe(true);
    }
  });

  it('labels a parcel of two parts once, in its larger part', () => {
    const [lon, lat] = new TileProjector(corner, 4096).lonLat(2048, 2048);
    const square = (x: number, half: number): LinearRing[] => [
      [
        [x - half, lat - half],
        [x + half, lat - half],
        [x + half, lat + half],
        [x - half, lat + half],
        [x - half, lat - half],
      ],
    ];
    const geometry: PolygonalGeometry = { type: 'MultiPolygon', coordinates: [square(lon - 0.0008, 0.0002), square(lon + 0.0006, 0.0004)] };
    const found = labelAnchors(buildPolygonTile([parcel('0002', geometry)], corner), 16);
    expect(found).toHaveLength(1);
    const [plon] = new TileProjector(corner, 4096).lonLat(found[0].x, found[0].y);
    expect(plon).toBeGreaterThan(lon + 0.0002);
  });

  it('puts no label points into tiles below the label zoom', () => {
    const geometry = squareOnCorner(corner, 0.0015);
    const t = tileAt(112.35, 28.55, LABEL_MIN_ZOOM - 1);
    const layer = new VectorTile(new PbfReader(buildPolygonTile([parcel('0003', geometry)], t))).layers[TILE_LAYER];
    const types = Array.from({ length: layer.length }, (_, i) => layer.feature(i).type);
    expect(types).toEqual([3]);
  });
});

describe('pole of inaccessibility', () => {
  it('is the centre of a square and avoids the hole of a ring', () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    const [x, y] = poleOfInaccessibility([square], 0.5);
    expect(x).toBeCloseTo(50, 0);
    expect(y).toBeCloseTo(50, 0);
    // An L shape: the point is inside the L, not at the bbox centre (which is outside).
    const l = [0, 0, 100, 0, 100, 30, 30, 30, 30, 100, 0, 100];
    const [lx, ly] = poleOfInaccessibility([l], 0.5);
    expect(lx < 30 || ly < 30).toBe(true);
    // A square with a hole in the middle: the point is in the frame.
    const hole = [30, 30, 30, 70, 70, 70, 70, 30];
    const [hx, hy] = poleOfInaccessibility([square, hole], 0.5);
    expect(hx < 30 || hx > 70 || hy < 30 || hy > 70).toBe(true);
  });

  it('takes the largest part and gives up on empty input', () => {
    const small = [[0, 0, 10, 0, 10, 10, 0, 10]];
    const large = [[100, 100, 200, 100, 200, 200, 100, 200]];
    expect(labelPoint([small, large], 1)![0]).toBeGreaterThan(100);
    expect(labelPoint([], 1)).toBeNull();
  });
});
