import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  bboxOf,
  geodesicArea,
  isPolygonalGeometry,
  pointInPolygon,
  squareMetresToHectares,
  squareMetresToMu,
  type LinearRing,
  type MultiPolygon,
  type Polygon,
  type PolygonalGeometry,
  type Position,
} from '../../src/platform/geo/geometry';
import { DISTRICTS_SOURCE, loadDistrictFeatures } from '../../src/platform/geo/districts';

const GEOJSON_PATH = fileURLToPath(new URL('../../data-reference/yiyang-districts.geojson', import.meta.url));

function rect(minLon: number, minLat: number, maxLon: number, maxLat: number): LinearRing {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
}

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

// Ellipsoid written out here on purpose, not imported, so the test does not trust the module.
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;
/** Meridian radius of curvature M(φ) and prime-vertical radius N(φ). */
function radii(latDeg: number): { M: number; N: number } {
  const s = Math.sin(latDeg * RAD);
  const w = 1 - E2 * s * s;
  return { M: (A * (1 - E2)) / Math.pow(w, 1.5), N: A / Math.sqrt(w) };
}

/** A square of `side` metres centred on (lon, lat), from local metre offsets dφ = d/M, dλ = d/(N cosφ). */
function metreSquare(lon: number, lat: number, side: number): LinearRing {
  const { M, N } = radii(lat);
  const dLat = side / 2 / M / RAD;
  const dLon = side / 2 / (N * Math.cos(lat * RAD)) / RAD;
  return rect(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
}

describe('bboxOf', () => {
  it('spans every ring of a polygon', () => {
    expect(bboxOf({ type: 'Polygon', coordinates: [rect(112.1, 28.2, 112.5, 28.6), rect(112.2, 28.3, 112.3, 28.4)] })).toEqual({
      minLon: 112.1,
      minLat: 28.2,
      maxLon: 112.5,
      maxLat: 28.6,
    });
  });

  it('spans every part of a multipolygon', () => {
    const g: MultiPolygon = { type: 'MultiPolygon', coordinates: [[rect(111, 28, 111.5, 28.5)], [rect(112, 27.5, 112.2, 29.1)]] };
    expect(bboxOf(g)).toEqual({ minLon: 111, minLat: 27.5, maxLon: 112.2, maxLat: 29.1 });
  });

  it('refuses a geometry without coordinates', () => {
    expect(() => bboxOf({ type: 'MultiPolygon', coordinates: [] })).toThrow(RangeError);
  });
});

describe('pointInPolygon', () => {
  // 0..10 square with a 4..6 hole; second part 20..30 with a 22..28 hole holding no island.
  const withHole: Polygon = { type: 'Polygon', coordinates: [rect(0, 0, 10, 10), rect(4, 4, 6, 6)] };
  const multi: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [withHole.coordinates, [rect(20, 0, 30, 10), rect(22, 2, 28, 8)], [rect(24, 4, 26, 6)]],
  };

  it('finds points inside the outer ring and outside the hole', () => {
    expect(pointInPolygon(1, 1, withHole)).toBe(true);
    expect(pointInPolygon(9.9, 5, withHole)).toBe(true);
    expect(pointInPolygon(5, 3.9, withHole)).toBe(true);
  });

  it('excludes points in a hole and outside', () => {
    expect(pointInPolygon(5, 5, withHole)).toBe(false);
    expect(pointInPolygon(4.1, 5.9, withHole)).toBe(false);
    expect(pointInPolygon(-0.1, 5, withHole)).toBe(false);
    expect(pointInPolygon(5, 10.1, withHole)).toBe(false);
    expect(pointInPolygon(15, 5, withHole)).toBe(false);
  });

  it('checks every part of a multipolygon, and an island inside another part’s hole', () => {
    expect(pointInPolygon(1, 1, multi)).toBe(true);
    expect(pointInPolygon(5, 5, multi)).toBe(false);
    expect(pointInPolygon(21, 1, multi)).toBe(true);
    expect(pointInPolygon(23, 5, multi)).toBe(false); // hole of part 2
    expect(pointInPolygon(25, 5, multi)).toBe(true); // island (part 3) inside that hole
    expect(pointInPolygon(15, 5, multi)).toBe(false); // between parts
  });

  it('handles a concave ring and an unclosed ring', () => {
    // U shape opening upwards: the notch 4..6 × 3..10 is outside.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [6, 10],
          [6, 3],
          [4, 3],
          [4, 10],
          [0, 10],
        ],
      ],
    };
    expect(pointInPolygon(5, 5, u)).toBe(false);
    expect(pointInPolygon(5, 2, u)).toBe(true);
    expect(pointInPolygon(2, 9, u)).toBe(true);
    expect(pointInPolygon(8, 9, u)).toBe(true);
  });

  it('answers false for non-finite coordinates', () => {
    expect(pointInPolygon(Number.NaN, 1, withHole)).toBe(false);
    expect(pointInPolygon(1, Number.POSITIVE_INFINITY, withHole)).toBe(false);
  });
});

