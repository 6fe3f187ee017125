'use client';
import { useRouter } from 'next/navigation';
import { Select } from 'tdesign-react';
import { listHref, type QueryState } from '@/ui/kit/query';

/**
 * The year of a funds page in its URL (?year=…) beside the page's other parameters (`keep`;
 * paging restarts). Wide enough for its longest option (「全部年度」, 「2026 年」) and the clear icon,
 * so the year is never cut to 「202…」.
 */
export function YearSelect(props: { path: string; year: number | null; years: number[]; allowAll?: boolean; keep?: QueryState }) {
  const router = useRouter();
  const change = (value: unknown) => router.push(listHref(props.path, { ...props.keep, page: undefined, year: typeof value === 'number' ? value : undefined }));
  return (
    <Select
      style={{ width: 136 }}
      value={props.year ?? undefined}
      placeholder={props.allowAll ? '全部年度' : '年度'}
      clearable={!!props.allowAll}
      options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
      onChange={change}
    />
  );
}
