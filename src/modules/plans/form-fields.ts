import { z } from 'zod';
import { zOptionalText } from '@/platform/validation';

/** Form field schemas shared by the plans and projects forms. Client-safe. */

/** Optional single-line text (document numbers, codes): empty → null, no line breaks. */
export function zOptionalLine(label: string, max = 64) {
  return zOptionalText(label, max).refine((s) => s === null || !/[\r\n\t]/.test(s), `${label}不能包含换行或制表符`);
}

/** An optional calendar date 'YYYY-MM-DD' (empty → null). */
export function zOptionalDate(label: string) {
  return z
    .union([z.string(), z.null()], { error: `${label}格式应为 YYYY-MM-DD` })
    .optional()
    .transform((value, ctx) => {
      const raw = (value ?? '').trim();
      if (raw === '') return null;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!m || !d || d.toISOString().slice(0, 10) !== raw) {
        ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD，且须是有效日期` });
        return z.NEVER;
      }
      if (Number(m[1]) < 1990 || Number(m[1]) > 2100) {
        ctx.addIssue({ code: 'custom', message: `${label}超出合理范围（1990–2100 年）` });
        return z.NEVER;
      }
      return raw;
    });
}
