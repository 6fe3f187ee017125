import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authSecretProblem, parseConfig, sm4KeyProblem } from '../../src/platform/config';

const GOOD_SECRET = 'q7Vx0bN3m+Zt8Lr2Kc5Yw9Hf1Jd6Ps4A/Ue=';
const GOOD_KEY = '3f9a0c7be1d24856a9c0f1e27b3d4c58';

describe('NEXTAUTH_SECRET when given', () => {
  it.each([
    ['CHANGE_ME_TO_A_LONG_RANDOM_STRING', '占位'],
    ['change_me_to_a_long_random_string_please_now', '占位'],
    ['ChangeMe-ChangeMe-ChangeMe-ChangeMe-123', '占位'],
    ['请替换为至少三十二个字符的随机字符串请替换为随机字符串请替换', '占位'],
    ['this-is-an-EXAMPLE-secret-that-is-long-enough', '占位'],
    ['PLACEHOLDER-PLACEHOLDER-PLACEHOLDER-PLACEHOLDER', '占位'],
    ['a'.repeat(64), '同一个字符'],
    ['0'.repeat(32), '同一个字符'],
    ['q7Vx0bN3m+Zt8Lr2Kc5Yw9Hf1Jd6Ps4', '太短（31 个字符'],
    ['short', '太短'],
  ])('refuses %j (%s)', (secret, why) => {
    const problem = authSecretProblem(secret);
    expect(problem).toContain('NEXTAUTH_SECRET');
    expect(problem).toContain(why);
    expect(problem).toContain('openssl rand -base64 32');
  });

  it('accepts 32 random characters or more', () => {
    expect(authSecretProblem(GOOD_SECRET)).toBeNull();
    expect(authSecretProblem('ab'.repeat(16))).toBeNull();
  });
});

describe('SM4_KEY when given', () => {
  it.each([
    ['CHANGE_ME_32_HEX_DIGITS', '占位'],
    ['change0000000000000000000000000', '占位'],
    ['0'.repeat(32), '同一个数字'],
    ['F'.repeat(16) + 'f'.repeat(16), '同一个数字'],
    ['3f9a0c7be1d24856a9c0f1e27b3d4c5', '32 位十六进制'],
    ['3f9a0c7be1d24856a9c0f1e27b3d4c5g', '32 位十六进制'],
  ])('refuses %j (%s)', (key, why) => {
    const problem = sm4KeyProblem(key);
    expect(problem).toContain('SM4_KEY');
    expect(problem).toContain(why);
    expect(problem).toContain('openssl rand -hex 16');
  });

  it('accepts 32 random hex digits', () => {
    expect(sm4KeyProblem(GOOD_KEY)).toBeNull();
  });
});

describe('the environment at start', () => {
  it('without the secrets starts as before (they are generated in DATA_DIR)', () => {
    const cfg = parseConfig({});
    expect(cfg.NEXTAUTH_SECRET).toBeUndefined();
    expect(cfg.SM4_KEY).toBeUndefined();
    expect(parseConfig({ NEXTAUTH_SECRET: '', SM4_KEY: '' }).NEXTAUTH_SECRET).toBeUndefined();
  });

  it('keeps good secrets', () => {
    const cfg = parseConfig({ NEXTAUTH_SECRET: GOOD_SECRET, SM4_KEY: GOOD_KEY });
    expect(cfg).toMatchObject({ NEXTAUTH_SECRET: GOOD_SECRET, SM4_KEY: GOOD_KEY });
  });

  it('refuses the values of the old env.example with one message naming both variables', () => {
    expect(() => parseConfig({ NEXTAUTH_SECRET: 'CHANGE_ME_TO_A_LONG_RANDOM_STRING', SM4_KEY: 'CHANGE_ME_32_HEX_DIGITS' })).toThrow(
      /^环境变量配置有误：NEXTAUTH_SECRET 仍是示例占位值.*openssl rand -base64 32.*; SM4_KEY 仍是示例占位值.*openssl rand -hex 16/,
    );
  });

  it('refuses a NEXTAUTH_URL that is not an http(s) address', () => {
    expect(() => parseConfig({ NEXTAUTH_URL: 'tdcb.example.gov.cn' })).toThrow(/NEXTAUTH_URL 必须以 http:\/\/ 或 https:\/\/ 开头/);
    expect(parseConfig({ NEXTAUTH_URL: 'https://tdcb.example.gov.cn' }).NEXTAUTH_URL).toBe('https://tdcb.example.gov.cn');
  });

  it('checks TRUSTED_PROXIES (default: this machine only)', () => {
    expect(parseConfig({}).TRUSTED_PROXIES).toBe('127.0.0.1,::1');
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8' }).TRUSTED_PROXIES).toBe('10.0.0.0/8, fd00::/8');
    expect(() => parseConfig({ TRUSTED_PROXIES: '127.0.0.1,nginx.local' })).toThrow(/TRUSTED_PROXIES 有误：「nginx.local」不是 IP 地址或网段/);
    expect(() => parseConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/「10.0.0.0\/33」的前缀长度须为 0–32/);
  });
});

describe('deploy/env.example', () => {
  it('holds no secret the application would accept: copied as it is, the start is refused', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'deploy', 'env.example'), 'utf8');
    const env = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['NEXTAUTH_SECRET', 'SM4_KEY', 'TRUSTED_PROXIES']));
    expect(() => parseConfig(env)).toThrow(/NEXTAUTH_SECRET 仍是示例占位值.*SM4_KEY 仍是示例占位值/);
    expect(() => parseConfig(env)).toThrow(/AUDIT_ANCHOR_KEY 仍是示例占位值/);
    const { NEXTAUTH_SECRET: _secret, SM4_KEY: _key, AUDIT_ANCHOR_KEY: _anchorKey, ...rest } = env;
    expect(() => parseConfig(rest)).not.toThrow();
  });
});
