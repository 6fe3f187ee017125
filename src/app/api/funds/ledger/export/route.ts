import { todayInShanghai } from '@/ui/format';
import { ZLedgerFilter } from '@/modules/funds/ledger/validation';
import { exportLedgerXlsx } from '@/modules/funds/ledger/export';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /funds/ledger list's filtered rows (all pages) with exact totals, as .xlsx. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'fund:export', deniedMessage: '您没有导出资金数据的权限', action: '导出收支台账', objectType: '资金收支' }, async (db, actor) => {
    const filter = ZLedgerFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { buffer } = await exportLedgerXlsx(db, actor, filter);
    const name = encodeURIComponent(`收支台账-${todayInShanghai()}.xlsx`);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="ledger.xlsx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
