import { ZParcelFilter } from '@/modules/parcels/validation';
import { exportParcelsXlsx } from '@/modules/parcels/export';
import { todayInShanghai } from '@/ui/format';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /parcels list's filtered rows (all pages) as .xlsx. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'parcel:export', deniedMessage: '您没有导出地块数据的权限', action: '导出地块', objectType: '地块' }, async (db, actor) => {
    const filter = ZParcelFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { buffer } = await exportParcelsXlsx(db, actor, filter);
    const name = encodeURIComponent(`地块-${todayInShanghai()}.xlsx`);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="parcels.xlsx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
