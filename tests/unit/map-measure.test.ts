import { describe, expect, it } from 'vitest';
import { distanceMetres, measureText, pathLength } from '../../src/modules/map/components/measure';
import { squareMetresToMu } from '../../src/platform/geo/geometry';

describe('the measuring tool', () => {
  it('measures one degree of latitude as about 111.2 km and a path as the sum of its legs', () => {
    expect(distanceMetres([112.3, 28.0], [112.3, 29.0])).toBeCloseTo(111195, -1);
    // 0.01° of longitude at 28.5°N ≈ 977 m.
    const leg = distanceMetres([112.35, 28.5], [112.36, 28.5]);
    expect(leg).toBeGreaterThan(970);
    expect(leg).toBeLessThan(985);
    expect(pathLength([[112.35, 28.5], [112.36, 28.5], [112.37, 28.5]])).toBeCloseTo(2 * leg, 6);
    expect(pathLength([[112.35, 28.5]])).toBe(0);
  });

  it('writes distances and areas as a clerk reads them', () => {
    expect(measureText.distance(850.26)).toBe('850.3 米');
    expect(measureText.distance(12345)).toBe('12.35 公里');
    expect(measureText.area(6666.67, squareMetresToMu)).toBe('6,667 ㎡（10.00 亩）');
    expect(measureText.area(2_000_000, squareMetresToMu)).toBe('200.00 公顷（3,000 亩）');
  });
});
