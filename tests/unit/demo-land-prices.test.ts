import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commercialFloorPriceBand, commercialLandPrice, PLOT_RATIO_RANGE } from '../../src/modules/parcels/demo/catalog';

/** The real 2024 标定地价 of 益阳's central districts (益资规发〔2024〕21号), as copied into the project. */
function standardPrices() {
  const [header, ...lines] = readFileSync('data-reference/yiyang-standard-land-prices-2024.csv', 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines
    .map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])))
    .filter((r) => r.record_complete === 'true')
    .map((r) => ({ name: r.name, use: r.land_use, plotRatio: Number(r.plot_ratio), land: Number(r.land_price_yuan_per_m2), floor: Number(r.floor_price_yuan_per_m2) }));
}

describe('demo 商服 land prices follow the 2024 标定地价 (data-reference)', () => {
  const rows = standardPrices();

  it('reads the six complete 商服 rows', () => {
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.use === '商服用地')).toBe(true);
  });

  it.each(rows.map((r) => [r.name, r] as const))('%s: its floor price lies in the demo band at its plot ratio, and its land price in the land-price band', (_name, r) => {
    const [lo, hi] = commercialFloorPriceBand(r.plotRatio);
    expect(r.floor).toBeGreaterThanOrEqual(lo);
    expect(r.floor).toBeLessThanOrEqual(hi);
    expect(r.land).toBeGreaterThanOrEqual(commercialLandPrice(r.plotRatio, false, 0, 0) - 1);
    expect(r.land).toBeLessThanOrEqual(commercialLandPrice(r.plotRatio, false, 1, 0) + 1);
  });

  it('draws plot ratios over the table’s range, and county prices below the city’s', () => {
    const [min, max] = PLOT_RATIO_RANGE['商服用地']!;
    expect(min).toBeLessThanOrEqual(Math.min(...rows.map((r) => r.plotRatio)));
    expect(max).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => r.plotRatio)));
    expect(commercialLandPrice(3, true, 1, 1)).toBeLessThan(commercialLandPrice(3, false, 0.5, 0));
  });
});
