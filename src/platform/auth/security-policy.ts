import type { Db, Tx } from '../db/client';
import { getConfig } from '../config';
import { securityPolicy } from './schema';

/**
 * The security policy (口令、登录、会话、双因素) that the 安全管理员 sets — not the 系统管理员's
 * system settings (三员分立: the one who manages accounts does not set the rules that protect
 * them). The database stores overrides only (security_policy); every value has a default, bounds
 * and the clause it serves. Defaults of the login/session values come from the environment (the
 * values an installation started with), so existing deployments keep their thresholds.
 */
const G = 'GB/T 22239-2019 第三级';

const RATE_SOURCE = `${G} 8.1.4.4 入侵防范：限制单个账号与来源地址的请求频率（防止批量导出、暴力请求与资源耗尽）`;

export interface TPolicyDef {
  label: string;
  unit: string;
  min: number;
  max: number;
  /** The default when nothing is stored; a function where it comes from the environment. */
  default: number | (() => number);
  choices?: readonly { value: number; label: string }[];
  source: string;
}

export const SECURITY_POLICY = {
  'password.minLength': { label: '口令最小长度', unit: '位', default: 8, min: 8, max: 64, source: `${G} 8.1.4.1 a)：口令具有复杂度要求` },
  'password.minClasses': {
    label: '口令至少包含的字符类别（大写、小写、数字、符号）',
    unit: '类',
    default: 3,
    min: 3,
    max: 4,
    source: `${G} 8.1.4.1 a)：口令具有复杂度要求`,
  },
  'password.historyCount': { label: '不得与最近几次用过的口令相同', unit: '次', default: 5, min: 0, max: 24, source: `${G} 8.1.4.1 a)：口令定期更换（不得重复使用近期口令）` },
  'password.maxAgeDays': { label: '口令有效期（到期须修改，0 = 不限）', unit: '天', default: 90, min: 0, max: 365, source: `${G} 8.1.4.1 a)：口令定期更换` },
  'login.maxFailures': { label: '连续登录失败锁定次数', unit: '次', default: () => getConfig().LOGIN_MAX_FAILURES, min: 1, max: 100, source: `${G} 8.1.4.1 b)：登录失败处理` },
  'login.lockMinutes': { label: '锁定时长', unit: '分钟', default: () => getConfig().LOGIN_LOCK_MINUTES, min: 1, max: 1440, source: `${G} 8.1.4.1 b)：登录失败处理` },
  'login.accountMaxFailures': {
    label: '同一用户名在时间窗内的失败上限',
    unit: '次',
    default: () => getConfig().LOGIN_ACCOUNT_MAX_FAILURES,
    min: 1,
    max: 10000,
    source: `${G} 8.1.4.1 b)：限制非法登录次数`,
  },
  'login.accountWindowMinutes': {
    label: '用户名失败计数时间窗',
    unit: '分钟',
    default: () => getConfig().LOGIN_ACCOUNT_WINDOW_MINUTES,
    min: 1,
    max: 1440,
    source: `${G} 8.1.4.1 b)：限制非法登录次数`,
  },
  'login.ipMaxFailures': {
    label: '同一来源地址在时间窗内的失败上限',
    unit: '次',
    default: () => getConfig().LOGIN_IP_MAX_FAILURES,
    min: 1,
    max: 100000,
    source: `${G} 8.1.4.1 b)：限制非法登录次数`,
  },
  'login.ipWindowMinutes': {
    label: '来源地址失败计数时间窗',
    unit: '分钟',
    default: () => getConfig().LOGIN_IP_WINDOW_MINUTES,
    min: 1,
    max: 1440,
    source: `${G} 8.1.4.1 b)：限制非法登录次数`,
  },
  'session.idleMinutes': { label: '空闲超时', unit: '分钟', default: () => getConfig().SESSION_IDLE_MINUTES, min: 1, max: 1440, source: `${G} 8.1.4.1 b)：登录连接超时自动退出` },
  'session.maxHours': { label: '最长登录时间（从登录起算）', unit: '小时', default: () => getConfig().SESSION_MAX_HOURS, min: 1, max: 168, source: `${G} 8.1.4.1 b)：登录连接超时自动退出` },
  'totp.algorithm': {
    label: '动态口令（TOTP）的散列算法',
    unit: '',
    default: 1,
    min: 0,
    max: 1,
    choices: [
      { value: 0, label: 'HMAC-SHA1（RFC 6238，通用手机令牌）' },
      { value: 1, label: 'HMAC-SM3（商用密码，GB/T 39786-2021）' },
    ],
    source: `${G} 8.1.4.1 d)：采用两种或两种以上组合的鉴别技术；GB/T 39786-2021 身份鉴别宜采用密码技术`,
  },
  'limits.exportPerMinute': { label: '每个账号每分钟导出次数上限', unit: '次', default: 10, min: 1, max: 1000, source: RATE_SOURCE },
  'limits.exportPerMinuteIp': { label: '每个来源地址每分钟导出次数上限', unit: '次', default: 30, min: 1, max: 10000, source: RATE_SOURCE },
  'limits.importPerMinute': { label: '每个账号每分钟导入（上传解析）次数上限', unit: '次', default: 20, min: 1, max: 1000, source: RATE_SOURCE },
  'limits.importPerMinuteIp': { label: '每个来源地址每分钟导入次数上限', unit: '次', default: 60, min: 1, max: 10000, source: RATE_SOURCE },
  'limits.apiPerMinute': { label: '每个账号每分钟接口请求次数上限（地图查询、文件下载等）', unit: '次', default: 600, min: 10, max: 100000, source: RATE_SOURCE },
  'limits.apiPerMinuteIp': { label: '每个来源地址每分钟接口请求次数上限', unit: '次', default: 1200, min: 10, max: 1000000, source: RATE_SOURCE },
} as const satisfies Record<string, TPolicyDef>;

export type TPolicyKey = keyof typeof SECURITY_POLICY;
export type TSecurityPolicy = Record<TPolicyKey, number>;

export const POLICY_GROUPS: { prefix: string; name: string }[] = [
  { prefix: 'password.', name: '口令' },
  { prefix: 'login.', name: '登录失败处理' },
  { prefix: 'session.', name: '会话' },
  { prefix: 'totp.', name: '双因素鉴别' },
  { prefix: 'limits.', name: '访问频率限制' },
];

export function policyDefault(key: TPolicyKey): number {
  const d = (SECURITY_POLICY[key] as TPolicyDef).default;
  return typeof d === 'function' ? d() : d;
}

/** Stored values outside their bounds (or unknown keys) are ignored: the default holds. */
export function resolvePolicy(rows: { key: string; value: string }[]): TSecurityPolicy {
  const out = Object.fromEntries((Object.keys(SECURITY_POLICY) as TPolicyKey[]).map((k) => [k, policyDefault(k)])) as TSecurityPolicy;
  for (const { key, value } of rows) {
    if (!(key in SECURITY_POLICY)) continue;
    const def = SECURITY_POLICY[key as TPolicyKey] as TPolicyDef;
    const n = Number(value);
    if (Number.isInteger(n) && n >= def.min && n <= def.max) out[key as TPolicyKey] = n;
  }
  return out;
}

export async function getSecurityPolicy(db: Db | Tx): Promise<TSecurityPolicy> {
  return resolvePolicy(await db.select({ key: securityPolicy.key, value: securityPolicy.value }).from(securityPolicy));
}
