import { openForScript, runScript } from './lib/cli';
import { getKeyRing } from '../src/platform/crypto/keys';
import { getConfig } from '../src/platform/config';
import { describeRotation, rotateAll, writeNewKeyVersion } from './lib/keys-rotate';

/**
 * `npm run keys:rotate -- --new-key`: writes a new key version (DATA_DIR/sm4.v<N>.key) and stops;
 * restart the application so that it encrypts with it, then
 * `npm run keys:rotate`: re-encrypts every personal field and re-tags approved ledger entries
 * with the current version, in batches (idempotent, resumable), and reports the counts. Exit
 * code 1 when a value or an entry failed its integrity check (those are left unchanged).
 */
runScript('密钥轮换', async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--new-key');
  if (unknown.length) throw new Error(`未知参数 ${unknown.join(' ')}。用法：keys:rotate [--new-key]`);
  if (args.includes('--new-key')) {
    const { version, file } = writeNewKeyVersion();
    console.log(`已生成密钥版本 ${version}：${file}（权限 600）。请立即与数据库备份一同备份该文件。`);
    const pinned = getConfig().SM4_KEY_VERSION;
    if (pinned && pinned !== version) console.log(`注意：环境变量 SM4_KEY_VERSION=${pinned} 固定了加密所用的版本，请改为 ${version} 或删除该变量。`);
    console.log('下一步：重启应用（使新写入的数据使用新版本），再运行 keys:rotate（不带参数）重新加密已有数据。');
    return;
  }
  const { db } = await openForScript();
  console.log(`密钥轮换：用密钥版本 ${getKeyRing().current} 重新加密个人信息字段、更新资金收支完整性标签……`);
  const report = await rotateAll(db, (line) => console.log(line));
  const { lines, ok } = describeRotation(report);
  for (const l of lines) console.log(l);
  if (!ok) {
    console.error('有记录未通过完整性校验，已保持原样（未重新加密，以免把被改动的数据当作真实数据）：请核对后处理，再运行一次 keys:rotate。');
    process.exitCode = 1;
    return;
  }
  console.log('密钥轮换完成：全部数据均已使用当前密钥版本。旧版本密钥当前数据已不再需要，但恢复旧备份仍需要它：请随旧备份保管。');
});
