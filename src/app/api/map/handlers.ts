import 'server-only';
import type { Actor } from '@/platform/action';
import type { Db } from '@/platform/db/client';
import { hasPermission } from '@/platform/permissions/check';
import { GENERIC_FAILURE } from '@/platform/errors';
import { getLogger } from '@/platform/logger';
import { auditRouteRefusal } from '@/platform/http/refusals';
import { todayInShanghai } from '@/ui/format';
import { getDistrictCollection, getParcelCard, getParcelExtent, parcelMatchesFilters, searchParcels, viewStatistics } from '@/modules/map/queries';
import { parseBBox, parseMapFilters, parseSearchText, SEARCH_MAX_LENGTH } from '@/modules/map/validation';

/**
 * The battle map's JSON endpoints (/api/map/*), separated from the route files so the
 * integration tests can call them with a test database and actor. Every one needs a session
 * (401) and parcel:view (403); answers are private to the user (Cache-Control private).
 */

const NO_STORE = { 'cache-control': 'private, no-store' };

function json(body: unknown, status = 200, headers: Record<string, string> = NO_STORE): Response {
  return Response.json(body, { status, headers });
}

function denied(actor: Actor | null): Response | null {
  if (!actor) return json({ error: '登录已失效，请重新登录' }, 401);
  if (!hasPermission(actor, 'parcel:view')) return json({ error: '您没有查看地块的权限' }, 403);
  return null;
}

async function guarded(actor: Actor | null, what: string, body: () => Promise<Response>): Promise<Response> {
  const refusal = denied(actor);
  if (refusal) {
    await auditRouteRefusal(actor, refusal.status === 401 ? 401 : 403, `GET /api/map/${what}`, actor ? '缺少权限 parcel:view' : '未登录');
    return refusal;
  }
  try {
    return await body();
  } catch (e) {
    getLogger().error({ err: e, requestId: actor?.requestId, userId: actor?.userId }, `map ${what} failed`);
    return json({ error: GENERIC_FAILURE }, 500);
  }
}

/** GET /api/map/districts: the districts as GeoJSON (polygons and label points). */
export function districtsResponse(db: Db, actor: Actor | null): Promise<Response> {
  return guarded(actor, 'districts', async () => json(await getDistrictCollection(db), 200, { 'cache-control': 'private, max-age=3600' }));
}

/** GET /api/map/parcels/{id}: the parcel card. */
export function cardResponse(db: Db, actor: Actor | null, id: string, today: string = todayInShanghai()): Promise<Response> {
  return guarded(actor, 'card', async () => {
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return json({ error: '地块标识无效' }, 400);
    const card = await getParcelCard(db, id, today);
    return card ? json(card) : json({ error: '地块不存在或已被删除' }, 404);
  });
}

/** GET /api/map/parcels/{id}/match?<filters>: `{ matches }`, whether the filters keep the parcel. */
export function matchResponse(db: Db, actor: Actor | null, id: string, url: string, today: string = todayInShanghai()): Promise<Response> {
  return guarded(actor, 'match', async () => {
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return json({ error: '地块标识无效' }, 400);
    return json({ matches: await parcelMatchesFilters(db, id, parseMapFilters(new URL(url).searchParams), today) });
  });
}

/** GET /api/map/search?q=: up to 10 parcels by code or name. */
export function searchResponse(db: Db, actor: Actor | null, url: string): Promise<Response> {
  return guarded(actor, 'search', async () => {
    const params = new URL(url).searchParams;
    const raw = (params.get('q') ?? '').trim();
    if (raw.length > SEARCH_MAX_LENGTH) return json({ error: `搜索内容不能超过 ${SEARCH_MAX_LENGTH} 个字符` }, 400);
    const q = parseSearchText(params);
    return json({ hits: q ? await searchParcels(db, q) : [] });
  });
}

/** GET /api/map/stats?bbox=minLon,minLat,maxLon,maxLat&<filters>: count and area by stage in view. */
export function statsResponse(db: Db, actor: Actor | null, url: string, today: string = todayInShanghai()): Promise<Response> {
  return guarded(actor, 'stats', async () => {
    const params = new URL(url).searchParams;
    const bbox = parseBBox(params);
    if (!bbox) return json({ error: '视图范围 bbox 缺失或无效（应为 最小经度,最小纬度,最大经度,最大纬度）' }, 400);
    return json(await viewStatistics(db, bbox, parseMapFilters(params), today));
  });
}

/** GET /api/map/extent?<filters>: `{ extent }`, the bbox of the parcels the filters keep (null when none). */
export function extentResponse(db: Db, actor: Actor | null, url: string, today: string = todayInShanghai()): Promise<Response> {
  return guarded(actor, 'extent', async () => json({ extent: await getParcelExtent(db, parseMapFilters(new URL(url).searchParams), today) }));
}
