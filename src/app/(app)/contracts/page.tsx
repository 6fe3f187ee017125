import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { listLedgerProjectOptions } from '@/modules/funds/ledger/queries';
import { listContracts } from '@/modules/contracts/queries';
import { listUnmatched, unmatchedCount } from '@/modules/contracts/legacy';
import { ZContractFilter } from '@/modules/contracts/validation';
import { ContractsList } from '@/modules/contracts/components/contracts-list';

export const metadata: Metadata = { title: '合同台账' };

export default async function ContractsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('contract:view');
  const { filter, notice } = parseListFilter(ZContractFilter, await searchParams);
  const db = await getDb();
  const [{ rows, total }, projects, unmatched] = await Promise.all([listContracts(db, filter), listLedgerProjectOptions(db), listUnmatched(db)]);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  return (
    <>
      <FilterNotice notice={notice} />
      <ContractsList
        filter={filter}
        total={total}
        rows={rows}
        projects={projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        years={years}
        canEdit={hasPermission(user, 'contract:edit')}
        canExport={hasPermission(user, 'contract:export')}
        unmatched={unmatchedCount(unmatched)}
      />
    </>
  );
}
