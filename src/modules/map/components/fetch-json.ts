'use client';

export type TFetchResult<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * GET a JSON endpoint of the map; a failure becomes a Chinese message (the server's own
 * `error` when it sent one). Aborted requests resolve as failures the caller ignores.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<TFetchResult<T>> {
  try {
    const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
    const body = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, data: body as T };
    const message = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : null;
    if (res.status === 401) return { ok: false, error: message ?? '登录已失效，请重新登录' };
    return { ok: false, error: message ?? `请求失败（${res.status}），请稍后重试` };
  } catch {
    return { ok: false, error: signal?.aborted ? '已取消' : '网络错误，请检查连接后重试' };
  }
}
