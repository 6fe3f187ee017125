/**
 * A failed first contact with the database server, said in Chinese for the people who install
 * and run the system (install.sh, upgrade.sh and the maintenance jobs print it): what failed and
 * what to check. Null when the error is not a connection or login problem.
 */
const BY_CODE: Record<string, (where: string, e: { message?: string }) => string> = {
  ECONNREFUSED: (w) => `无法连接数据库 ${w}：连接被拒绝。请确认数据库服务已启动、地址与端口正确、防火墙已放行`,
  ENOTFOUND: (w) => `无法连接数据库 ${w}：找不到该主机名，请检查地址`,
  EAI_AGAIN: (w) => `无法连接数据库 ${w}：域名解析失败，请检查地址或改用 IP`,
  ETIMEDOUT: (w) => `连接数据库 ${w} 超时：请检查网络、防火墙与数据库监听地址（listen_addresses）`,
  CONNECT_TIMEOUT: (w) => `连接数据库 ${w} 超时：请检查网络、防火墙与数据库监听地址（listen_addresses）`,
  EHOSTUNREACH: (w) => `无法连接数据库 ${w}：网络不可达`,
  ECONNRESET: (w) => `数据库 ${w} 断开了连接：请检查数据库的 pg_hba 配置与 SSL 设置`,
  '28P01': (w) => `数据库 ${w} 拒绝登录：用户名或口令错误`,
  '28000': (w, e) => `数据库 ${w} 拒绝登录：${/does not exist/.test(e.message ?? '') ? '该用户不存在' : '没有为本机地址与该用户配置认证方式（pg_hba.conf）'}`,
  '3D000': (w) => `数据库 ${w} 不存在：请先按 deploy/db/README.md 创建数据库`,
  '57P03': (w) => `数据库 ${w} 正在启动或关闭，请稍后再试`,
  '53300': (w) => `数据库 ${w} 连接数已满（max_connections）`,
};

/** The error and its causes (drizzle wraps the driver's error as `cause`). */
function* chain(e: unknown): Generator<{ code?: unknown; message?: string }> {
  let current = e;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current as { code?: unknown; message?: string };
    current = (current as { cause?: unknown }).cause;
  }
}

export function describeConnectionError(e: unknown, where: string): string | null {
  for (const link of chain(e)) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    if (code && BY_CODE[code]) return BY_CODE[code](where, link);
  }
  return null;
}
