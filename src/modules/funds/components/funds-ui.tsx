'use client';
import type { ReactNode } from 'react';
import { formatYuan } from '@/modules/plans/amounts';
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
