import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { listDepartmentOptions, listIncoming } from '@/modules/documents/incoming/queries';
import { INCOMING_FILTER_LABELS, ZIncomingFilter } from '@/modules/documents/incoming/validation';
import { dueText, isDueSoon, isOverdue } from '@/modules/documents/incoming/rules';
import { IncomingList } from '@/modules/documents/incoming/components/incoming-list';

export const metadata: Metadata = { title: '收文' };

export default async function IncomingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('incoming:view');
  const params = await searchParams;
  const { filter, notice } = parseListFilter(ZIncomingFilter, params, INCOMING_FILTER_LABELS);
  const db = await getDb();
  const today = todayInShanghai();
  const [{ rows, total }, departments, settings] = await Promise.all([listIncoming(db, filter, today), listDepartmentOptions(db), getSettings(db)]);
  const remind = settings['incoming.remindDays'];
  const thisYear = Number(today.slice(0, 4));
  return (
    <>
      <FilterNotice notice={notice} />
      <IncomingList
        filter={filter}
        sorted={typeof params.sort === 'string' && params.sort === filter.sort}
        total={total}
        rows={rows.map((r) => {
          const live = r.assignments.filter((a) => a.status !== 'reassigned');
          return {
            id: r.id,
            receiptNo: r.receiptNo,
            receivedOn: r.receivedOn,
            senderOrg: r.senderOrg,
            senderNo: r.senderNo,
            title: r.title,
            docType: r.docType,
            urgency: r.urgency,
            state: r.state,
            isDemo: r.isDemo,
            parts: live.map((a) => ({ name: a.departmentName, dueOn: a.dueOn, dueText: dueText(a, today), overdue: isOverdue(a, today), soon: isDueSoon(a, today, remind) })),
            overdue: live.some((a) => isOverdue(a, today)),
          };
        })}
        departments={departments}
        years={Array.from({ length: 8 }, (_, i) => thisYear - i)}
        canRegister={hasPermission(user, 'incoming:register')}
        canExport={hasPermission(user, 'incoming:export')}
      />
    </>
  );
}
