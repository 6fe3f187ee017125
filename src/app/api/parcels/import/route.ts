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
import { enforceRateLimit } from '@/platform/http/rate-limit';
import { slicedJsonResponse } from '@/platform/http/sliced-json';
import { parseMultipart, readBodyLimited } from '@/platform/http/multipart';
import { guardRequest, withGuardHeaders } from '@/platform/http/request-guard';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * POST multipart (file, projectId, zone?, encoding?, commit?): parses and checks the boundary
 * file; with commit=1 it imports every feature into the project in one transaction. The file is
 * parsed again on commit, so what is saved is exactly what the server checked.
 */
export async function POST(request: Request) {
  // The proxy skips this route (UNPROXIED_UPLOAD_ROUTES in src/proxy.ts): its checks run here.
  const guard = await guardRequest(request, '/api/parcels/import');
  if (guard.refusal) return guard.refusal;
  return withGuardHeaders(await importBoundaries(request), guard);
}

async function importBoundaries(request: Request): Promise<Response> {
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
  const limited = await enforceRateLimit(db, 'import', actor, '地块边界文件');
  if (limited) return limited;
  // Refused by its declared size before anything is read (the parser would refuse it later anyway).
  const maxFileMb = (await getSettings(db))['import.maxFileMb'];
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > importBodyLimitBytes(maxFileMb)) return json(413, { error: `文件过大（${(declared / 1024 / 1024).toFixed(1)} MB），边界文件不能超过 ${maxFileMb} MB` });
  // Read chunk by chunk and split with Buffer.indexOf (src/platform/http/multipart.ts):
  // request.formData() parses a 20 MB body in one blocking pass.
  const body = await readBodyLimited(request, importBodyLimitBytes(maxFileMb)).catch(() => undefined);
  if (body === null) return json(413, { error: `文件过大，边界文件不能超过 ${maxFileMb} MB` });
  const form = body ? parseMultipart(body, request.headers.get('content-type')) : null;
  if (!form) return json(400, { error: '上传内容无法读取，请重新选择文件' });
  const upload = form.files.get('file');
  if (!upload || upload.bytes.byteLength === 0) return json(400, { error: '请选择要导入的边界文件' });
  const file = { name: upload.name, bytes: upload.bytes };
  const projectId = form.fields.get('projectId') ?? '';
  const zoneRaw = form.fields.get('zone') ?? '';
  // An id never reaches a query unless it looks like one (a NUL byte made PostgreSQL fail: 500).
  if (projectId && !/^[0-9A-Za-z_-]{1,64}$/.test(projectId)) return json(400, { error: '所选项目无效，请重新选择项目' });
  const zone = /^\d{2}$/.test(zoneRaw) ? Number(zoneRaw) : undefined;
  const encodingRaw = form.fields.get('encoding') ?? 'auto';
  const encoding = encodingRaw === 'utf8' || encodingRaw === 'gbk' ? encodingRaw : 'auto';
  try {
    let codePrefix = 'DK';
    if (projectId) {
      const [project] = await db.select({ code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.id, projectId));
      if (project) codePrefix = project.code;
    }
    const preview = await previewBoundaryImport(db, file.name, file.bytes, { zone, encoding, codePrefix });
    // The preview carries every parcel's boundary: stringified in slices (src/platform/http/sliced-json.ts).
    const withPreview = (status: number, body: Record<string, unknown>) => slicedJsonResponse(status, { ...body, preview }, ['preview', 'features'], { 'cache-control': 'no-store' });
    if (form.fields.get('commit') !== '1') return withPreview(200, {});
    if (!projectId) return withPreview(400, { error: '请选择地块所属的项目' });
    const result = await importParcels.execute(db, actor, { projectId, fileName: file.name, preview });
    return withPreview(result.ok ? 200 : 422, { ...result });
  } catch (e) {
    getLogger().error({ error: briefError(e), requestId: actor.requestId }, 'boundary import failed');
    return json(500, { error: '文件处理失败，请稍后重试' });
  }
}
