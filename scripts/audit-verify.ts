import { eq } from 'drizzle-orm';
import { openForScript, runScript } from './lib/cli';
import { verifyAuditChain } from '../src/platform/audit/verify';
import { auditLog } from '../src/platform/audit/schema';
import { anchorFilePath, advanceAnchor, checkAnchor, readAnchorFile, readChainEnds, signAnchor, getAnchorKey, writeAnchorFile } from '../src/platform/audit/anchor';

/**
 * npm run audit:verify [-- --reanchor]: re-computes the SM3 chain from its start (genesis or the
 * newest purge checkpoint), compares it with the chain head, then with the HMAC-SM3 anchor kept
 * outside the database, and moves the anchor to the verified head. Exit 1 on any mismatch.
 * --reanchor (after a legitimate restore of an older backup only): writes a new anchor even
 * when the old one does not match, once the chain itself is intact.
 */
runScript('审计日志校验', async () => {
  const reanchor = process.argv.includes('--reanchor');
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
  const { base, head } = await readChainEnds(db);
  if (head.seq !== base.seq + verdict.count || head.hash !== verdict.lastHash) {
    console.error(`审计日志链校验失败：链头记录到序号 ${head.seq}，实际只有到 ${base.seq + verdict.count} 的记录（末尾记录被删除）`);
    process.exitCode = 1;
    return;
  }
  const file = anchorFilePath();
  const old = readAnchorFile(file);
  if (reanchor) {
    const check = await checkAnchor(db, old);
    if (!check.ok) console.error(`注意：原锚定不符（${check.reason}），按 --reanchor 重新锚定`);
    writeAnchorFile(signAnchor(head, base, getAnchorKey()), file);
    console.log(`已重新锚定审计链头：序号 ${head.seq}（${file}）`);
    return;
  }
  const anchored = await advanceAnchor(db, { file });
  if (!anchored.ok) {
    console.error(`审计日志链校验失败：与库外锚定（${file}）不符：${anchored.reason}`);
    process.exitCode = 1;
    return;
  }
  const since = old ? `；与 ${old.at} 的锚定（序号 ${old.seq}）一致` : `；首次锚定，已写入 ${file}`;
  const start = base.seq > 0 ? `（自清理后的第 ${base.seq + 1} 条起）` : '';
  console.log(`审计日志链完整${start}：共 ${verdict.count} 条，末条哈希 ${verdict.lastHash}${since}`);
});
