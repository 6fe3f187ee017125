import { describe, expect, it } from 'vitest';
import { gkToLonLat, lonLatToGk } from '../../src/platform/geo/import';
import { independentGk } from '../fixtures/geo-import/independent-gk';
import { metresBetween } from '../fixtures/geo-import/parcels';

describe('Gauss-Krüger (CGCS2000 3° zones)', () => {
  const cases: [zone: number, lon: number, lat: number][] = [
    [37, 111, 28.55],
    [37, 112.35, 28.55],
    [37, 109.6, 29.1],
    [38, 114, 28.6],
    [38, 112.6, 28.4],
    [38, 115.45, 30.2],
    [36, 108.7, 26.5],
    [39, 117.2, 31.8],
  ];

  it.each(cases)('zone %i: (%f, %f) agrees with an independent Krüger series within 1 mm', (zone, lon, lat) => {
    const ours = lonLatToGk(zone, lon, lat);
    const reference = independentGk(zone, lon, lat);
    expect(Math.abs(ours.northing - reference.northing)).toBeLessThan(0.001);
    expect(Math.abs(ours.easting - reference.easting)).toBeLessThan(0.001);
  });

  it('puts the central meridian at easting 500 000 m and the equator at northing 0', () => {
    const origin = lonLatToGk(38, 114, 0);
    expect(origin.easting).toBeCloseTo(500000, 6);
    expect(origin.northing).toBeCloseTo(0, 6);
    expect(lonLatToGk(37, 111, 28.55).easting).toBeCloseTo(500000, 6);
    // East of the central meridian eastings grow, west of it they shrink.
    expect(lonLatToGk(37, 112.35, 28.55).easting).toBeGreaterThan(600000);
    expect(lonLatToGk(38, 112.6, 28.4).easting).toBeLessThan(400000);
  });

  it('adds and accepts the zone prefix', () => {
    const plain = lonLatToGk(38, 114.02, 28.6);
    const prefixed = lonLatToGk(38, 114.02, 28.6, { withPrefix: true });
    expect(prefixed.easting - plain.easting).toBeCloseTo(38_000_000, 6);
    expect(prefixed.northing).toBe(plain.northing);
    const [lon1, lat1] = gkToLonLat(38, plain.northing, plain.easting);
    const [lon2, lat2] = gkToLonLat(38, prefixed.northing, prefixed.easting);
    expect(metresBetween([lon1, lat1], [lon2, lat2])).toBeLessThan(1e-6);
    expect(() => gkToLonLat(37, prefixed.northing, prefixed.easting)).toThrow(RangeError);
  });

  it('round-trips lon/lat → GK → lon/lat within a micrometre across the zone', () => {
    let worst = 0;
    for (let dLon = -1.8; dLon <= 1.8; dLon += 0.3) {
      for (let lat = 18; lat <= 53; lat += 5) {
        const lon = 37 * 3 + dLon;
        const { northing, easting } = lonLatToGk(37, lon, lat);
        const back = gkToLonLat(37, northing, easting);
        worst = Math.max(worst, metresBetween([lon, lat], back));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('refuses zones outside CGCS2000 3° zones 25–45', () => {
    expect(() => lonLatToGk(19, 111, 28)).toThrow(RangeError);
    expect(() => gkToLonLat(46, 3000000, 500000)).toThrow(RangeError);
  });
});