describe('isPolygonalGeometry', () => {
  it('accepts polygons and multipolygons, rejects anything else', () => {
    expect(isPolygonalGeometry({ type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] })).toBe(true);
    expect(isPolygonalGeometry({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)]] })).toBe(true);
    expect(isPolygonalGeometry({ type: 'Point', coordinates: [1, 2] })).toBe(false);
    expect(isPolygonalGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] })).toBe(false);
    expect(isPolygonalGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, '1'], [1, 0]]] })).toBe(false);
    expect(isPolygonalGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 91], [1, 0]]] })).toBe(false);
    expect(isPolygonalGeometry(null)).toBe(false);
    expect(isPolygonalGeometry('{"type":"Polygon"}')).toBe(false);
  });
});

describe('geodesicArea', () => {
  it('matches the ellipsoidal area of a 0.01° × 0.01° quadrangle at 28.5°N', () => {
    /*
     * Reference: the quadrangle 112.30–112.31°E × 28.50–28.51°N bounded by meridians and
     * parallels has area  Δλ · ∫ M(φ)·N(φ)·cosφ dφ  over φ = 28.50°…28.51°, with
     * M = a(1−e²)/(1−e²sin²φ)^{3/2}, N = a/(1−e²sin²φ)^{1/2}, CGCS2000 a = 6378137,
     * f = 1/298.257222101. Integrated numerically at 40 significant digits (mpmath.quad):
     *   1 084 997.059 948 7 m².
     * GeographicLib's PolygonArea for the same four corners joined by geodesics gives
     * 1 084 997.060 8 m² (top and bottom geodesics bow poleward almost equally).
     * A sphere of the authalic radius (6371007.2 m) gives 1 086 547.8 m², 0.14 % too large,
     * so the tolerance below fails a spherical method.
     */
    const reference = 1_084_997.0599487;
    const area = geodesicArea({ type: 'Polygon', coordinates: [rect(112.3, 28.5, 112.31, 28.51)] });
    expect(relErr(area, reference)).toBeLessThan(1e-6);

    // Same figure computed here by the midpoint rule M·N·cosφ·Δφ·Δλ (error ~1e-9 at this size).
    const { M, N } = radii(28.505);
    const midpoint = M * N * Math.cos(28.505 * RAD) * (0.01 * RAD) * (0.01 * RAD);
    expect(relErr(area, midpoint)).toBeLessThan(1e-6);
  });

  it('measures squares of 10 m, 1 km and 10 km built from metre offsets', () => {
    for (const side of [10, 1000, 10_000]) {
      const area = geodesicArea({ type: 'Polygon', coordinates: [metreSquare(112.35, 28.5, side)] });
      expect(relErr(area, side * side)).toBeLessThan(1e-4);
    }
    const atThirty = geodesicArea({ type: 'Polygon', coordinates: [metreSquare(111.5, 29.9, 1000)] });
    expect(relErr(atThirty, 1e6)).toBeLessThan(1e-4);
  });

  it('does not depend on ring orientation or closure', () => {
    const ring = metreSquare(112.35, 28.5, 1000);
    const reversed: LinearRing = [...ring].reverse();
    const open: LinearRing = ring.slice(0, -1);
    const area = geodesicArea({ type: 'Polygon', coordinates: [ring] });
    expect(geodesicArea({ type: 'Polygon', coordinates: [reversed] })).toBeCloseTo(area, 6);
    expect(geodesicArea({ type: 'Polygon', coordinates: [open] })).toBeCloseTo(area, 6);
  });

  it('subtracts holes and adds parts', () => {
    const outer = metreSquare(112.35, 28.5, 1000);
    const hole = metreSquare(112.35, 28.5, 500);
    const withHole = geodesicArea({ type: 'Polygon', coordinates: [outer, hole] });
    expect(relErr(withHole, 750_000)).toBeLessThan(1e-4);
    expect(withHole).toBeCloseTo(
      geodesicArea({ type: 'Polygon', coordinates: [outer] }) - geodesicArea({ type: 'Polygon', coordinates: [hole] }),
      6,
    );
    const twoParts = geodesicArea({
      type: 'MultiPolygon',
      coordinates: [[outer, hole], [metreSquare(112.4, 28.6, 200)]],
    });
    expect(relErr(twoParts, 750_000 + 40_000)).toBeLessThan(1e-4);
  });
});

