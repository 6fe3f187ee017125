import type { ReactNode } from 'react';

export interface DescItem {
  label: string;
  content: ReactNode;
  /** Columns it spans (default 1). */
  span?: number;
  testId?: string;
}

/**
 * A description block (label / value pairs) in TDesign's Descriptions look, rendered on the
 * server: `column` pairs a row, an item may span several.
 */
export function DescList(props: {
  items: readonly DescItem[];
  column?: number;
  testId?: string;
  /** px for each label column (the values share the rest); absent: labels and values share the width equally. */
  labelWidth?: number;
}) {
  const column = props.column ?? 3;
  const rows: DescItem[][] = [];
  let row: DescItem[] = [];
  let used = 0;
  for (const item of props.items) {
    const span = Math.min(item.span ?? 1, column);
    if (used + span > column) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push({ ...item, span });
    used += span;
  }
  if (row.length) rows.push(row);
  return (
    <div className="t-descriptions lr-desc" data-testid={props.testId}>
      <table className="t-descriptions__body t-size-m t-descriptions__body--fixed">
        {props.labelWidth && (
          <colgroup>
            {Array.from({ length: column }, (_, i) => (
              <DescCols key={i} labelWidth={props.labelWidth!} />
            ))}
          </colgroup>
        )}
        <tbody>
          {rows.map((r, i) => {
            const used = r.reduce((s, it) => s + (it.span ?? 1), 0);
            return (
              <tr key={i}>
                {r.map((it, j) => (
                  <DescCells key={it.label} item={it} extra={j === r.length - 1 ? column - used : 0} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DescCells({ item, extra }: { item: DescItem; extra: number }) {
  const span = (item.span ?? 1) + extra;
  return (
    <>
      <td className="t-descriptions__label">{item.label}</td>
      <td className="t-descriptions__content" colSpan={span * 2 - 1} data-testid={item.testId}>
        {item.content === null || item.content === undefined || item.content === '' ? <span className="lr-muted">—</span> : item.content}
      </td>
    </>
  );
}

function DescCols({ labelWidth }: { labelWidth: number }) {
  return (
    <>
      <col style={{ width: labelWidth }} />
      <col />
    </>
  );
}
