import { z } from 'zod';

/** Environment, read and validated once. Safe to import from scripts (no 'server-only'). */
const ZEnv = z.object({
  DATABASE_URL: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  DATA_DIR: z.string().trim().default('./data'),
  DB_FETCH_TYPES: z.enum(['true', 'false']).default('true'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DEMO_PASSWORD: z.string().min(8).default('Demo@2026'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEXTAUTH_SECRET: z.string().optional(),
  SM4_KEY: z.string().regex(/^[0-9a-fA-F]{32}$/, 'SM4_KEY 必须是 32 位十六进制').optional(),
});

export type TConfig = z.infer<typeof ZEnv>;

let cached: TConfig | undefined;

export function getConfig(): TConfig {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`环境变量配置有误：${detail}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}
