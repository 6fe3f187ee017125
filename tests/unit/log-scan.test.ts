import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanLog } from '../../scripts/lib/log-scan';

const secrets = [
  { name: '演示账号口令', value: 'Demo@2026' },
  { name: 'SM4_KEY', value: '0123456789abcdef0123456789abcdef' },
];

describe('日志不含敏感数据: the log scan', () => {
  it('日志不含敏感数据: finds passwords, keys, SQL parameters, ID and mobile numbers, by line, masked', () => {
    const log = [
      '{"level":30,"time":1765100000000,"msg":"server started"}',
      '{"level":50,"msg":"login","body":"username=admin&password=Demo@2026"}',
      '{"level":50,"err":{"message":"Failed query: insert into people values ($1) params: 430902199001011234,13812345678"}}',
      '{"level":40,"user":{"password":"hunter22"}}',
      '{"level":40,"user":{"password":"[脱敏]","phone":"[脱敏]"}}',
      'key loaded 0123456789abcdef0123456789abcdef',
      '{"level":30,"requestId":"5f0c3e2a-1b2c-4d5e-8f90-123456789012","time":1765100000123,"count":13800138000123}',
    ].join('\n');
    const findings = scanLog(log, secrets);
    expect(findings.map((f) => f.line)).toEqual([2, 3, 4, 6]);
    expect(findings[0].rule).toBe('演示账号口令');
    expect(findings[1].rule).toBe('身份证号、手机号、SQL 参数');
    expect(findings[2].rule).toBe('字段 password');
    expect(findings[3].rule).toBe('SM4_KEY');
    for (const f of findings) {
      expect(f.masked).not.toContain('Demo@2026');
      expect(f.masked).not.toContain('430902199001011234');
      expect(f.masked).not.toContain('13812345678');
      expect(f.masked).not.toContain('hunter22');
      expect(f.masked).not.toContain('0123456789abcdef');
      expect(f.masked).toContain('********');
    }
  });

  it('日志不含敏感数据: `npm run check:logs` fails with the line numbers and passes a clean log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-logscan-'));
    try {
      const dirty = join(dir, 'dirty.log');
      writeFileSync(dirty, 'ok\n{"msg":"x","phone":"13912345678"}\n');
      let output = '';
      let code = 0;
      try {
        execFileSync('node_modules/.bin/tsx', ['scripts/check-logs.ts', dirty], { env: { ...process.env, E2E_DATA_DIR: join(dir, 'none') }, stdio: 'pipe' });
      } catch (e) {
        const err = e as { status: number; stderr: Buffer };
        code = err.status;
        output = err.stderr.toString();
      }
      expect(code).toBe(1);
      expect(output).toContain('第 2 行 [手机号]');
      expect(output).not.toContain('13912345678');
      const clean = join(dir, 'clean.log');
      writeFileSync(clean, '{"level":30,"msg":"ready"}\n');
      const passed = execFileSync('node_modules/.bin/tsx', ['scripts/check-logs.ts', clean], { env: { ...process.env, E2E_DATA_DIR: join(dir, 'none') } }).toString();
      expect(passed).toContain('日志检查通过');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
