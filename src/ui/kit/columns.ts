import type { ReactNode } from 'react';
import Decimal from 'decimal.js';
import { groupThousands } from '../format';

/**
 * The page kit's column kinds: each knows its width, alignment and wrapping, so a list cannot
 * wrap a code or a date, misalign an amount or scroll sideways (STYLE.md: one page kit).
 *
 * Widths are in px at the kit's 14px font. Fixed-width kinds keep their width; `name` and `text`
 * share what is left (table-layout: fixed), cut with an ellipsis and a tooltip.
 */
export type ColumnKind = 'code' | 'name' | 'text' | 'date' | 'datetime' | 'money' | 'area' | 'percent' | 'count' | 'tag' | 'person' | 'actions';

export interface KindStyle {
  /** px; undefined: shares the remaining width. */
  width?: number;
  align: 'left' | 'right' | 'center';
  /** Never wraps; cut with an ellipsis and a tooltip when too long. */
  nowrap: boolean;
  /** Tabular digits (amounts, dates, codes). */
  numeric: boolean;
}

export const KIND_STYLES: Record<ColumnKind, KindStyle> = {
  code: { width: 150, align: 'left', nowrap: true, numeric: true },
  name: { align: 'left', nowrap: true, numeric: false },
  text: { align: 'left', nowrap: true, numeric: false },
  date: { width: 108, align: 'left', nowrap: true, numeric: true },
  datetime: { width: 160, align: 'left', nowrap: true, numeric: true },
  money: { width: 136, align: 'right', nowrap: true, numeric: true },
  area: { width: 112, align: 'right', nowrap: true, numeric: true },
  percent: { width: 88, align: 'right', nowrap: true, numeric: true },
  count: { width: 80, align: 'right', nowrap: true, numeric: true },
  tag: { width: 96, align: 'left', nowrap: true, numeric: false },
  person: { width: 150, align: 'left', nowrap: true, numeric: false },
  actions: { width: 120, align: 'left', nowrap: true, numeric: false },
};

/**
 * Money in one unit per table, stated in the column header: 万元 in overviews (balances,
 * budgets, bonds, reports), 元 in ledgers and vouchers (entries, payments, agreements) — the
 * figures people check against a voucher are never rounded.
 */
export type MoneyUnit = '元' | '万元';

export interface Column<Row> {
  key: string;
  title: string;
  kind: ColumnKind;
  /** Overrides the kind's width (px). */
  width?: number;
  /** The value the kind formats (money in 元, area in m², percent as a number string, date text …). */
  value?: (row: Row) => string | number | null | undefined;
  /** Custom content instead of the formatted value (tags, links with badges, row actions). */
  render?: (row: Row) => ReactNode;
  /** The cell's tooltip; defaults to the formatted text for cut-off kinds. */
  tooltip?: (row: Row) => string | undefined;
  /** A link for the cell's text (one link style). */
  href?: (row: Row) => string | null | undefined;
  /** Marks a demo record with the 「演示」 tag after the cell's content (seeded demo data is labelled). */
  demo?: (row: Row) => boolean | undefined;
  /** The sort key this column orders by (the list's `sort` URL value); absent: not sortable. */
  sortKey?: string;
  /** Shown in tests and by screen readers. */
  testId?: string;
}

const MU_PER_M2 = new Decimal(15).div(10_000);

/** The text a kind shows for a raw value; '' for none (the cell then shows a dash). */
export function formatCell(kind: ColumnKind, raw: string | number | null | undefined, unit: MoneyUnit = '元'): string {
  if (raw === null || raw === undefined || raw === '') return '';
  switch (kind) {
    case 'money': {
      const d = new Decimal(raw);
      return groupThousands((unit === '万元' ? d.div(10_000) : d).toFixed(2));
    }
    case 'area':
      // 亩 with 2 decimals (the m² stay in the tooltip).
      return groupThousands(new Decimal(raw).mul(MU_PER_M2).toFixed(2));
    case 'percent':
      return `${new Decimal(raw).toFixed(2)}%`;
    case 'count':
      return groupThousands(new Decimal(raw).toFixed(0));
    default:
      return String(raw);
  }
}

/** The header of a column: money and area columns name their unit. */
export function headerText(column: Pick<Column<unknown>, 'title' | 'kind'>, unit: MoneyUnit): string {
  if (column.kind === 'money' && !/[（(](万?元)[)）]$/.test(column.title)) return `${column.title}（${unit}）`;
  if (column.kind === 'area' && !/[（(]亩[)）]$/.test(column.title)) return `${column.title}（亩）`;
  return column.title;
}

/** The widths that are fixed add up to this; the rest is shared by name/text columns. */
export function fixedWidth(columns: readonly Pick<Column<unknown>, 'kind' | 'width'>[]): number {
  return columns.reduce((sum, c) => sum + (c.width ?? KIND_STYLES[c.kind].width ?? 0), 0);
}
