import 'server-only';
import type { Db } from '@/platform/db/client';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Actor } from '@/platform/action';
import { toCsv } from '@/platform/csv';
import { formatDateTime } from '@/ui/format';
import { AUDIT_EXPORT_LIMIT, listAuditEntriesForExport, type TAuditFilter } from './queries';
import { auditFieldLabel, auditValueText } from './field-labels';

function diffText(diff: string | null): string {
  if (!diff) return '';
  try {
    const parsed = JSON.parse(diff) as Record<string, { from: unknown; to: unknown }>;
    return Object.entries(parsed)
      .map(([k, v]) => `${auditFieldLabel(k)}：${auditValueText(v.from)} → ${auditValueText(v.to)}`)
      .join('；');
  } catch {
    return diff;
  }
}

/** The filtered audit log as CSV; the export itself is audited (with the filter and row count). */
export async function exportAuditCsv(db: Db, actor: Actor, filter: TAuditFilter): Promise<{ csv: string; count: number; truncated: boolean }> {
  const { rows, total } = await listAuditEntriesForExport(db, filter);
  const csv = toCsv(
    ['序号', '时间', '姓名', '部门', '登录名', '角色', '操作', '对象类型', '对象ID', '结果', '说明', 'IP', '字段变化'],
    rows.map((r) => [
      r.seq,
      formatDateTime(r.occurredAt),
      r.person?.name ?? null,
      r.person?.department ?? null,
      r.username,
      r.roleNames,
      r.action,
      r.objectType,
      r.objectId,
      r.result,
      r.message,
      r.ip,
      diffText(r.diff),
    ]),
  );
  const { page: _page, size: _size, ...conditions } = filter;
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出审计日志',
    objectType: '审计日志',
    result: '成功',
    message: `导出 ${rows.length} 条${total > AUDIT_EXPORT_LIMIT ? `（共 ${total} 条，超出上限只导出最新 ${AUDIT_EXPORT_LIMIT} 条）` : ''}；条件：${JSON.stringify(conditions)}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { csv, count: rows.length, truncated: total > AUDIT_EXPORT_LIMIT };
}
