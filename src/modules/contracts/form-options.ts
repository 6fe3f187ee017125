import 'server-only';
import type { Db } from '@/platform/db/client';
import { listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { listLinkOptions } from './queries';
import type { ContractLinkOptions } from './components/contract-form';

/** The contract form's choices: projects, and the parcels, work packages and parties of each. */
export async function contractFormOptions(db: Db): Promise<ContractLinkOptions> {
  const [projects, links] = await Promise.all([listLedgerProjectOptions(db), listLinkOptions(db)]);
  return {
    projects: projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}${p.status === 'closed' ? '（已关闭）' : ''}` })),
    parcels: links.parcels.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, projectId: p.projectId })),
    workPackages: links.workPackages.map((w) => ({ value: w.id, label: `${w.parcelCode} ${w.workType}${w.contractor ? `（${w.contractor}）` : ''}`, projectId: w.projectId })),
    parties: links.parties.map((p) => ({ value: p.id, label: `${p.parcelCode} ${p.name}`, projectId: p.projectId })),
  };
}
