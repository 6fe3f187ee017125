import type { ReactNode } from 'react';
import { formatCell, headerText, KIND_STYLES, type Column, type MoneyUnit } from './columns';
import { KitTag } from './tag';

/**
 * A read-only table rendered on the server with TDesign's look (its classes), by the column
 * kinds: widths, alignment, no-wrap with ellipsis and tooltip, one unit per money table in the
 * headers, and a totals row drawn by the same columns, so it always lines up. No client JS: a
 * sortable header is a link (see `sortHref`), interactive cells are islands the column renders.
 */
export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  moneyUnit?: MoneyUnit;
  /** The current order, to mark the sorted header. */
  sort?: { key: string | null | undefined; order: 'asc' | 'desc' | null | undefined };
  /** Where a click on a sortable header goes. */
  sortLink?: (sortKey: string) => string;
  /** Totals row: per column key, the raw value (formatted by the column's kind) or content. */
  totals?: { label?: string; values: Partial<Record<string, string | number | ReactNode>> };
  empty?: ReactNode;
  testId?: string;
  /** A row's extra class (e.g. a warning tint). */
  rowClass?: (row: Row) => string | undefined;
  /** Striped rows (long lists); off for short tables inside cards, and with `expandedRow` (the detail rows would break the alternation). */
  striped?: boolean;
  /**
   * Details under a row (an audit entry's field changes), hidden until the row's `ExpandToggle`
   * (rendered by one of its columns) is ticked — CSS only, no client JS.
   */
  expandedRow?: (row: Row) => ReactNode;
  /** The details are always shown, as a full-width line under their row (no toggle). */
  expandedOpen?: boolean;
  /**
   * States the money unit once above the table (「金额单位：万元」, as on a financial statement)
   * instead of in each money header: for wide tables of many amounts, whose headers would
   * otherwise be cut.
   */
  unitCaption?: boolean;
  /**
   * The unit is stated once by what holds the table (a card's 「金额单位：万元」 over figures and
   * tables alike): neither a caption nor units in the money headers.
   */
  unitStated?: boolean;
}

/** The td/th class of a column: alignment and tabular digits (one line, ellipsis: .lr-table td/th). */
function cellClass(column: Pick<Column<unknown>, 'kind'>): string | undefined {
  const s = KIND_STYLES[column.kind];
  const names = [s.align !== 'left' ? `t-align-${s.align}` : '', s.numeric ? 'lr-num' : ''].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

/** Only the attributes that carry a value (an undefined prop is still sent as "$undefined"). */
function attrs(a: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (v) out[k] = v;
  return out;
}

/** Kinds that share the width left over, so their text may be cut: their cells carry it as a tooltip (fixed kinds are sized to fit). */
const MAY_BE_CUT = new Set(['name', 'person']);

/**
 * One cell. Props are only set when they carry something: the payload that hydrates the page
 * (RSC flight) repeats every prop of every cell, so an empty class or an undefined test id costs
 * bytes on every row.
 */
function Cell<Row>({ column, row, unit }: { column: Column<Row>; row: Row; unit: MoneyUnit }) {
  const className = cellClass(column);
  const testId = column.testId;
  const demo = column.demo?.(row) ? (
    <KitTag theme="warning" gap>
      演示
    </KitTag>
  ) : null;
  if (column.render) {
    const tooltip = column.tooltip?.(row);
    return (
      <td {...attrs({ className, title: tooltip, 'data-testid': testId })}>
        {column.render(row)}
        {demo}
      </td>
    );
  }
  const text = formatCell(column.kind, column.value?.(row), unit);
  const tooltip = column.tooltip?.(row) ?? (MAY_BE_CUT.has(column.kind) ? text : undefined);
  const href = text === '' ? null : column.href?.(row);
  return (
    <td {...attrs({ className, title: tooltip, 'data-testid': testId })}>
      {text === '' ? (
        <span className="lr-muted">—</span>
      ) : href ? (
        <a className="lr-link" href={href}>
          {text}
        </a>
      ) : demo ? (
        // Its own element, so the text is found (and copied) apart from the tag.
        <span>{text}</span>
      ) : (
        text
      )}
      {demo}
    </td>
  );
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const unit = props.moneyUnit ?? '元';
  const columns = props.columns;
  const totals = props.totals;
  return (
    <div className={`t-table t-size-s t-table--hoverable${props.striped && !props.expandedRow ? ' t-table--striped' : ''} lr-table`} data-testid={props.testId}>
      {props.unitCaption && (
        <div className="lr-muted lr-table__unit" style={{ textAlign: 'right', fontSize: 12, marginBottom: 4 }}>
          金额单位：{unit}
        </div>
      )}
      <div className="t-table__content">
        <table className="t-table--layout-fixed" style={{ width: '100%' }}>
          <colgroup>
            {columns.map((c) => {
              const width = c.width ?? KIND_STYLES[c.kind].width;
              return <col key={c.key} style={width ? { width } : undefined} />;
            })}
          </colgroup>
          <thead className="t-table__header">
            <tr>
              {columns.map((c) => {
                const sorted = props.sort && c.sortKey && props.sort.key === c.sortKey ? props.sort.order : null;
                const title = (props.unitCaption || props.unitStated) && c.kind === 'money' ? c.title : headerText(c, unit);
                return (
                  <th key={c.key} className={cellClass(c)} title={title} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    <div className="t-table__th-cell-inner">
                      {c.sortKey && props.sortLink ? (
                        <a className={`lr-sort${sorted ? ` lr-sort--${sorted}` : ''}`} href={props.sortLink(c.sortKey)}>
                          {title}
                          <span className="lr-sort__icon" aria-hidden="true" />
                        </a>
                      ) : (
                        title
                      )}
                    </div>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="t-table__body">
            {props.rows.length === 0 ? (
              <tr className="t-table__empty-row">
                <td colSpan={columns.length}>
                  <div className="t-table__empty">{props.empty ?? '暂无数据'}</div>
                </td>
              </tr>
            ) : (
              props.rows.map((row) => {
                const tr = (
                  <tr key={props.rowKey(row)} {...attrs({ className: props.rowClass?.(row) })}>
                    {columns.map((c) => (
                      <Cell key={c.key} column={c} row={row} unit={unit} />
                    ))}
                  </tr>
                );
                if (!props.expandedRow) return tr;
                return [
                  tr,
                  <tr key={`${props.rowKey(row)}:expanded`} className={props.expandedOpen ? 'lr-expanded lr-expanded--open' : 'lr-expanded'}>
                    <td colSpan={columns.length}>
                      <div className="lr-expanded__body">{props.expandedRow(row)}</div>
                    </td>
                  </tr>,
                ];
              })
            )}
          </tbody>
          {totals && props.rows.length > 0 && (
            <tfoot className="t-table__footer">
              <tr className="lr-total">
                {columns.map((c, i) => {
                  const raw = totals.values[c.key];
                  const content =
                    raw === undefined ? (i === 0 ? (totals.label ?? '合计') : null) : typeof raw === 'string' || typeof raw === 'number' ? formatCell(c.kind, raw, unit) : raw;
                  return (
                    <td key={c.key} {...attrs({ className: cellClass(c) })}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
