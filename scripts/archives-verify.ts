import './lib/server-only-shim';
import { openForScript, runScript } from './lib/cli';
import { archivesVerifyMain } from './lib/archives-verify';

/**
 * npm run archives:verify: re-computes the SM3 digest of every archived file in the file store and
 * compares it with the digest registered when the item was archived; lists each file missing or
 * altered and exits 1 when there is any. Each run is recorded (archive_checks, 命令行).
 */
runScript('档案文件完整性检查', async () => {
  const { db } = await openForScript();
  process.exitCode = await archivesVerifyMain(db);
});
