import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { hasPermission } from '@/platform/permissions/check';
import { ZAuditFilter } from '@/modules/audit-log/queries';
import { exportAuditCsv } from '@/modules/audit-log/export';
import { todayInShanghai } from '@/ui/format';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: '登录已失效，请重新登录' }, { status: 401 });
  if (!hasPermission(actor, 'audit:export')) return Response.json({ error: '您没有导出审计日志的权限' }, { status: 403 });
  const filter = ZAuditFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { csv } = await exportAuditCsv(await getDb(), actor, filter);
  const name = encodeURIComponent(`审计日志-${todayInShanghai()}.csv`);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log.csv"; filename*=UTF-8''${name}`,
      'cache-control': 'no-store',
    },
  });
}
