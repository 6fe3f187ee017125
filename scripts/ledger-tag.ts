import { openForScript, runScript } from './lib/cli';
import { tagEntries } from '../src/modules/funds/ledger/integrity';

/**
 * `npm run ledger:tag`: gives an HMAC-SM3 integrity tag to the approved ledger entries that
 * migration 0019 marked `pending` (approved before tags existed; the key is not in the database,
 * so the migration cannot tag them). Run once after upgrading (deploy/upgrade.sh does); later
 * runs find nothing. Entries approved in the application are tagged when they are approved.
 */
runScript('资金收支完整性标签', async () => {
  const { db } = await openForScript();
  const counts = await tagEntries(db, 'pending');
  console.log(`资金收支完整性标签：为升级前已审批的 ${counts.tagged} 条记录加了完整性标签${counts.tagged ? '' : '（没有待处理的记录）'}`);
});
