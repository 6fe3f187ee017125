import Decimal from 'decimal.js';
import { z } from 'zod';
import { groupThousands } from '@/ui/format';

export { groupThousands };

/**
 * Money and area: decimal strings end to end (never JS floats). Money is entered in 万元 and
 * stored in 元 (numeric(18,2)); areas are stored in m² (numeric(14,2)) and shown also in 亩 and
 * 公顷. Client-safe (no database code), shared by the plans and projects modules.
 */

/** Enough significant digits that sums of numeric(18,2) values never round. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type TDec = InstanceType<typeof Dec>;

const TEN_THOUSAND = 10_000;
/** 1 亩 = 10000/15 m², so m² × 15 / 10000 = 亩. */
const MU_PER_M2 = new Dec(15).div(TEN_THOUSAND);

export function dec(value: string | number | null | undefined): TDec {
  if (value === null || value === undefined || value === '') return new Dec(0);
  return new Dec(value);
}

/** 万元 (at most 2 decimals) → 元, exact. */
export function wanToYuan(wan: string): string {
  return dec(wan).mul(TEN_THOUSAND).toFixed(2);
}

/** 元 → 万元 without rounding, trailing zeros dropped (for form prefill). */
export function yuanToWan(yuan: string | null | undefined): string {
  const v = dec(yuan).div(TEN_THOUSAND);
  return v.isZero() ? '0' : v.toFixed();
}

/** 元 shown in 万元 with 2 decimals and separators: "1,234.57". */
export function formatWan(yuan: string | null | undefined): string {
  return groupThousands(dec(yuan).div(TEN_THOUSAND).toFixed(2));
}

/** 元 with 2 decimals and separators. */
export function formatYuan(yuan: string | null | undefined): string {
  return groupThousands(dec(yuan).toFixed(2));
}

export function m2ToMu(m2: string | null | undefined): TDec {
  return dec(m2).mul(MU_PER_M2);
}

export function m2ToHectares(m2: string | null | undefined): TDec {
  return dec(m2).div(TEN_THOUSAND);
}

export function formatM2(m2: string | null | undefined): string {
  return groupThousands(dec(m2).toFixed(2));
}

export function formatMu(m2: string | null | undefined): string {
  return groupThousands(m2ToMu(m2).toFixed(2));
}

export function formatHectares(m2: string | null | undefined): string {
  return groupThousands(m2ToHectares(m2).toFixed(4));
}

/** "12,000.00 m²（18.00 亩 / 1.2000 公顷）" */
export function describeArea(m2: string | null | undefined): string {
  return `${formatM2(m2)} m²（${formatMu(m2)} 亩 / ${formatHectares(m2)} 公顷）`;
}

const NUMBER_PATTERN = /^-?\d+(\.\d+)?$/;

/** Why a decimal input is refused, or null when it is fine. */
export function decimalProblem(raw: string, label: string, opts: { unit: string; max: string; decimals?: number }): string | null {
  const decimals = opts.decimals ?? 2;
  if (!NUMBER_PATTERN.test(raw)) return `${label}须为数字（单位：${opts.unit}）`;
  if (raw.startsWith('-') && !dec(raw).isZero()) return `${label}不能为负数`;
  const frac = raw.split('.')[1] ?? '';
  if (frac.length > decimals) return `${label}最多保留 ${decimals} 位小数`;
  if (dec(raw).gt(opts.max)) return `${label}不能超过 ${groupThousands(opts.max)} ${opts.unit}`;
  return null;
}

function rawString(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  return '';
}

/**
 * A non-negative decimal entered as text (or number). Empty input becomes "0" when optional.
 * Output: the canonical decimal string, with `decimals` places.
 */
function zDecimal(label: string, opts: { unit: string; max: string; decimals?: number; optional?: boolean }) {
  return z
    .union([z.string(), z.number(), z.null()], { error: `${label}须为数字（单位：${opts.unit}）` })
    .optional()
    .transform((value, ctx) => {
      const raw = rawString(value);
      if (raw === '') {
        if (opts.optional) return '0';
        ctx.addIssue({ code: 'custom', message: `请填写${label}` });
        return z.NEVER;
      }
      const problem = decimalProblem(raw, label, opts);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return dec(raw).abs().toFixed(opts.decimals ?? 2);
    });
}

/** Largest amount accepted, in 万元: keeps 元 well inside numeric(18,2). */
export const MAX_WAN = '99999999.99';
/** Largest area accepted, in m² (numeric(14,2); 益阳 itself is about 1.2 × 10¹⁰ m²). */
export const MAX_AREA_M2 = '99999999999.99';

/** Money entered in 万元 (≤ 2 decimals, ≥ 0) → stored 元 string, exact. */
export function zWanToYuan(label: string, opts: { optional?: boolean } = {}) {
  return zDecimal(label, { unit: '万元', max: MAX_WAN, optional: opts.optional }).transform((wan) => wanToYuan(wan));
}

/** Area in m² (≤ 2 decimals, ≥ 0). */
export function zAreaM2(label: string, opts: { optional?: boolean } = {}) {
  return zDecimal(label, { unit: '平方米', max: MAX_AREA_M2, optional: opts.optional });
}

/** A count (宗数): whole number 0..max. */
export function zCount(label: string, max = 100_000) {
  return z
    .union([z.string(), z.number(), z.null()], { error: `${label}须为整数` })
    .optional()
    .transform((value, ctx) => {
      const raw = rawString(value);
      if (raw === '') return 0;
      if (!/^-?\d+$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `${label}须为整数` });
        return z.NEVER;
      }
      const n = Number(raw);
      if (n < 0) {
        ctx.addIssue({ code: 'custom', message: `${label}不能为负数` });
        return z.NEVER;
      }
      if (n > max) {
        ctx.addIssue({ code: 'custom', message: `${label}不能超过 ${max}` });
        return z.NEVER;
      }
      return n;
    });
}
