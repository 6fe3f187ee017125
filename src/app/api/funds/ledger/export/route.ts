import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { hasPermission } from '@/platform/permissions/check';
import { GENERIC_FAILURE } from '@/platform/errors';
import { getLogger } from '@/platform/logger';
import { todayInShanghai } from '@/ui/format';
import { ZLedgerFilter } from '@/modules/funds/ledger/validation';
import { exportLedgerXlsx } from '@/modules/funds/ledger/export';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /funds/ledger list's filtered rows (all pages) with exact totals, as .xlsx. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: '登录已失效，请重新登录' }, { status: 401 });
  if (!hasPermission(actor, 'fund:export')) return Response.json({ error: '您没有导出资金数据的权限' }, { status: 403 });
  const filter = ZLedgerFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  let buffer: Buffer;
  try {
    ({ buffer } = await exportLedgerXlsx(await getDb(), actor, filter));
  } catch (e) {
    getLogger().error({ err: e, requestId: actor.requestId, userId: actor.userId }, 'ledger export failed');
    return Response.json({ error: GENERIC_FAILURE }, { status: 500 });
  }
  const name = encodeURIComponent(`收支台账-${todayInShanghai()}.xlsx`);
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="ledger.xlsx"; filename*=UTF-8''${name}`,
      'cache-control': 'no-store',
    },
  });
}
