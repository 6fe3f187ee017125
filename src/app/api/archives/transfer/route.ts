import { todayInShanghai } from '@/ui/format';
import { appendAuditStandalone } from '@/platform/audit/write';
import { json } from '@/platform/http/rate-limit';
import { exportRoute } from '@/platform/http/export-route';
import { contentDisposition } from '@/platform/storage/content-disposition';
import { MAX_TRANSFER_ARCHIVES, MAX_TRANSFER_ITEMS, parseIdList, planTransfer, TransferInputError, transferStream } from '@/modules/archives/transfer';

export const dynamic = 'force-dynamic';

/**
 * 生成移交包: `?archives=<id>,<id>` (whole archives) and/or `&items=<id>,…` (a selection of items)
 (or repeated, as a GET form sends check boxes) → the zip streamed as it is made (src/modules/archives/transfer.ts). Guarded like every export
 * (archive:manage, rate limit, refusals audited); the transfer itself is audited when the
 * download completes, with what the package held.
 */
export async function GET(request: Request) {
  return exportRoute({ permission: 'archive:manage', deniedMessage: '您没有生成档案移交包的权限', action: '生成移交包', objectType: '档案' }, async (db, actor) => {
    const params = new URL(request.url).searchParams;
    let plan;
    try {
      const archiveIds = parseIdList(params.getAll('archives').join(','), '档案', MAX_TRANSFER_ARCHIVES);
      const itemIds = parseIdList(params.getAll('items').join(','), '档案条目', MAX_TRANSFER_ITEMS);
      plan = await planTransfer(db, { archiveIds, itemIds });
    } catch (e) {
      if (!(e instanceof TransferInputError)) throw e;
      await appendAuditStandalone(db, {
        userId: actor.userId,
        username: actor.username,
        roleNames: actor.roleNames,
        action: '生成移交包',
        objectType: '档案',
        result: '失败',
        message: `移交条件无效：${e.message}`,
        ip: actor.ip,
        requestId: actor.requestId,
      });
      return json(400, { error: e.message });
    }
    return new Response(transferStream(db, actor, plan), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': contentDisposition(`移交包-${todayInShanghai()}.zip`, 'attachment'),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
