'use client';
import { Alert, Checkbox } from 'tdesign-react';
import type { SpendingCheck } from '../../rules';

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
