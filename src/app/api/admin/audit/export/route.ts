import { ZAuditFilter } from '@/modules/audit-log/queries';
import { exportAuditCsv } from '@/modules/audit-log/export';
import { todayInShanghai } from '@/ui/format';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return exportRoute({ permission: 'audit:export', deniedMessage: '您没有导出审计日志的权限', action: '导出审计日志', objectType: '审计日志' }, async (db, actor) => {
    const filter = ZAuditFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { csv } = await exportAuditCsv(db, actor, filter);
    const name = encodeURIComponent(`审计日志-${todayInShanghai()}.csv`);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-log.csv"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
