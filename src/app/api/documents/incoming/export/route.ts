import { todayInShanghai } from '@/ui/format';
import { ZIncomingFilter } from '@/modules/documents/incoming/validation';
import { exportIncomingXlsx } from '@/modules/documents/incoming/export';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /documents/incoming list's filtered rows (all pages), as .xlsx. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'incoming:export', deniedMessage: '您没有导出收文登记簿的权限', action: '导出收文登记簿', objectType: '收文' }, async (db, actor) => {
    const filter = ZIncomingFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { buffer } = await exportIncomingXlsx(db, actor, filter);
    const name = encodeURIComponent(`收文登记簿-${todayInShanghai()}.xlsx`);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="incoming.xlsx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
