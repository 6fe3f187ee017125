/**
 * A list's state lives in its URL (filters, sort, page, size), so the server renders the page
 * asked for and a link can be shared. Pure: used by server components (links for sorting and
 * paging) and the filter bar island alike.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100] as const;

export type QueryState = { [key: string]: string | number | boolean | null | undefined };

/** The query string of a state, leaving out empty values and the defaults (page 1, size 20). */
export function listQueryString(state: QueryState): string {
  const qs = new URLSearchParams();
  for (const [key, raw] of Object.entries(state)) {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'size' && value === DEFAULT_PAGE_SIZE) continue;
    qs.set(key, String(value));
  }
  return qs.toString();
}

/** `path?query` of a state. */
export function listHref(path: string, state: QueryState): string {
  const query = listQueryString(state);
  return query ? `${path}?${query}` : path;
}

/**
 * Where a click on a sortable header goes: ascending first, then descending, then back to the
 * list's default order (no `sort` in the URL). Paging starts again at 1.
 */
export function sortHref(path: string, state: QueryState, key: string, current: { sort?: string | null; order?: 'asc' | 'desc' | null }): string {
  const next: QueryState = { ...state, page: 1 };
  if (current.sort !== key) Object.assign(next, { sort: key, order: 'asc' });
  else if (current.order !== 'desc') Object.assign(next, { sort: key, order: 'desc' });
  else Object.assign(next, { sort: undefined, order: undefined });
  return listHref(path, next);
}

/** The pages a pager shows: first, last, the current and its neighbours, with gaps as null. */
export function pagerPages(current: number, last: number, around = 2): (number | null)[] {
  if (last <= 1) return [1];
  const pages = new Set<number>([1, last]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= last) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] - sorted[i - 1] > 1) out.push(null);
    out.push(sorted[i]);
  }
  return out;
}
