import { todayInShanghai } from '@/ui/format';
import { exportRoute } from '@/platform/http/export-route';
import { contentDisposition } from '@/platform/storage/content-disposition';
import { exportExpiredXlsx, ZRetentionFilter } from '@/modules/archives/retention';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /archives/retention list's filtered rows (all pages), for the 鉴定小组. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'archive:manage', deniedMessage: '您没有导出到期档案清单的权限', action: '导出到期档案清单', objectType: '档案条目' }, async (db, actor) => {
    const filter = ZRetentionFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const today = todayInShanghai();
    const { buffer } = await exportExpiredXlsx(db, actor, today, filter);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition(`到期档案清单-${today}.xlsx`, 'attachment'),
        'cache-control': 'no-store',
      },
    });
  });
}
