import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { loanPickerData } from '@/modules/archives/loan-queries';
import { LoanRequestView } from '@/modules/archives/components/loan-request';

export const metadata: Metadata = { title: '申请借阅档案' };

/**
 * 申请借阅: search the catalogue (档号, 题名, 地块或项目编号) and pick items — the search and the
 * picked items travel in the URL (?q=…&pick=…), so the page stays server-rendered — then the
 * purpose and until date in the form island.
 */
export default async function NewArchiveLoanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('archive:borrow');
  const params = await searchParams;
  const db = await getDb();
  const today = todayInShanghai();
  const maxDays = (await getSettings(db))['archive.maxLoanDays'];
  const data = await loanPickerData(db, params);
  return <LoanRequestView {...data} today={today} maxDays={maxDays} />;
}
