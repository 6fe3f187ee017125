import type { ReactNode } from 'react';

export interface SummaryItem {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
}

/** A row of figures (label above, value large) used by the parcel's 补偿 / 开发 / 管护 summaries. */
export function SummaryGrid({ items, testId }: { items: SummaryItem[]; testId?: string }) {
  return (
    <dl className="lr-card-grid" style={{ margin: 0, gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))' }} data-testid={testId}>
      {items.map((item) => (
        <div key={item.label} style={{ padding: '4px 0' }}>
          <dt className="lr-muted" style={{ fontSize: 13 }}>
            {item.label}
          </dt>
          <dd style={{ margin: '4px 0 0', fontSize: 20, fontWeight: 600 }}>{item.value}</dd>
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
