import { z } from 'zod';
import { dec, Dec, groupThousands, type TDec } from '@/modules/plans/amounts';

/**
 * Money in the funds module: decimal strings in 元 with 2 decimals ("1234.50") end to end,
 * computed with decimal.js (`Dec`, precision 40, half-up) — never JavaScript floats. Client-safe.
 */

/** Largest magnitude numeric(18,2) can hold. */
export const MAX_AMOUNT = '9999999999999999.99';

/** Expense and budget categories (预算与支出科目). */
export const LEDGER_CATEGORIES = ['征收补偿', '前期开发', '管护', '融资成本', '其他'] as const;
export type TLedgerCategory = (typeof LEDGER_CATEGORIES)[number];

/**
 * The four channels of reserve funds of F18 (财综〔2018〕8号), in its order: land-sale income
 * arranged by 财政 for reserve costs, the 国有土地收益基金, local government (special) bond
 * proceeds, and other fiscal funds approved by 财政. Accounts are kept per channel. The same rows
 * are the fund_sources dictionary (migrations 0003 and 0009).
 */
export const FUND_SOURCES = [
  { code: 'land_income', name: '土地出让收入安排', note: '财政部门从已供应储备土地产生的土地出让收入中安排给土地储备机构的征地拆迁补偿、土地开发等费用' },
  { code: 'land_fund', name: '国有土地收益基金', note: '财政部门从国有土地收益基金中安排用于土地储备的资金' },
  { code: 'bond', name: '专项债券资金', note: '发行地方政府债券（土地储备专项债券）筹集的土地储备资金' },
  { code: 'other_fiscal', name: '其他财政资金', note: '经财政部门批准可用于土地储备的其他财政资金' },
] as const;
export type TFundSourceCode = (typeof FUND_SOURCES)[number]['code'];

/**
 * 零星收入: rent from temporary use, salvage and the like. F18: paid into the treasury (收支两条线),
 * not reserve money — recorded in the ledger, never counted in any balance a project can spend.
 */
export const TREASURY_INCOME = '零星收入';
export const TREASURY_INCOME_NOTE = '储备土地临时利用租金、残值变卖等零星收入，缴入国库，实行收支两条线管理，不属于土地储备资金，不计入项目可用资金';

/** Income categories (收入科目): one per F18 channel, named as the channel, then 零星收入. */
export const INCOME_CATEGORIES = ['土地出让收入安排', '国有土地收益基金', '专项债券资金', '其他财政资金', TREASURY_INCOME] as const;
export type TIncomeCategory = (typeof INCOME_CATEGORIES)[number];

/**
 * The income that is the project's own (财预〔2019〕89号 收支平衡): land-sale income arranged
 * back to it and bond proceeds. Other fiscal funds and the 国有土地收益基金 can bridge a gap in a
 * year; they do not make the project balance.
 */
export const OWN_INCOME_CATEGORIES = ['土地出让收入安排', '专项债券资金'] as const satisfies readonly TIncomeCategory[];

/** The channel an income category belongs to; null for 零星收入 (and anything unknown). */
export function sourceOfIncomeCategory(category: string): TFundSourceCode | null {
  return FUND_SOURCES.find((s) => s.name === category)?.code ?? null;
}

/** The name of a source code, or the code itself for one no longer in the dictionary. */
export function fundSourceName(code: string): string {
  return FUND_SOURCES.find((s) => s.code === code)?.name ?? code;
}

export interface AmountOptions {
  /** Accept amounts below zero (reversals, adjustments). Default false. */
  allowNegative?: boolean;
  /** Accept 0. Default false. */
  allowZero?: boolean;
  /** Upper bound in 元 (inclusive), on top of the numeric(18,2) limit. */
  max?: string;
}

export type TAmountParse = { ok: true; value: string } | { ok: false; message: string };

