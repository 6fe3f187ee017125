import { z } from 'zod';
import { groupThousands, todayInShanghai } from '@/ui/format';
import { isIsoDate, Money, parseMoney } from '../rules';

/**
 * Form-field schemas and display helpers shared by the acquisition, development, custody and
 * supply pages of a parcel. Client-safe (no database code).
 */

/** An amount in 元: ≥ 0, at most 2 decimals, as a normalised decimal string ('1234.50'). Commas are allowed. */
export function zMoney(label: string) {
  return z
    .union([z.string(), z.number()], { error: `请填写${label}` })
    .transform((v, ctx) => {
      const text = String(v).trim().replace(/[,，\s]/g, '');
      const parsed = parseMoney(text);
      if (parsed.ok) return parsed.value.toFixed(2);
      ctx.addIssue({
        code: 'custom',
        message:
          parsed.reason === 'missing'
            ? `请填写${label}`
            : parsed.reason === 'negative'
              ? `${label}不能为负数`
              : /^\d+\.\d{3,}$/.test(text)
                ? `${label}最多保留两位小数（分）`
                : /^\d{17,}(\.\d*)?$/.test(text)
                  ? `${label}超出允许范围`
                  : `${label}应为以元为单位的数字，最多两位小数`,
      });
      return z.NEVER;
    });
}

/** A required calendar date YYYY-MM-DD; `notFuture` refuses dates after today (Asia/Shanghai). */
export function zDate(label: string, opts: { notFuture?: boolean } = {}) {
  return z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `请填写${label}`)
        .refine((s) => isIsoDate(s), `${label}应为有效日期（YYYY-MM-DD）`)
        .refine((s) => !opts.notFuture || s <= todayInShanghai(), `${label}不能晚于今天`),
    );
}

/** Optional date: blank becomes null. */
export function zOptionalDate(label: string, opts: { notFuture?: boolean } = {}) {
  return z
    .string()
    .optional()
    .nullable()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || isIsoDate(s), `${label}应为有效日期（YYYY-MM-DD）`)
    .refine((s) => s === '' || !opts.notFuture || s <= todayInShanghai(), `${label}不能晚于今天`)
    .transform((s) => (s === '' ? null : s));
}

/** '1234567.5' → '1,234,567.50' (元). Empty for null. */
export function formatYuan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const parsed = new Money(value);
  return groupThousands(parsed.toFixed(2));
}

/** '12345678' → '1,234.57' (万元, two decimals). */
export function formatWanYuan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return groupThousands(new Money(value).dividedBy(10000).toFixed(2));
}

/** Sum of decimal strings, as a 2-decimal string. */
export function sumMoney(values: readonly (string | null | undefined)[]): string {
  return values.reduce((acc, v) => (v ? acc.plus(v) : acc), new Money(0)).toFixed(2);
}
