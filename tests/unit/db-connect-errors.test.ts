import { describe, expect, it } from 'vitest';
import { describeConnectionError } from '../../src/platform/db/connect-errors';

const where = 'postgres://app@10.0.0.12:5432/landreserve';

describe('describeConnectionError', () => {
  it('says what failed for the driver errors of a first contact', () => {
    expect(describeConnectionError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.12:5432'), { code: 'ECONNREFUSED' }), where)).toBe(
      `无法连接数据库 ${where}：连接被拒绝。请确认数据库服务已启动、地址与端口正确、防火墙已放行`,
    );
    expect(describeConnectionError({ code: '28P01', message: 'password authentication failed' }, where)).toContain('用户名或口令错误');
    expect(describeConnectionError({ code: '28000', message: 'role "app" does not exist' }, where)).toContain('该用户不存在');
    expect(describeConnectionError({ code: '28000', message: 'no pg_hba.conf entry for host' }, where)).toContain('pg_hba.conf');
    expect(describeConnectionError({ code: '3D000', message: 'database "x" does not exist' }, where)).toContain('不存在：请先按 deploy/db/README.md 创建数据库');
  });

  it('finds the driver error under drizzle’s wrapper', () => {
    const wrapped = new Error('Failed query: select version() as v', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND db.local'), { code: 'ENOTFOUND' }) });
    expect(describeConnectionError(wrapped, where)).toContain('找不到该主机名');
  });

  it('leaves other errors alone', () => {
    expect(describeConnectionError(new Error('syntax error'), where)).toBeNull();
    expect(describeConnectionError({ code: '42P01' }, where)).toBeNull();
    expect(describeConnectionError(null, where)).toBeNull();
  });
});
