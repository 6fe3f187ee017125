import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { hasPermission } from '@/platform/permissions/check';
import { ZParcelFilter } from '@/modules/parcels/validation';
import { exportParcelsXlsx } from '@/modules/parcels/export';
import { todayInShanghai } from '@/ui/format';
import { GENERIC_FAILURE } from '@/platform/errors';
import { getLogger } from '@/platform/logger';

export const dynamic = 'force-dynamic';

/** 导出 Excel: the /parcels list's filtered rows (all pages) as .xlsx. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: '登录已失效，请重新登录' }, { status: 401 });
  if (!hasPermission(actor, 'parcel:export')) return Response.json({ error: '您没有导出地块数据的权限' }, { status: 403 });
  const filter = ZParcelFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  let buffer: Buffer;
  try {
    ({ buffer } = await exportParcelsXlsx(await getDb(), actor, filter));
  } catch (e) {
    getLogger().error({ err: e, requestId: actor.requestId, userId: actor.userId }, 'parcel export failed');
    return Response.json({ error: GENERIC_FAILURE }, { status: 500 });
  }
  const name = encodeURIComponent(`地块-${todayInShanghai()}.xlsx`);
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="parcels.xlsx"; filename*=UTF-8''${name}`,
      'cache-control': 'no-store',
    },
  });
}
