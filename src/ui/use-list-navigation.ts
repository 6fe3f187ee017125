'use client';
import { usePathname, useRouter } from 'next/navigation';

export const DEFAULT_PAGE_SIZE = 20;

export interface ListPaging {
  page: number;
  size: number;
}

/** A list's URL state: paging plus any flat filters. */
export type ListState = ListPaging & { [key: string]: string | number | null | undefined };

/** The query string of a list state, leaving out empty values and defaults (page 1, size 20). */
export function listQueryString(state: { [key: string]: string | number | null | undefined }): string {
  const qs = new URLSearchParams();
  for (const [key, raw] of Object.entries(state)) {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'size' && value === DEFAULT_PAGE_SIZE) continue;
    qs.set(key, String(value));
  }
  return qs.toString();
}

/**
 * Lists keep their state (search, filters, page, size) in the URL, so the server renders the
 * requested page and a link can be shared. `navigate` moves to a new state; `pagination`
 * gives TDesign's Table the matching pager.
 */
export function useListNavigation<F extends ListState>(filter: F) {
  const router = useRouter();
  const pathname = usePathname();
  const navigate = (next: ListState) => {
    const query = listQueryString(next);
    router.push(query ? `${pathname}?${query}` : pathname);
  };
  const pagination = (total: number) => ({
    current: filter.page,
    pageSize: filter.size,
    total,
    pageSizeOptions: [20, 50, 100],
    showJumper: true,
    onChange: ({ current, pageSize }: { current: number; pageSize: number }) =>
      navigate({ ...filter, page: pageSize !== filter.size ? 1 : current, size: pageSize }),
  });
  return { navigate, pagination };
}
