import { todayInShanghai } from '@/ui/format';
import { ZDocumentFilter } from '@/modules/documents/validation';
import { exportDocumentsXlsx } from '@/modules/documents/export';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /documents list's filtered rows (all pages), as .xlsx. */
export async function GET(request: Request) {
  return exportRoute({ permission: 'document:export', deniedMessage: '您没有导出公文登记的权限', action: '导出发文登记', objectType: '公文' }, async (db, actor) => {
    const filter = ZDocumentFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    const buffer = await exportDocumentsXlsx(db, actor, filter);
    const name = encodeURIComponent(`发文登记-${todayInShanghai()}.xlsx`);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="documents.xlsx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
