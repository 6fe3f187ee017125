import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getAuditFilterOptions, listAuditEntries, ZAuditFilter } from '@/modules/audit-log/queries';
import { auditObjectRef, resolveAuditObjects } from '@/modules/audit-log/object-refs';
import { AuditLogList } from '@/modules/audit-log/components/audit-log-list';
import { formatDateTime } from '@/ui/format';
import { hasPermission } from '@/platform/permissions/check';

export const metadata: Metadata = { title: '审计日志' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('audit:view');
  const { filter, notice } = parseListFilter(ZAuditFilter, await searchParams);
  const db = await getDb();
  const [{ rows, total }, options] = await Promise.all([listAuditEntries(db, filter), getAuditFilterOptions(db)]);
  // The objects of this page's rows, by name and code: one query per object type; linked only where this user may open them.
  const refs = await resolveAuditObjects(db, rows, user);
  return (
    <>
      <FilterNotice notice={notice} />
      <AuditLogList
        filter={filter}
        total={total}
        options={options}
        canExport={hasPermission(user, 'audit:export')}
        rows={rows.map((r) => ({ ...r, occurredAt: formatDateTime(r.occurredAt), object: auditObjectRef(refs, r.objectType, r.objectId) }))}
      />
    </>
  );
}