/** Optional minus, digits (plain or grouped by commas in threes), optional fraction. */
const AMOUNT_TEXT = /^(-)?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Parse an amount in 元 typed by a user (or sent as a number). Accepts '1,234.5', ' 12 ',
 * '-3.10' (when allowNegative). Trailing zeros beyond the fen are harmless ('1.230' is 1.23);
 * anything finer than a fen is refused. The value is normalised to 2 decimals.
 */
export function parseAmount(raw: string | number | null | undefined, opts: AmountOptions & { label: string }): TAmountParse {
  const { label } = opts;
  let text: string;
  if (raw === null || raw === undefined) text = '';
  else if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: `${label}应为数字金额` };
    text = String(raw);
  } else text = raw.trim();
  if (text === '') return { ok: false, message: `请填写${label}` };

  const m = AMOUNT_TEXT.exec(text);
  if (!m) return { ok: false, message: `${label}应为数字金额` };
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return { ok: false, message: `${label}最多两位小数（分）` };

  const value = new Dec(`${m[1] ?? ''}${m[2].replace(/,/g, '')}.${fraction || '0'}`);
  if (value.isNegative() && !value.isZero() && !opts.allowNegative) return { ok: false, message: `${label}不能为负数` };
  if (value.isZero() && !opts.allowZero) return { ok: false, message: `${label}必须大于 0` };
  if (value.abs().gt(MAX_AMOUNT) || (opts.max !== undefined && value.gt(opts.max))) {
    return { ok: false, message: `${label}超出允许范围` };
  }
  // 0 is printed without a sign ('-0.00' would otherwise appear for '-0').
  return { ok: true, value: toAmount(value) };
}

const amountInput = (label: string) => z.union([z.string(), z.number(), z.null()], { error: `${label}应为数字金额` }).optional();

/** zod schema for a required amount: string | number in, normalised "1234.50" out. */
export function zAmount(label: string, opts: AmountOptions = {}) {
  return amountInput(label).transform((value, ctx) => {
    const parsed = parseAmount(value, { ...opts, label });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** Like zAmount, but blank ('' / null / undefined / spaces) gives null. */
export function zOptionalAmount(label: string, opts: AmountOptions = {}) {
  return amountInput(label).transform((value, ctx): string | null => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
    const parsed = parseAmount(value, { ...opts, label });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** 2 decimals, half-up, never "-0.00". */
export function toAmount(value: TDec): string {
  const rounded = value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return rounded.isZero() ? '0.00' : rounded.toFixed(2);
}

/** Exact sum of amounts (2 decimals). Empty list → "0.00". */
export function sumAmounts(values: readonly string[]): string {
  let total = new Dec(0);
  for (const v of values) total = total.plus(dec(v));
  return toAmount(total);
}

/** a − b, 2 decimals. */
export function subtractAmounts(a: string, b: string): string {
  return toAmount(dec(a).minus(dec(b)));
}

/** −a, 2 decimals (the amount of a reversing entry). */
export function negateAmount(a: string): string {
  return toAmount(dec(a).neg());
}

export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  return dec(a).cmp(dec(b)) as -1 | 0 | 1;
}

/** True when strictly below zero ('-0.00' is not negative). */
export function isNegative(a: string): boolean {
  return dec(a).lt(0);
}

/**
 * An amount with its unit, as a message reads it: from 1 万元 up in 万元 with the 2 decimals the
 * unit shows, below that in 元 ("12,000.00 万元", "0.01 元"). Where rounding to 0.01 万元 would
 * change the figure, the exact 元 follow in brackets ("12,000.00 万元（119,999,999.99 元）"), so a
 * difference that matters is never hidden and never shown as "120.00005 万元".
 */
export function wanPhrase(yuan: string): string {
  const d = dec(yuan);
  if (d.abs().lt(10_000)) return `${groupThousands(d.toFixed(2))} 元`;
  const wan = d.div(10_000);
  const shown = wan.toDecimalPlaces(2);
  const text = `${groupThousands(shown.toFixed(2))} 万元`;
  return shown.eq(wan) ? text : `${text}（${groupThousands(d.toFixed(2))} 元）`;
}
