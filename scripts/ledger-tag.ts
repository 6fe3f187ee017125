import { openForScript, runScript } from './lib/cli';
import { tagEntries } from '../src/modules/funds/ledger/integrity';

/**
 * `npm run ledger:tag`: gives an HMAC-SM3 integrity tag to the approved ledger entries that
 * migration 0019 marked `pending` (approved before tags existed; the key is not in the database,
 * so the migration cannot tag them). The migrate job tags them in the run that applies 0019; this
 * job is for when that did not finish. Entries approved in the application are tagged when they are
 * approved; a `pending` row appearing later was written by someone in the database: check it first.
 */
runScript('资金收支完整性标签', async () => {
  const { db } = await openForScript();
  const counts = await tagEntries(db, 'pending');
  console.log(`资金收支完整性标签：为升级前已审批的 ${counts.tagged} 条记录加了完整性标签${counts.tagged ? '' : '（没有待处理的记录）'}`);
});
