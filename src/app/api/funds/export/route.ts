import { exportFundsXlsx } from '@/modules/funds/balances/export';
import { ZExportParams } from '@/modules/funds/balances/validation';
import { exportRoute } from '@/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** 导出 Excel: ?kind=projects|report|monthly&year=…&projectId=… (plus q/status for projects). */
export async function GET(request: Request) {
  return exportRoute({ permission: 'fund:export', deniedMessage: '您没有导出资金数据的权限', action: '导出资金数据', objectType: '资金' }, async (db, actor) => {
    const params = ZExportParams.parse(Object.fromEntries(new URL(request.url).searchParams));
    const result = await exportFundsXlsx(db, actor, params);
    return new Response(new Uint8Array(result.buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${result.asciiName}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
        'cache-control': 'no-store',
      },
    });
  });
}
