import { openForScript, runScript } from './lib/cli';
import { importLegacyContracts, listUnmatched, summariseLegacyImport, unmatchedCount } from '../src/modules/contracts/legacy';

/**
 * `npm run contracts:unmatched`: links what can be linked (the same step the migrate job runs for
 * migration 0023; it creates nothing twice), then lists the records that carry a contract but are
 * linked to no contract of the 合同台账, with the reason. `--no-link` only lists. Exit code 0 either way.
 */
runScript('合同未匹配记录', async () => {
  const { db } = await openForScript();
  if (!process.argv.includes('--no-link')) {
    const r = await importLegacyContracts(db);
    console.log(`合同关联：${summariseLegacyImport(r)}`);
  }
  const report = await listUnmatched(db);
  if (!unmatchedCount(report)) {
    console.log('没有未匹配的记录：收支记录的合同编号、补偿协议和工程合同均已在合同台账中');
    return;
  }
  for (const e of report.entries) console.log(`收支记录\t${e.entryNo}\t${e.entryDate}\t${e.amount} 元\t合同编号「${e.contractNo}」\t${e.reason}`);
  for (const p of report.parties) console.log(`补偿对象\t${p.parcelCode}\t${p.name}\t${p.amountAgreed} 元\t${p.reason}`);
  for (const w of report.works) console.log(`前期开发工程\t${w.parcelCode}\t${w.workType}\t${w.contractAmount} 元\t${w.reason}`);
  console.log(`未匹配：收支记录 ${report.entries.length} 条、补偿对象 ${report.parties.length} 个、工程 ${report.works.length} 项（合同台账 → 未匹配记录 页面列出同样的内容）`);
});
