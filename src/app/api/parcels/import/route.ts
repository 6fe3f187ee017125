import { getDb } from '@/platform/db';
import { getActor } from '@/platform/run-action';
import { hasPermission } from '@/platform/permissions/check';
import { briefError, getLogger } from '@/platform/logger';
import { previewBoundaryImport } from '@/modules/parcels/import/service';
import { importParcels } from '@/modules/parcels/import/mutations';
import { reserveProjects } from '@/modules/parcels/schema';
import { eq } from 'drizzle-orm';
import { getSettings } from '@/platform/settings';
import { importBodyLimitBytes } from '@/platform/http/body-limits';
import { auditRouteRefusal } from '@/platform/http/refusals';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * POST multipart (file, projectId, zone?, encoding?, commit?): parses and checks the boundary
 * file; with commit=1 it imports every feature into the project in one transaction. The file is
 * parsed again on commit, so what is saved is exactly what the server checked.
 */
export async function POST(request: Request) {
  const actor = await getActor();
  if (!actor) {
    await auditRouteRefusal(null, 401, 'POST /api/parcels/import', '未登录');
    return json(401, { error: '登录已失效，请重新登录' });
  }
  if (!hasPermission(actor, 'parcel:edit')) {
    await auditRouteRefusal(actor, 403, 'POST /api/parcels/import', '缺少权限 parcel:edit');
    return json(403, { error: '您没有导入地块的权限' });
  }
  const db = await getDb();
  // Refused by its declared size before anything is read (the parser would refuse it later anyway).
  const maxFileMb = (await getSettings(db))['import.maxFileMb'];
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > importBodyLimitBytes(maxFileMb)) return json(413, { error: `文件过大（${(declared / 1024 / 1024).toFixed(1)} MB），边界文件不能超过 ${maxFileMb} MB` });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json(400, { error: '上传内容无法读取，请重新选择文件' });
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return json(400, { error: '请选择要导入的边界文件' });
  const projectId = String(form.get('projectId') ?? '');
  // An id never reaches a query unless it looks like one (a NUL byte made PostgreSQL fail: 500).
  if (projectId && !/^[0-9A-Za-z_-]{1,64}$/.test(projectId)) return json(400, { error: '所选项目无效，请重新选择项目' });
  const zoneRaw = String(form.get('zone') ?? '');
  const zone = /^\d{2}$/.test(zoneRaw) ? Number(zoneRaw) : undefined;
  const encodingRaw = String(form.get('encoding') ?? 'auto');
  const encoding = encodingRaw === 'utf8' || encodingRaw === 'gbk' ? encodingRaw : 'auto';
  try {
    let codePrefix = 'DK';
    if (projectId) {
      const [project] = await db.select({ code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.id, projectId));
      if (project) codePrefix = project.code;
    }
    const preview = await previewBoundaryImport(db, file.name, new Uint8Array(await file.arrayBuffer()), { zone, encoding, codePrefix });
    if (form.get('commit') !== '1') return json(200, { preview });
    if (!projectId) return json(400, { error: '请选择地块所属的项目', preview });
    const result = await importParcels.execute(db, actor, { projectId, fileName: file.name, preview });
    return json(result.ok ? 200 : 422, { ...result, preview });
  } catch (e) {
    getLogger().error({ error: briefError(e), requestId: actor.requestId }, 'boundary import failed');
    return json(500, { error: '文件处理失败，请稍后重试' });
  }
}
