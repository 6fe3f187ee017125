import { eq } from 'drizzle-orm';
import { openForScript, runScript } from './lib/cli';
import { verifyAuditChain } from '../src/platform/audit/verify';
import { auditChainHead, auditLog } from '../src/platform/audit/schema';

runScript('审计日志校验', async () => {
  const { db } = await openForScript();
  const verdict = await verifyAuditChain(db);
  if (!verdict.ok) {
    const [row] = await db.select().from(auditLog).where(eq(auditLog.seq, verdict.brokenSeq));
    const when = row ? row.occurredAt.toISOString() : '未知';
    console.error(
      `审计日志链校验失败：第一条异常记录序号 ${verdict.brokenSeq}（ID ${row?.id ?? '未知'}，时间 ${when}，操作「${row?.action ?? '未知'}」）：${verdict.reason}`,
    );
    process.exitCode = 1;
    return;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (head && head.lastSeq !== verdict.count) {
    console.error(`审计日志链校验失败：链头记录 ${head.lastSeq} 条，实际 ${verdict.count} 条（末尾记录被删除）`);
    process.exitCode = 1;
    return;
  }
  console.log(`审计日志链完整：共 ${verdict.count} 条，末条哈希 ${verdict.lastHash}`);
});
