import { todayInShanghai } from '@/ui/format';
import { ZContractFilter } from '@/modules/contracts/validation';
import { exportContractsXlsx } from '@/modules/contracts/export';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /contracts list's filtered rows (all pages) with paid, planned and remaining amounts. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'contract:export', deniedMessage: '您没有导出合同台账的权限', action: '导出合同台账', objectType: '合同' }, async (db, actor) => {
    const filter = ZContractFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { buffer } = await exportContractsXlsx(db, actor, filter);
    const name = encodeURIComponent(`合同台账-${todayInShanghai()}.xlsx`);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="contracts.xlsx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