describe('unit conversions', () => {
  it('converts m² to 亩 (1 亩 = 10000/15 m²) and 公顷', () => {
    expect(squareMetresToMu(10_000 / 15)).toBeCloseTo(1, 12);
    expect(squareMetresToMu(10_000)).toBeCloseTo(15, 12);
    expect(squareMetresToMu(0)).toBe(0);
    expect(squareMetresToHectares(10_000)).toBe(1);
    expect(squareMetresToHectares(1_271_586_000)).toBeCloseTo(127_158.6, 6);
  });
});

describe('益阳 districts (data-reference/yiyang-districts.geojson)', () => {
  interface Feature {
    properties: { adcode: number; name: string; center: Position };
    geometry: PolygonalGeometry;
  }
  const features = (JSON.parse(readFileSync(GEOJSON_PATH, 'utf8')) as { features: Feature[] }).features;

  it('has the six county-level districts', () => {
    expect(features.map((f) => f.properties.adcode).sort()).toEqual([430902, 430903, 430921, 430922, 430923, 430981]);
    for (const f of features) expect(isPolygonalGeometry(f.geometry)).toBe(true);
  });

  it('puts each district’s center inside its own polygon and no other', () => {
    for (const f of features) {
      const [lon, lat] = f.properties.center;
      const containing = features.filter((other) => pointInPolygon(lon, lat, other.geometry)).map((o) => o.properties.name);
      expect(containing, f.properties.name).toEqual([f.properties.name]);
    }
  });

  it('gives 赫山区 its real area (~1,271.6 km²)', () => {
    const heshan = features.find((f) => f.properties.name === '赫山区');
    expect(heshan).toBeDefined();
    const km2 = geodesicArea(heshan!.geometry) / 1e6;
    expect(km2).toBeGreaterThan(1000);
    expect(km2).toBeLessThan(2000);
    // GeographicLib PolygonArea on the same outline: 1271.586 km². A spherical method is ~1.8 km² off.
    expect(Math.abs(km2 - 1271.586)).toBeLessThan(0.5);
  });

  it('loads into insertable rows with string adcodes and computed bboxes', () => {
    const rows = loadDistrictFeatures(GEOJSON_PATH);
    expect(rows.map((r) => r.adcode)).toEqual(['430902', '430903', '430921', '430922', '430923', '430981']);
    for (const row of rows) {
      const f = features.find((x) => String(x.properties.adcode) === row.adcode)!;
      expect(row.name).toBe(f.properties.name);
      expect([row.centerLon, row.centerLat]).toEqual(f.properties.center.slice(0, 2));
      expect({ minLon: row.minLon, minLat: row.minLat, maxLon: row.maxLon, maxLat: row.maxLat }).toEqual(bboxOf(f.geometry));
      expect(row.source).toBe(DISTRICTS_SOURCE);
      expect(pointInPolygon(row.centerLon, row.centerLat, row.geometry)).toBe(true);
    }
  });
});
