import { formatWan, formatYuan } from '@/modules/plans/amounts';
import type { SpendingCheck } from '../rules';

/* Server-safe (no TDesign import): rendered by the entry page and inside the approval dialogs. */

const NUM = { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
const CELL = { padding: '6px 8px', borderBottom: '1px solid var(--td-component-stroke)' } as const;

function Wan(props: { yuan: string | null; negative?: boolean }) {
  if (props.yuan === null) return <span className="lr-muted">未编制</span>;
  return (
    <span title={`${formatYuan(props.yuan)} 元`} style={props.negative ? { color: 'var(--td-error-color)' } : undefined}>
      {formatWan(props.yuan)}
    </span>
  );
}

/** The project's budgets and balance before and after this expense (万元; exact 元 on hover). */
export function SpendingFigures(props: { check: SpendingCheck }) {
  const { check } = props;
  return (
    <div data-testid="spending-figures">
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr className="lr-muted">
            <th style={{ ...CELL, textAlign: 'left', fontWeight: 400 }}>口径（万元）</th>
            <th style={{ ...CELL, ...NUM, fontWeight: 400 }}>预算</th>
            <th style={{ ...CELL, ...NUM, fontWeight: 400 }}>已支出</th>
            <th style={{ ...CELL, ...NUM, fontWeight: 400 }}>本笔后</th>
            <th style={{ ...CELL, ...NUM, fontWeight: 400 }}>执行率</th>
          </tr>
        </thead>
        <tbody>
          {check.lines.map((l) => (
            <tr key={l.key} data-testid={`spending-${l.key}`}>
              <td style={{ ...CELL, whiteSpace: 'nowrap', paddingLeft: l.key.startsWith('category') ? 24 : 8 }}>{l.label}</td>
              <td style={{ ...CELL, ...NUM }}>
                <Wan yuan={l.budget} />
              </td>
              <td style={{ ...CELL, ...NUM }}>
                <Wan yuan={l.spent} />
              </td>
              <td style={{ ...CELL, ...NUM }}>
                <Wan yuan={l.after} negative={l.over} />
              </td>
              <td style={{ ...CELL, ...NUM, color: l.over ? 'var(--td-error-color)' : undefined }}>{l.rateAfter === null ? '—' : `${l.rateAfter}%`}</td>
            </tr>
          ))}
          <tr data-testid="spending-balance">
            <td style={{ ...CELL, whiteSpace: 'nowrap' }}>项目可用余额（已到位 − 已支出）</td>
            <td style={CELL} />
            <td style={{ ...CELL, ...NUM }}>
              <Wan yuan={check.balanceBefore} negative={check.balanceBefore.startsWith('-')} />
            </td>
            <td style={{ ...CELL, ...NUM }}>
              <Wan yuan={check.balanceAfter} negative={check.balanceAfter.startsWith('-')} />
            </td>
            <td style={CELL} />
          </tr>
        </tbody>
      </table>
      {check.pendingOtherCount > 0 && (
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 6 }}>
          另有该项目 {check.pendingOtherCount} 笔支出共 {formatWan(check.pendingOther)} 万元正在审批中，未计入上表。
        </div>
      )}
    </div>
  );
}

