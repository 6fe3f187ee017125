import Decimal from 'decimal.js';

/** Decimal arithmetic for demo amounts (元, 2 decimals) and areas; never JS floats for money. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type TDec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** `area` m² × `rate` 元/m², rounded to the cent. */
export function amountFor(areaM2: string, rate: number): TDec {
  return new Dec(areaM2).mul(new Dec(rate.toFixed(4))).toDecimalPlaces(2);
}

/** Rounded to a multiple of `unit` 元 (e.g. 10 000 for prices quoted in 万元), at least one unit. */
export function roundTo(value: TDec, unit: number): TDec {
  const units = value.div(unit).toDecimalPlaces(0);
  return (units.lt(1) ? new Dec(1) : units).mul(unit);
}

/**
 * Splits `total` by `weights` into cent amounts that add up to `total` exactly: every part but
 * the last is rounded down to the cent, the last takes the remainder. Falls back to equal parts
 * if a part would not be positive.
 */
export function splitExact(total: TDec, weights: readonly number[]): TDec[] {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.slice(0, -1).map((w) => total.mul(new Dec((w / sum).toFixed(12))).toDecimalPlaces(2, Dec.ROUND_DOWN));
  const rest = parts.reduce((s, p) => s.minus(p), total);
  const all = [...parts, rest];
  if (all.every((p) => p.gt(0))) return all;
  const even = total.div(n).toDecimalPlaces(2, Dec.ROUND_DOWN);
  return [...Array.from({ length: n - 1 }, () => even), total.minus(even.mul(n - 1))];
}

export const sumOf = (values: readonly TDec[]): TDec => values.reduce((s, v) => s.add(v), ZERO);
