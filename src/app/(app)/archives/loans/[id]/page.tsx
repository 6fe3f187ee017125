import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getLoan, mayOpenLoan } from '@/modules/archives/loan-queries';
import { LoanDetailView } from '@/modules/archives/components/loan-detail';

export const metadata: Metadata = { title: '档案借阅' };

export default async function ArchiveLoanPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission(['archive:borrow', 'archive:manage']);
  const { id } = await params;
  const db = await getDb();
  const loan = await getLoan(db, id, todayInShanghai());
  const viewer = { userId: user.id, permissions: user.permissions };
  // Someone else's loan is not named to a viewer who may not open it: the same 404 as an unknown id.
  if (!loan || !mayOpenLoan(viewer, loan)) notFound();
  const isBorrower = loan.borrowerId === user.id;
  const manage = hasPermission(user, 'archive:manage');
  const lead = hasPermission(user, 'archive:loan-approve');
  return (
    <LoanDetailView
      loan={loan}
      rights={{
        isBorrower,
        canApprove: manage && !isBorrower && loan.status === '待审批',
        canLeaderApprove: lead && !isBorrower && loan.status === '待领导审批',
        canRefuse: !isBorrower && ((manage && loan.status === '待审批') || (lead && loan.status === '待领导审批')),
        canReturn: loan.status === '借阅中' && (isBorrower || manage),
      }}
    />
  );
}
