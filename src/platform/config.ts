import { z } from 'zod';
import { DEFAULT_TRUSTED_PROXIES, parseTrustedProxies } from './trusted-proxies';

/** Words that mark a value copied from an example file rather than generated. */
const PLACEHOLDER_WORDS = ['change_me', 'changeme', '请替换', 'example', 'placeholder'];

const SECRET_HOW = '请用 openssl rand -base64 32 生成（安装程序 install.sh 会在本机生成）';
const SM4_HOW = '请用 openssl rand -hex 16 生成（安装程序 install.sh 会在本机生成）';

/** Why NEXTAUTH_SECRET (when given) cannot sign sessions, or null. */
export function authSecretProblem(secret: string): string | null {
  const lower = secret.toLowerCase();
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return `NEXTAUTH_SECRET 仍是示例占位值，${SECRET_HOW}`;
  if (/^(.)\1*$/su.test(secret)) return `NEXTAUTH_SECRET 由同一个字符重复组成，不能作为密钥，${SECRET_HOW}`;
  if (secret.length < 32) return `NEXTAUTH_SECRET 太短（${secret.length} 个字符，至少 32 个），${SECRET_HOW}`;
  return null;
}

/** Why SM4_KEY (when given) cannot protect personal data, or null. */
export function sm4KeyProblem(key: string): string | null {
  const lower = key.toLowerCase();
  if (lower.includes('change') || PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return `SM4_KEY 仍是示例占位值，${SM4_HOW}`;
  if (!/^[0-9a-fA-F]{32}$/.test(key)) return `SM4_KEY 必须是 32 位十六进制数字，${SM4_HOW}`;
  if (/^(.)\1*$/i.test(key)) return `SM4_KEY 由同一个数字重复组成，不能作为密钥，${SM4_HOW}`;
  return null;
}

const ANCHOR_HOW = '请用 openssl rand -hex 32 生成（安装程序 install.sh 会在本机生成）';

/** Why AUDIT_ANCHOR_KEY (when given) cannot anchor the audit chain, or null. */
export function auditAnchorKeyProblem(key: string): string | null {
  const lower = key.toLowerCase();
  if (lower.includes('change') || PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return `AUDIT_ANCHOR_KEY 仍是示例占位值，${ANCHOR_HOW}`;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) return `AUDIT_ANCHOR_KEY 必须是 64 位十六进制数字，${ANCHOR_HOW}`;
  if (/^(.)\1*$/i.test(key)) return `AUDIT_ANCHOR_KEY 由同一个数字重复组成，不能作为密钥，${ANCHOR_HOW}`;
  return null;
}

/** An empty value (`NAME=` in an env file) counts as not set. */
const optionalText = () => z.string().trim().optional().transform((v) => (v ? v : undefined));

function refusing(problem: (value: string) => string | null) {
  return optionalText().superRefine((v, ctx) => {
    const message = v === undefined ? null : problem(v);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** Environment, read and validated once. Safe to import from scripts (no 'server-only'). */
const ZEnv = z.object({
  DATABASE_URL: optionalText(),
  DATA_DIR: z.string().trim().default('./data'),
  DB_FETCH_TYPES: z.enum(['true', 'false']).default('true'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DEMO_PASSWORD: z.string().min(8).default('Demo@2026'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(8),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Rate limits on login (kept in the database): failures per user name and per client address.
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_ACCOUNT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(5),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Not trimmed: whatever is set is the secret, so the rules judge exactly that.
  NEXTAUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .superRefine((v, ctx) => {
      const message = v === undefined ? null : authSecretProblem(v);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  NEXTAUTH_URL: optionalText().refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), 'NEXTAUTH_URL 必须以 http:// 或 https:// 开头，例如 https://tdcb.example.gov.cn'),
  SM4_KEY: refusing(sm4KeyProblem),
  /** HMAC-SM3 key anchoring the audit chain head outside the database (else DATA_DIR/audit-anchor.key). */
  AUDIT_ANCHOR_KEY: refusing(auditAnchorKeyProblem),
  /** Where the anchor is written (default DATA_DIR/audit-anchor.json). */
  AUDIT_ANCHOR_FILE: optionalText(),
  /** How often the server anchors the chain head; 0 = only audit:verify and audit:purge do. */
  AUDIT_ANCHOR_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  /** Further key versions, `2:<32 hex>,3:<32 hex>` (each checked like SM4_KEY when the ring loads). */
  SM4_KEYS: optionalText().refine((v) => v === undefined || /^\s*\d{1,6}:[^,]+(\s*,\s*\d{1,6}:[^,]+)*\s*$/.test(v), 'SM4_KEYS 格式应为 版本号:密钥,版本号:密钥，例如 2:<32 位十六进制>'),
  /** The version that encrypts and tags (default: the highest known). */
  SM4_KEY_VERSION: optionalText()
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine((v) => v === undefined || (Number.isInteger(v) && v >= 1 && v <= 999_999), 'SM4_KEY_VERSION 必须是正整数（密钥版本号）'),
  /** Front servers whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). */
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .default(DEFAULT_TRUSTED_PROXIES)
    .superRefine((v, ctx) => {
      const parsed = parseTrustedProxies(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `TRUSTED_PROXIES 有误：${parsed.message}` });
    }),
});

export type TConfig = z.infer<typeof ZEnv>;

let cached: TConfig | undefined;

/** Validates an environment; throws one Chinese message naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => {
        const name = i.path.join('.');
        // Our own messages already name the variable.
        return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
      })
      .join('; ');
    throw new Error(`环境变量配置有误：${detail}`);
  }
  return parsed.data;
}

export function getConfig(): TConfig {
  if (!cached) cached = parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}
