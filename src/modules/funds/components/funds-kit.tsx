import type { ReactNode } from 'react';
// Notice draws TDesign's Alert on the server: its look without its JS.
import 'tdesign-react/es/alert/style/index.css';
import './funds.css';
import { formatYuan } from '@/modules/plans/amounts';
import { formatCell, type Column } from '@/ui/kit/columns';
import { rateText } from '../balances/view';

/**
 * Server-rendered pieces shared by the funds pages on the page kit. One unit rule: 万元 in
 * overviews, balances, budgets, bonds and the report; 元 in ledger entries and vouchers — the unit
 * is stated in each header (DataTable `moneyUnit`) or figure label.
 */

function isNegative(value: string): boolean {
  return value.startsWith('-') && !/^-0(\.0+)?$/.test(value);
}

/** An amount (given in 元) in 万元 with two decimals; negatives in red; the exact 元 in the tooltip. */
export function Wan({ value, strong }: { value: string | null | undefined; strong?: boolean }) {
  if (value === null || value === undefined) return <span className="lr-muted">—</span>;
  const style = isNegative(value) || strong ? { color: isNegative(value) ? 'var(--td-error-color)' : undefined, fontWeight: strong ? 600 : undefined } : undefined;
  return (
    <span className="lr-num" style={style} title={`${formatYuan(value)} 元`}>
      {formatCell('money', value, '万元')}
    </span>
  );
}

/** A rate in percent, '—' without a budget. */
export function RateText({ value }: { value: string | null | undefined }) {
  return <span className="lr-num">{rateText(value)}</span>;
}

/**
 * A 万元 money column: the kind's width and alignment, negatives in red (`get` returns 元).
 * `exact` puts the exact 元 in each cell's tooltip — for figures checked against payments (bond
 * schedules); elsewhere it would only repeat every amount in the page's bytes.
 */
export function wanColumn<Row>(key: string, title: string, get: (row: Row) => string | null | undefined, extra?: Partial<Column<Row>>, exact = false): Column<Row> {
  return {
    key,
    title,
    kind: 'money',
    ...(exact
      ? {
          tooltip: (r: Row) => {
            const v = get(r);
            return v === null || v === undefined ? undefined : `${formatYuan(v)} 元`;
          },
        }
      : {}),
    render: (r) => {
      const v = get(r);
      if (v === null || v === undefined) return <span className="lr-muted">—</span>;
      const text = formatCell('money', v, '万元');
      return isNegative(v) ? <span className="lr-neg">{text}</span> : text;
    },
    ...extra,
  };
}

/** A rate column ('45.67' → 45.67%, '—' without a budget). */
export function rateColumn<Row>(key: string, title: string, get: (row: Row) => string | null | undefined, extra?: Partial<Column<Row>>): Column<Row> {
  return { key, title, kind: 'percent', width: 100, value: get, ...extra };
}

export interface FigureItem {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}

/** A row of headline figures (label above, value large), server-rendered. */
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

/** TDesign's Alert look on the server (rules, warnings above a table). */
export function Notice({ theme, children, testId }: { theme: 'info' | 'warning' | 'error' | 'success'; children: ReactNode; testId?: string }) {
  return (
    <div className={`t-alert t-alert--${theme}`} style={{ marginBottom: 12 }} data-testid={testId}>
      <div className="t-alert__content">
        <div className="t-alert__message">
          <div className="t-alert__description" style={{ fontSize: 13 }}>
            {children}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * 预算执行率 as a small bar beside the exact percentage, on one line, server-rendered; 「未编制」
 * without a budget. Above 100% the bar is full and in the warning colour (spending beyond it).
 */
export function RateBar({ rate, hasBudget = true }: { rate: string | null; hasBudget?: boolean }) {
  if (rate === null) return <span className="lr-muted">{hasBudget ? '预算为 0' : '未编制'}</span>;
  const value = Number(rate);
  const bar = Math.max(0, Math.min(100, value));
  const tone = value > 100 ? ' lr-rate__bar--over' : value >= 100 ? ' lr-rate__bar--full' : '';
  return (
    <span className="lr-rate">
      <span className="lr-rate__track">
        <span className={`lr-rate__bar${tone}`} style={{ width: `${bar}%` }} />
      </span>
      <span className="lr-num">{rate}%</span>
    </span>
  );
}

/** A rate column drawn as a bar (`hasBudget` false: 「未编制」). */
export function rateBarColumn<Row>(key: string, title: string, get: (row: Row) => string | null, hasBudget: (row: Row) => boolean, width = 150): Column<Row> {
  return { key, title, kind: 'percent', width, render: (r) => <RateBar rate={get(r)} hasBudget={hasBudget(r)} /> };
}
