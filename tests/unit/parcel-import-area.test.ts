import { describe, expect, it } from 'vitest';
import { compareStatedArea } from '../../src/modules/parcels/import/area-check';
import { importAreaTexts } from '../../src/modules/parcels/import/view';
import { groupThousandsSigned } from '../../src/ui/format';

describe('stated against computed area', () => {
  it.each([
    // stated, computed, threshold %, diff m², diff %, warns
    ['12000.00', '12000.00', 0.5, '0.00', '0.00', false],
    ['12000.00', '12060.00', 0.5, '60.00', '0.50', false], // exactly at the threshold: no warning
    ['12000.00', '12060.60', 0.5, '60.60', '0.51', true],
    ['12000.00', '11939.40', 0.5, '-60.60', '-0.51', true],
    ['42082.00', '42099.87', 0.5, '17.87', '0.04', false], // GK plane vs ellipsoid in zone 37
    ['42082.00', '42099.87', 0.01, '17.87', '0.04', true],
    ['1000000.00', '1100000.00', 50, '100000.00', '10.00', false],
  ] as const)('stated %s, computed %s, threshold %s%%', (stated, computed, threshold, diffM2, diffPercent, warns) => {
    const r = compareStatedArea(stated, computed, threshold);
    expect(r.diffM2).toBe(diffM2);
    expect(r.diffPercent).toBe(diffPercent);
    expect(r.warning !== null).toBe(warns);
  });

  it('compares the rounded percentage it shows, so the warning never contradicts the figure', () => {
    // 0.504 % rounds to 0.50 %: not above 0.5 %.
    expect(compareStatedArea('100000.00', '100504.00', 0.5).warning).toBeNull();
  });

  it('says in Chinese what differs, by how much and against which threshold', () => {
    expect(compareStatedArea('12000.00', '13234.56', 0.5).warning).toBe(
      '计算面积与申报面积相差 +10.29%（+1,234.56 m²），超过预警值 0.5%，请核对坐标或申报面积',
    );
  });

  it('warns, without a percentage, when the stated area is 0', () => {
    expect(compareStatedArea('0.00', '500.00', 0.5)).toEqual({
      diffM2: '500.00',
      diffPercent: null,
      warning: '文件申报面积为 0，无法与计算面积比较，请核对申报面积',
    });
  });
});

describe('import preview area texts', () => {
  it('shows m² with thousands separators and 亩 with 2 decimals, and the signed difference', () => {
    expect(importAreaTexts({ areaM2: '1234567.89', statedAreaM2: '1230000.00', areaDiffM2: '4567.89', areaDiffPercent: '0.37' })).toEqual({
      computedMu: '1,851.85 亩',
      computedM2: '1,234,567.89 m²',
      statedMu: '1,845.00 亩',
      statedM2: '1,230,000.00 m²',
      diffM2: '+4,567.89 m²',
      diffPercent: '+0.37%',
    });
  });

  it('shows 「未申报」 for formats that state no area', () => {
    expect(importAreaTexts({ areaM2: '12345.67', statedAreaM2: null, areaDiffM2: null, areaDiffPercent: null })).toEqual({
      computedMu: '18.52 亩',
      computedM2: '12,345.67 m²',
      statedMu: '未申报',
      statedM2: '',
      diffM2: '',
      diffPercent: '',
    });
  });

  it.each([
    ['-1234.5', '-1,234.5'],
    ['0.00', '0.00'],
    ['-0.00', '0.00'],
    ['12', '+12'],
  ])('signed grouping of %s', (plain, shown) => {
    expect(groupThousandsSigned(plain)).toBe(shown);
  });
});
