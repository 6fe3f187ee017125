'use client';
import type { ReactNode } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { Select } from 'tdesign-react';
import { formatYuan } from '@/modules/plans/amounts';
import { listQueryString } from '@/ui/use-list-navigation';
import { rateText } from '../balances/view';

/** An amount in 元 with separators; negative amounts in red. */
export function Yuan({ value, strong }: { value: string | null | undefined; strong?: boolean }) {
  if (value === null || value === undefined) return <span className="lr-muted">—</span>;
  const negative = value.startsWith('-') && !/^-0(\.0+)?$/.test(value);
  return (
    <span style={{ whiteSpace: 'nowrap', color: negative ? 'var(--td-error-color)' : undefined, fontWeight: strong ? 600 : undefined }}>{formatYuan(value)}</span>
  );
}

/** A rate in percent, '—' without a budget. */
export function Rate({ value }: { value: string | null | undefined }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{rateText(value)}</span>;
}

export interface FigureItem {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}

/** A row of headline figures (label above, value large). */
export function FigureGrid({ items, testId }: { items: FigureItem[]; testId?: string }) {
  return (
    <dl className="lr-card-grid" style={{ margin: 0, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }} data-testid={testId}>
      {items.map((item) => (
        <div key={item.label} style={{ padding: '4px 0' }} data-testid={item.testId}>
          <dt className="lr-muted" style={{ fontSize: 13 }}>
            {item.label}
          </dt>
          <dd style={{ margin: '4px 0 0', fontSize: 22, fontWeight: 600 }}>{item.value}</dd>
          {item.hint && (
            <dd className="lr-muted" style={{ margin: '2px 0 0', fontSize: 12 }}>
              {item.hint}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/**
 * Year selector that keeps the year in the URL (?year=…) next to the page's other parameters
 * (`keep`; paging restarts). `allowAll` adds 全部年度 (no year).
 */
export function YearSelect(props: { year: number | null; years: number[]; allowAll?: boolean; width?: number; keep?: Record<string, string | number | undefined> }) {
  const router = useRouter();
  const pathname = usePathname();
  const change = (value: unknown) => {
    const qs = listQueryString({ ...props.keep, page: undefined, year: typeof value === 'number' ? value : undefined });
    router.push(qs ? `${pathname}?${qs}` : pathname);
  };
  return (
    <Select
      style={{ width: props.width ?? 130 }}
      value={props.year ?? undefined}
      placeholder={props.allowAll ? '全部年度' : '年度'}
      clearable={!!props.allowAll}
      options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
      onChange={change}
    />
  );
}
