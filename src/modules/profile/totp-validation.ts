import { z } from 'zod';

export const ZBeginTotp = z.object({}).strict();

export const ZConfirmTotp = z.object({
  code: z
    .string({ error: '请输入动态口令' })
    .max(32, '动态口令应为 6 位数字')
    .transform((s) => s.replace(/[\s\u3000]/g, ''))
    .pipe(z.string().min(1, '请输入动态口令').regex(/^\d{6}$/, '动态口令应为 6 位数字')),
});
export type TConfirmTotp = z.input<typeof ZConfirmTotp>;
