import { z } from 'zod';
import { zPassword } from '@/platform/auth/password-policy';

export const ZChangeOwnPassword = z
  .object({
    current: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(256, '当前密码不正确'),
    password: zPassword('新密码'),
    confirm: z.string({ error: '请再次输入新密码' }),
  })
  .refine((v) => v.password === v.confirm, { message: '两次输入的新密码不一致', path: ['confirm'] })
  .refine((v) => v.password !== v.current, { message: '新密码不能与当前密码相同', path: ['password'] });
export type TChangeOwnPassword = z.input<typeof ZChangeOwnPassword>;
