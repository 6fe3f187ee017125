'use client';
import { Alert, Card, Checkbox } from 'tdesign-react';
import { formatWan, formatYuan } from '@/modules/plans/amounts';
import type { SpendingCheck } from '../../rules';

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

/** The warnings, each with its rule source. */
export function SpendingWarnings(props: { check: SpendingCheck; refused: boolean }) {
  if (props.check.warnings.length === 0) return null;
  return (
    <Alert
      theme={props.refused ? 'error' : 'warning'}
      title={props.refused ? '资金预警：按系统参数不予审批' : '资金预警'}
      message={
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="spending-warnings">
          {props.check.warnings.map((w) => (
            <li key={w.code}>
              {w.message}
              <div className="lr-muted" style={{ fontSize: 12 }}>
                依据：{w.rule}
              </div>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** On the entry page: what this expense does to the project's money. */
export function SpendingCheckCard(props: { check: SpendingCheck; refused: boolean }) {
  return (
    <Card bordered={false} title="资金校验（本笔支出对项目预算和余额的影响）">
      <div style={{ display: 'grid', gap: 12 }}>
        <SpendingWarnings check={props.check} refused={props.refused} />
        <SpendingFigures check={props.check} />
      </div>
    </Card>
  );
}

/** In an approval dialog: the warnings and the 已知悉 tick the approver must give. */
export function SpendingAcknowledge(props: { check: SpendingCheck; refused: boolean; checked: boolean; error?: string; onChange: (checked: boolean) => void }) {
  if (props.check.warnings.length === 0) return null;
  return (
    <div style={{ display: 'grid', gap: 8, marginBottom: 12 }}>
      <SpendingWarnings check={props.check} refused={props.refused} />
      {!props.refused && (
        <div>
          <Checkbox checked={props.checked} onChange={(v) => props.onChange(Boolean(v))}>
            我已知悉上述资金预警，确认通过
          </Checkbox>
          {props.error && <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 4 }}>{props.error}</div>}
        </div>
      )}
    </div>
  );
}
