import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { hasPermission } from '@/platform/permissions/check';
import { GENERIC_FAILURE } from '@/platform/errors';
import { getLogger } from '@/platform/logger';
import { describeZodError } from '@/platform/validation';
import { exportFundsXlsx } from '@/modules/funds/balances/export';
import { ZExportParams } from '@/modules/funds/balances/validation';

export const dynamic = 'force-dynamic';

/** 导出 Excel: ?kind=projects|report|monthly&year=…&projectId=… (plus q/status for projects). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: '登录已失效，请重新登录' }, { status: 401 });
  if (!hasPermission(actor, 'fund:export')) return Response.json({ error: '您没有导出资金数据的权限' }, { status: 403 });
  const parsed = ZExportParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: describeZodError(parsed.error).message }, { status: 400 });
  let result;
  try {
    result = await exportFundsXlsx(await getDb(), actor, parsed.data);
  } catch (e) {
    getLogger().error({ err: e, requestId: actor.requestId, userId: actor.userId }, 'funds export failed');
    return Response.json({ error: GENERIC_FAILURE }, { status: 500 });
  }
  return new Response(new Uint8Array(result.buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${result.asciiName}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
