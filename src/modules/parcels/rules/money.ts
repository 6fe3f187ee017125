import Decimal from 'decimal.js';

/** Private constructor: enough precision for numeric(18,2) quotients, half-up rounding, no global config. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type TMoney = InstanceType<typeof Money>;

const MONEY_TEXT = /^\d{1,16}(\.\d{1,2})?$/;

export type TMoneyParse =
  | { ok: true; value: TMoney }
  | { ok: false; reason: 'missing' | 'negative' | 'invalid' };

/**
 * An amount in 元 as stored in numeric(18,2): digits with at most 2 decimals, not negative.
 * Blank (or null) is 'missing'; '-5' is 'negative'; '1e3', '1.234', 'abc' are 'invalid'.
 */
export function parseMoney(value: string | null | undefined): TMoneyParse {
  const text = (value ?? '').trim();
  if (text === '') return { ok: false, reason: 'missing' };
  if (MONEY_TEXT.test(text)) return { ok: true, value: new Money(text) };
  if (/^-\d+(\.\d+)?$/.test(text) && !new Money(text).isZero()) return { ok: false, reason: 'negative' };
  return { ok: false, reason: 'invalid' };
}

/**
 * Premium rate (溢价率) = (deal − start) ÷ start, as a percentage with 2 decimals ('12.50', '-4.00').
 * null when either price is missing or not a valid amount, or the starting price is zero.
 */
export function premiumRate(startingPrice: string | null, dealPrice: string | null): string | null {
  const start = parseMoney(startingPrice);
  const deal = parseMoney(dealPrice);
  if (!start.ok || !deal.ok || start.value.isZero()) return null;
  // Round first, then format: toFixed on an unrounded tiny negative (−0.000001) would print '-0.00'.
  return deal.value.minus(start.value).dividedBy(start.value).times(100).toDecimalPlaces(2, Money.ROUND_HALF_UP).toFixed(2);
}
